/*
 * cct.h - the month's split of money among rights holders: the CCT rule
 * and the models compared with it (DESIGN.md section 5; 1d-cct(1)).
 *
 * Money only moves through apportion(): every line is integer cents and the
 * lines of a month sum exactly to its base.
 */
#ifndef CCT_H
#define CCT_H

#include <stddef.h>
#include <stdint.h>

#include "apportion.h"
#include "catalog.h"
#include "intern.h"
#include "ledger.h"
#include "payout.h"
#include "policy.h"
#include "table.h"

/* Why usage is set aside: its title is ... */
enum cct_aside {
	CCT_ASIDE_UNKNOWN, CCT_ASIDE_TAKEN_DOWN, CCT_ASIDE_NO_HOLDER, CCT_ASIDE_NOT_AVAILABLE,
	CCT_ASIDE_TERRITORY, CCT_NASIDE
};
extern const char *const cct_aside_names[CCT_NASIDE];

/*
 * One apportion() step of a computation, told to cct_month.trace once its
 * amounts are set (1d-cct --explain): the keys over the parts of a pool,
 * a part over holders, a holder's part over its titles; user-centric: a
 * structure's money over its listeners, a listener's share over titles.
 */
enum cct_step_kind {
	CCT_STEP_KEYS, CCT_STEP_HOLDERS, CCT_STEP_TITLES, CCT_STEP_USERS, CCT_STEP_USER_TITLES
};
struct cct_step {
	enum cct_step_kind kind;
	const char *structure;		/* the structure's own pool; NULL: the month's */
	const char *user;		/* user titles: whose share */
	enum payout_part part;		/* holders, titles: the part shared */
	const char *holder;		/* titles: whose part */
	const int64_t *multiplier;	/* holders: per holder id, thousandths; NULL: none */
	int64_t total;
	const struct apportion_item *items;	/* keys: part names, holder names, tracks, users */
	size_t n;
};
struct cct_trace {
	void (*step)(void *ctx, const struct cct_step *s);
	void *ctx;
};

/* Everything a month's split is computed from. */
struct cct_month {
	const struct policy *policy;
	int year, month;
	const struct catalog *catalog;
	const struct ledger_month *money;
	int pool_structure;	/* --pool structure */
	int weight_ms;		/* user-centric weight: time played */
	int keep_entries;	/* keep usage per structure and user (not only per title) */
	int have_structures, have_users;	/* the usage had those columns */
	const struct cct_trace *trace;	/* told every apportion() step; NULL: none */
	/* Per catalogue title: active this month, novelty coefficient, holder id. */
	unsigned char *active;
	int64_t *coef;
	uint32_t *holder;
	struct intern *holders;		/* holder names */
	int64_t *tier_multiplier;	/* per holder id, thousandths */
	/* Usage on active titles. */
	int64_t *track_listens;		/* per title */
	struct cct_entry {
		uint32_t structure, user, title;
		int64_t listens, ms;
	} *entries;
	size_t nentries, entries_cap;
	struct intern *structures, *users;
	int64_t listens, set_aside_listens;
	/* Every listen and millisecond of the month read, checked: no part of them can wrap. */
	int64_t all_listens, all_ms;
	int64_t aside_listens[CCT_NASIDE];
	/*
	 * unmatched = hold: titles unknown to the catalogue, or known without
	 * a holder, weigh in the variable part.  Held track k is title
	 * catalog_count() + k in candidates and lines; ids in byte order of
	 * the names once cct_month_ready() ran.
	 */
	int hold;
	struct intern *held;
	int64_t *held_listens;
	size_t held_cap;
	int64_t held_total;
	/* The open suspense of earlier months (cct_add_suspense()). */
	int64_t *released;		/* per catalogue title, cents */
	int64_t suspense_in, suspense_released, suspense_returned;
	/* Its rows that stay open, for cct_write_open_suspense(). */
	struct cct_open {
		int year, month;
		uint32_t track;		/* in open_tracks */
		int64_t amount;
	} *open;
	size_t nopen, open_cap;
	struct intern *open_tracks;
	long aside_rows[CCT_NASIDE];
	long rows_read, rows_in_month, rows_used, rows_set_aside;
};

struct cct_line {
	uint32_t holder;	/* UINT32_MAX: none */
	enum payout_part part;
	long title;		/* catalogue index, -1: none */
	int64_t listens, weight, amount;
};

/* Why money went to the unallocated line (bits of cct_result.unallocated_why). */
enum {
	CCT_UNALLOC_NO_ACTIVE = 1,	/* the fixed part: no active title with a holder */
	CCT_UNALLOC_NO_LISTENS = 2,	/* the variable part: no qualified listen on an active title */
	CCT_UNALLOC_ZERO_WEIGHT = 4,	/* every weight is 0 (multipliers of 0) */
	CCT_UNALLOC_NO_LISTENER = 8,	/* user-centric: a structure without a listener */
};

struct cct_result {
	struct cct_line *lines;
	size_t n, cap;
	int64_t parts[PAYOUT_NPARTS];	/* total per part */
	unsigned unallocated_why;
	const char *pool;		/* the structure being shared; NULL: the month */
	char overflow[256];		/* the first weight or sum that would pass int64 */
};

/*
 * Prepare a month: which titles are active, their novelty and holders.
 * holders_path (may be NULL) gives tiers.  Returns 0, or -1 with errbuf.
 */
int cct_month_init(struct cct_month *m, const struct policy *p, int year, int month,
    const struct catalog *c, const struct ledger_month *money, const char *holders_path,
    int flags, char *errbuf, size_t errlen);
void cct_month_free(struct cct_month *m);

/* Where the usage rows that are not counted go, with the caller's context. */
struct cct_sink {
	void (*set_aside)(void *ctx, const struct table *t, const char *why);
	void (*bad)(void *ctx, const struct table *t, const char *field, const char *why);
	void *ctx;
};

/*
 * Add one usage file.  Rows of other months are skipped; rows on titles
 * that are unknown or not active are set aside through sink->set_aside;
 * malformed rows (field NULL for a row that is not text or is too wide:
 * the message then names the column) are reported through sink->bad.
 * Returns the number of malformed rows; -1 with errbuf set when the file
 * cannot be read to its end or lacks a column (an I/O or usage error);
 * -2 with errbuf naming the place when a sum would pass int64.
 */
long cct_add_usage(struct cct_month *m, const char *path, int flags, const struct cct_sink *sink,
    char *errbuf, size_t errlen);

/*
 * Add the open suspense of earlier months (month,track,amount): an amount
 * whose title the catalogue now knows with a holder is released to it;
 * one older than the policy's suspense_months returns to the month's
 * variable part; the rest stays open.  Every bad row is reported through
 * report(); -1 after the whole file when there was one (or a sum would
 * pass int64), -2 with errbuf when the file cannot be read or lacks a
 * column.
 */
int cct_add_suspense(struct cct_month *m, const char *path, int flags,
    void (*report)(const char *file, long line, const char *field, const char *msg),
    char *errbuf, size_t errlen);

/*
 * Write the suspense still open after the month (month,track,amount): the
 * rows of cct_add_suspense() neither released nor returned, and the
 * month's suspense lines; sorted by month and track, equal keys added up.
 */
void cct_write_open_suspense(const struct cct_month *m, const struct cct_result *r,
    struct table_writer *w);

/* Call once all usage is added: orders and merges the entries. */
void cct_month_ready(struct cct_month *m);

/*
 * Qualified listens of structures without money in the month, which
 * --pool structure and the user model cannot pay: their number, how many
 * structures, and the first of them in byte order (a structure id).
 */
int64_t cct_unfunded_listens(const struct cct_month *m, size_t *nstructures, uint32_t *first);

/*
 * Compute a model; the lines are sorted by holder, part and title.  -1
 * with errbuf when a weight or a sum of them would pass int64.
 */
int cct_compute(const struct cct_month *m, enum payout_model model, struct cct_result *r,
    char *errbuf, size_t errlen);
void cct_result_free(struct cct_result *r);

/* Write payout lines. */
void cct_write(const struct cct_month *m, enum payout_model model, const struct cct_result *r,
    struct table_writer *w);

/* The month's totals that the payout lines do not show. */
struct cct_summary {
	int64_t holders_paid;		/* holders whose lines sum to more than zero */
	int64_t value_per_listen;	/* variable part per qualified listen, millionths */
};
void cct_summarize(const struct cct_month *m, const struct cct_result *r, struct cct_summary *s);
/* Write the month's totals as key,value rows (1d-cct(1) --summary). */
void cct_write_summary(const struct cct_month *m, enum payout_model model, const struct cct_result *r,
    struct table_writer *w);

/* Every holder's total under every model. */
struct cct_comparison {
	size_t nholders;
	uint32_t *order;	/* holder ids in byte order of their names */
	int64_t *amount;	/* cents, [holder * PAYOUT_NMODELS + model] */
};
/* Compute every model; 0, or -1 with errbuf. */
int cct_compare(const struct cct_month *m, struct cct_comparison *c, char *errbuf, size_t errlen);
void cct_comparison_free(struct cct_comparison *c);
/* One row per holder: its name, then its amount under each model. */
void cct_write_comparison(const struct cct_month *m, const struct cct_comparison *c,
    struct table_writer *w);

#endif
