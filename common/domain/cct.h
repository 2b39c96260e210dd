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

#include "catalog.h"
#include "intern.h"
#include "ledger.h"
#include "payout.h"
#include "policy.h"
#include "table.h"

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
	long rows_read, rows_used, rows_set_aside;
};

struct cct_line {
	uint32_t holder;	/* UINT32_MAX: none */
	enum payout_part part;
	long title;		/* catalogue index, -1: none */
	int64_t listens, weight, amount;
};

struct cct_result {
	struct cct_line *lines;
	size_t n, cap;
	int64_t parts[PAYOUT_NPARTS];	/* total per part */
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
 * malformed rows are reported through sink->bad.  Returns the number of
 * malformed rows, or -1 with errbuf set on an I/O error.
 */
long cct_add_usage(struct cct_month *m, const char *path, int flags, const struct cct_sink *sink,
    char *errbuf, size_t errlen);

/* Call once all usage is added: orders and merges the entries. */
void cct_month_ready(struct cct_month *m);

/* Compute a model; the lines are sorted by holder, part and title. */
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
