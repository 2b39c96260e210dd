/*
 * statement.h - what each rights holder is owed for a month: the payout
 * lines of 1d-cct gathered per holder and title, the balance brought
 * forward, and what is paid or carried forward under the minimum payout.
 */
#ifndef STATEMENT_H
#define STATEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "adjust.h"
#include "payout.h"

struct statement_title {
	char *track;
	int64_t listens, weight, fixed, variable;
	int has_fixed, has_variable;	/* a line of that part was read */
};

/* Money held in suspense in earlier months, released to the title's holder (1d-cct(1)). */
struct statement_release {
	char *track;
	int64_t amount;
};

struct statement {
	char *holder;
	struct statement_title *titles;	/* sorted by track */
	size_t ntitles;
	int64_t fixed, variable, other;	/* other: lines of other parts */
	int64_t earned, brought, paid, carried;
	const struct adjust_line **adj;	/* restatements of earlier months, in key order */
	size_t nadj;
	int64_t adjusted;		/* the sum of their deltas */
	struct statement_release *rel;	/* the released lines, sorted by track */
	size_t nrel;
	int64_t released;		/* their sum, part of earned */
};

struct statement_month {
	char month[8], model[32];
	struct statement *s;		/* sorted by holder */
	size_t n;
	int64_t parts[PAYOUT_NPARTS];	/* indexed by enum payout_part */
	int64_t total;			/* every payout line */
	struct adjust_set adj;		/* the adjustments read, if any */
	int adjusted;			/* adjustments were given (statements show them) */
};

/*
 * Read payouts (one month, one model; month NULL: the month of the first
 * line) and balances (may be NULL), then settle each holder: a holder
 * whose earnings plus balance reach min_payout is paid it all, otherwise
 * it is carried forward.  Before returning, the settlement is checked
 * against the inputs read again: paid + carried == holders' payouts +
 * balances brought in, to the cent.  Problems go to report(); returns 0,
 * -1 when the inputs do not add up, -2 when a file cannot be read.
 */
int statement_month(struct statement_month *m, const char *payouts, const char *balances,
    const char *month, int flags, int64_t min_payout, payout_report_fn *report);
/*
 * The same with the adjustments of restated months (1d-report restate,
 * may be NULL): a holder's lines of months before this one are shown
 * apart from its earnings, and its due is earnings + adjustments +
 * balance.  Collective lines (no holder) are not any holder's.
 */
int statement_month_adjusted(struct statement_month *m, const char *payouts, const char *adjustments,
    const char *balances, const char *month, int flags, int64_t min_payout, payout_report_fn *report);
void statement_month_free(struct statement_month *m);

/*
 * Check the month against the summary of 1d-cct (key,value rows: base
 * and each part; the lines add up to base + released + returned, money
 * that came from suspense).  0 when every amount it gives matches, 1 when one does
 * not (each told to report()), -1 with errbuf when it cannot be read.
 */
int statement_check_summary(const struct statement_month *m, const char *summary, int flags,
    payout_report_fn *report, char *errbuf, size_t errlen);

#endif
