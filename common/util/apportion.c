#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "err.h"

struct remainder {
	__int128 rem;
	size_t index;
	const char *key;
};

static int
by_remainder_then_key(const void *a, const void *b)
{
	const struct remainder *x = a, *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

/*
 * The quotients floor(|T| * w_i / W) into items[].amount, and the
 * remainders in the order that receives the leftover cents (allocated,
 * n entries, ranked only when a cent is left over unless rank_all);
 * returns the number of leftover cents, or -1 as apportion()
 * does.  Both apportion() and apportion_explain() rank through here, so
 * what is explained is what was paid.
 */
static long long
quotients(int64_t total, struct apportion_item *items, size_t n, int rank_all, __int128 *sum,
    struct remainder **sorted)
{
	__int128 sum_w = 0, given = 0, t;
	struct remainder *rems;

	for (size_t i = 0; i < n; i++) {
		items[i].amount = 0;
		if (items[i].weight < 0)
			return -1;
		sum_w += items[i].weight;
	}
	if (sum_w == 0)
		return -1;
	t = total < 0 ? -(__int128)total : (__int128)total;
	rems = err_malloc((n + 1) * sizeof *rems);
	for (size_t i = 0; i < n; i++) {
		__int128 p = t * items[i].weight;

		items[i].amount = (int64_t)(p / sum_w);
		given += items[i].amount;
		rems[i].rem = p % sum_w;
		rems[i].index = i;
		rems[i].key = items[i].key;
	}
	if (rank_all || t > given)
		qsort(rems, n, sizeof *rems, by_remainder_then_key);
	*sum = sum_w;
	*sorted = rems;
	return (long long)(t - given);
}

int
apportion(int64_t total, struct apportion_item *items, size_t n)
{
	struct remainder *rems;
	__int128 sum_w;
	long long left = quotients(total, items, n, 0, &sum_w, &rems);

	if (left < 0)
		return -1;
	for (long long i = 0; i < left; i++)
		items[rems[i].index].amount++;
	free(rems);
	if (total < 0)
		for (size_t i = 0; i < n; i++)
			items[i].amount = -items[i].amount;
	return 0;
}

int
apportion_explain(int64_t total, const struct apportion_item *items, size_t n,
    struct apportion_detail *d, struct apportion_sums *s)
{
	struct apportion_item *copy = err_malloc((n + 1) * sizeof *copy);
	struct remainder *rems;
	long long left;

	memcpy(copy, items, n * sizeof *copy);
	if ((left = quotients(total, copy, n, 1, &s->weight_sum, &rems)) < 0) {
		free(copy);
		return -1;
	}
	s->leftover = left;
	for (size_t r = 0; r < n; r++) {
		size_t i = rems[r].index;

		d[i].quotient = copy[i].amount;
		d[i].remainder = rems[r].rem;
		d[i].rank = r + 1;
		d[i].plus = (long long)r < left;
	}
	free(rems);
	free(copy);
	return 0;
}
