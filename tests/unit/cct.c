/*
 * Unit tests for common/domain/cct.c: the keys split, the fixed part by
 * active titles, the variable part with the novelty coefficient on its
 * day boundary, the summary, and the conservation of money on random
 * months under every model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cct.h"
#include "tap.h"

#define BAIL_OUT(why) do { printf("Bail out! %s\n", (why)); exit(1); } while (0)

static char cpath[] = "/tmp/1d-unit-cct-catalog.XXXXXX";
static char upath[] = "/tmp/1d-unit-cct-usage.XXXXXX";
static char err[512];
static int nset_aside, nbad;

static void
set_aside(void *ctx, const struct table *t, const char *why)
{
	(void)t;
	(void)why;
	(*(int *)ctx)++;
	nset_aside++;
}

static void
bad(void *ctx, const struct table *t, const char *field, const char *why)
{
	(void)ctx;
	(void)t;
	(void)field;
	(void)why;
	nbad++;
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/* The amount of the line (holder, part, track), or -1 when there is none. */
static int64_t
line(const struct cct_month *m, const struct cct_result *r, const char *holder,
    enum payout_part part, const char *track)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct cct_line *l = &r->lines[i];
		const char *h = l->holder == UINT32_MAX ? "" : intern_str(m->holders, l->holder);
		const char *t = l->title < 0 ? "" : catalog_title(m->catalog, (size_t)l->title)->track;

		if (l->part == part && strcmp(h, holder) == 0 && strcmp(t, track) == 0)
			return l->amount;
	}
	return -1;
}

static int64_t
total(const struct cct_result *r)
{
	int64_t sum = 0;

	for (size_t i = 0; i < r->n; i++)
		sum += r->lines[i].amount;
	return sum;
}

/* The worked month: 100.01 of base, October 2026, default policy. */
static void
worked_month(void)
{
	struct policy p;
	struct catalog *c;
	struct ledger_structure s = { "s1", 0, 0, 0, 0, 10001 };
	struct ledger_month money = { &s, 1, 0, 0, 0, 0, 10001, 1, 1 };
	struct cct_month m;
	struct cct_result r;
	struct cct_summary sum;
	struct cct_comparison cmp;
	int ctx = 0;
	const struct cct_sink sink = { set_aside, bad, &ctx };

	policy_defaults(&p);
	/* T1 is released on the last day of the back catalogue of October 2026
	 * (36 months before 2026-10-31), T2 the day after: T2 is new. */
	put(cpath, "track,holder,release_date,territories,status\n"
	    "T1,Alpha,2023-10-31,Worldwide,active\n"
	    "T2,Beta,2023-11-01,Worldwide,active\n"
	    "T3,Alpha,2020-01-01,Worldwide,active\n"
	    "T4,Beta,2020-01-01,Worldwide,takedown\n");
	put(upath, "month,structure,user,track,listens\n"
	    "2026-10,s1,u1,T1,10\n2026-10,s1,u2,T2,4\n2026-10,s1,u1,T2,6\n"
	    "2026-10,s1,u1,T4,3\n2026-10,s1,u1,T9,1\n2026-10,s1,u1,T3,x\n2026-09,s1,u1,T3,100\n");
	c = catalog_load(cpath, 0, err, sizeof err);
	ok(c != NULL, "catalogue loads");
	ok(cct_month_init(&m, &p, 2026, 10, c, &money, NULL, 0, err, sizeof err) == 0, "month prepared");
	is_int(m.coef[0], 1000, "released 2023-10-31: back catalogue in October 2026");
	is_int(m.coef[1], 1500, "released 2023-11-01: new in October 2026");
	ok(m.active[0] && m.active[1] && m.active[2] && !m.active[3], "a taken-down title is not active");
	m.keep_entries = 1;
	is_int(cct_add_usage(&m, upath, 0, &sink, err, sizeof err), 1, "one malformed usage row");
	ok(nbad == 1 && nset_aside == 2 && ctx == 2, "unknown and taken-down titles set aside, with context");
	ok(m.listens == 20 && m.set_aside_listens == 4 && m.rows_read == 7 && m.rows_used == 3,
	    "20 listens counted, 4 set aside, September skipped");
	cct_month_ready(&m);
	ok(cct_compute(&m, PAYOUT_MODEL_CCT, &r, err, sizeof err) == 0, "cct computed");
	/* 10001 by 20/15/10/15/40 %: 2000.2, 1500.15, 1000.1, 1500.15, 4000.4; the
	 * cent left goes to the largest remainder, variable. */
	ok(r.parts[PAYOUT_OPERATIONS] == 2000 && r.parts[PAYOUT_RND] == 1500 &&
	    r.parts[PAYOUT_FUND] == 1000 && r.parts[PAYOUT_FIXED] == 1500 &&
	    r.parts[PAYOUT_VARIABLE] == 4001 && r.parts[PAYOUT_UNALLOCATED] == 0, "the keys split 100.01");
	ok(line(&m, &r, "", PAYOUT_OPERATIONS, "") == 2000 && line(&m, &r, "", PAYOUT_RND, "") == 1500 &&
	    line(&m, &r, "", PAYOUT_FUND, "") == 1000, "one line per collective part");
	/* Fixed: three active titles, Alpha two, Beta one. */
	is_int(line(&m, &r, "Alpha", PAYOUT_FIXED, "T1"), 500, "fixed: Alpha's T1 a third");
	is_int(line(&m, &r, "Alpha", PAYOUT_FIXED, "T3"), 500, "fixed: Alpha's unplayed T3 a third");
	is_int(line(&m, &r, "Beta", PAYOUT_FIXED, "T2"), 500, "fixed: Beta's T2 a third");
	is_int(line(&m, &r, "Beta", PAYOUT_FIXED, "T4"), -1, "fixed: nothing for a taken-down title");
	/* Variable: 10 x 1.000 against 10 x 1.500 of 4001: 1600.4 and 2400.6. */
	is_int(line(&m, &r, "Alpha", PAYOUT_VARIABLE, "T1"), 1600, "variable: back catalogue weighs 1");
	is_int(line(&m, &r, "Beta", PAYOUT_VARIABLE, "T2"), 2401, "variable: new title weighs 1.5");
	is_int(total(&r), 10001, "the lines sum to the base");
	cct_summarize(&m, &r, &sum);
	is_int(sum.holders_paid, 2, "two holders paid");
	is_int(sum.value_per_listen, 2000500, "40.01 over 20 listens: 2.000500 a listen");
	cct_result_free(&r);
	if (cct_compare(&m, &cmp, err, sizeof err) != 0 || cmp.nholders != 2)
		BAIL_OUT(err);
	ok(1, "compare computed");
	ok(strcmp(intern_str(m.holders, cmp.order[0]), "Alpha") == 0 &&
	    cmp.amount[cmp.order[0] * PAYOUT_NMODELS + PAYOUT_MODEL_CCT] == 2600 &&
	    cmp.amount[cmp.order[1] * PAYOUT_NMODELS + PAYOUT_MODEL_CCT] == 2901,
	    "compare: Alpha 26.00 and Beta 29.01 under cct");
	/* Pro-rata: fixed and variable, 5501, by listens alone, 10 and 10. */
	ok(cmp.amount[cmp.order[0] * PAYOUT_NMODELS + PAYOUT_MODEL_PRORATA] +
	    cmp.amount[cmp.order[1] * PAYOUT_NMODELS + PAYOUT_MODEL_PRORATA] == 5501 &&
	    cmp.amount[cmp.order[0] * PAYOUT_NMODELS + PAYOUT_MODEL_PRORATA] >= 2750 &&
	    cmp.amount[cmp.order[1] * PAYOUT_NMODELS + PAYOUT_MODEL_PRORATA] >= 2750,
	    "compare: pro-rata halves 55.01");
	cct_comparison_free(&cmp);
	cct_month_free(&m);
	catalog_free(c);
}

/* Random months: every model's lines sum to the base, to the cent. */
static int
conservation(unsigned seed, int models_ok[PAYOUT_NMODELS])
{
	static const char *const users[] = { "u1", "u2", "u3", "u4", "u5" };
	struct policy p;
	struct catalog *c;
	struct ledger_structure s[2] = { { "s1", 0, 0, 0, 0, 0 }, { "s2", 0, 0, 0, 0, 0 } };
	struct ledger_month money = { s, 2, 0, 0, 0, 0, 0, 2, 2 };
	struct cct_month m;
	int ctx = 0, left = 10000, rows = 1 + rand_r(&seed) % 30;
	const struct cct_sink sink = { set_aside, bad, &ctx };
	FILE *f;

	policy_defaults(&p);
	for (int k = 0; k < PAYOUT_NPARTS; k++) {
		if (!payout_part_is_key((enum payout_part)k))
			continue;
		p.keys[k] = k == PAYOUT_VARIABLE ? left : rand_r(&seed) % (left + 1);
		left -= (int)p.keys[k];
	}
	p.ac_min_listens = rand_r(&seed) % 20;
	p.ac_min_listeners = rand_r(&seed) % 3;
	p.ac_user_cap = rand_r(&seed) % 10;
	s[0].base = rand_r(&seed) % 1000000;
	s[1].base = rand_r(&seed) % 1000;
	money.base = s[0].base + s[1].base;
	f = fopen(upath, "w");
	fputs("month,structure,user,track,listens,ms\n", f);
	for (int i = 0; i < rows; i++)
		fprintf(f, "2026-10,s%d,%s,T%d,%d,%d\n", 1 + rand_r(&seed) % 2, users[rand_r(&seed) % 5],
		    1 + rand_r(&seed) % 4, rand_r(&seed) % 50, rand_r(&seed) % 900000);
	fclose(f);
	c = catalog_load(cpath, 0, err, sizeof err);
	cct_month_init(&m, &p, 2026, 10, c, &money, NULL, 0, err, sizeof err);
	m.keep_entries = 1;
	m.pool_structure = rand_r(&seed) % 2;
	m.weight_ms = rand_r(&seed) % 2;
	cct_add_usage(&m, upath, 0, &sink, err, sizeof err);
	cct_month_ready(&m);
	for (int model = 0; model < PAYOUT_NMODELS; model++) {
		struct cct_result r;
		int64_t parts = 0;

		/* Artist-centric refuses --pool structure: then it must say so. */
		int refused = model == PAYOUT_MODEL_ARTIST_CENTRIC && m.pool_structure;

		if (cct_compute(&m, (enum payout_model)model, &r, err, sizeof err) != 0) {
			if (!refused || strstr(err, "refused with --pool structure") == NULL)
				models_ok[model] = 0;
			continue;
		}
		if (refused) {
			models_ok[model] = 0;
			cct_result_free(&r);
			continue;
		}
		for (int k = 0; k < PAYOUT_NPARTS; k++)
			parts += r.parts[k];
		if (total(&r) != money.base || parts != money.base) {
			printf("# seed %u, model %s: lines %lld, parts %lld, base %lld\n", seed,
			    payout_model_names[model], (long long)total(&r), (long long)parts,
			    (long long)money.base);
			models_ok[model] = 0;
		}
		cct_result_free(&r);
	}
	cct_month_free(&m);
	catalog_free(c);
	return 0;
}

int
main(void)
{
	int models_ok[PAYOUT_NMODELS];

	close(mkstemp(cpath));
	close(mkstemp(upath));
	plan(23 + PAYOUT_NMODELS);
	worked_month();
	for (int model = 0; model < PAYOUT_NMODELS; model++)
		models_ok[model] = 1;
	for (unsigned seed = 1; seed <= 300; seed++)
		conservation(seed, models_ok);
	for (int model = 0; model < PAYOUT_NMODELS; model++)
		ok(models_ok[model], "%s: 300 random months, lines sum to the base", payout_model_names[model]);
	unlink(cpath);
	unlink(upath);
	return done_testing();
}
