/*
 * apportion.h - largest-remainder (Hamilton) allocation of integer cents.
 *
 * apportion(T, w[]) gives q_i = floor(T * w_i / W) to each item, then the
 * T - sum(q_i) cents left go one each to the largest remainders
 * T * w_i mod W, ties broken by ascending key in byte order.  The amounts
 * always sum to T exactly: no cent is created or lost, and the result does
 * not depend on the order of the items.  A negative T is allocated as
 * -apportion(-T, w).  Intermediates are 128-bit.
 */
#ifndef APPORTION_H
#define APPORTION_H

#include <stddef.h>
#include <stdint.h>

struct apportion_item {
	const char *key;	/* tie-break, compared with strcmp */
	int64_t weight;		/* >= 0 */
	int64_t amount;		/* set by apportion */
};

/*
 * Allocate total over items[0..n).  Returns 0, or -1 when the total weight
 * is zero (every amount is then 0 and the caller decides where T goes) or
 * a weight is negative.
 */
int apportion(int64_t total, struct apportion_item *items, size_t n);

/* How apportion() reached an item's amount, for an auditor (1d-cct --explain). */
struct apportion_detail {
	int64_t quotient;	/* floor(|T| * w / W) */
	__int128 remainder;	/* |T| * w mod W */
	size_t rank;		/* 1 for the largest remainder, ties by ascending key */
	int plus;		/* 1 when rank <= leftover: one more cent */
};
struct apportion_sums {
	__int128 weight_sum;	/* W */
	long long leftover;	/* |T| - the sum of the quotients */
};

/*
 * The derivation of apportion(total, items, n) (the items are not
 * changed): d[i] for each item, in the items' order.  The amount of item i
 * is quotient + plus, negated when total < 0.  0, or -1 as apportion().
 */
int apportion_explain(int64_t total, const struct apportion_item *items, size_t n,
    struct apportion_detail *d, struct apportion_sums *s);

#endif
