/*
 * 1d-cct - the month's payout lines, exact to the cent.
 *
 * The ledger gives the month's money per structure (accrued by days, VAT
 * and the collecting society's share removed); the policy's keys split it
 * into operations, R&D, solidarity fund, fixed and variable parts; the
 * fixed part goes to holders by their active titles and the variable part
 * by qualified listens, new titles weighing more.  Other models (pro-rata,
 * user-centric, tiers, artist-centric) share the same money their way, and
 * "compare" puts them side by side.  Every line is integer cents and the
 * lines sum exactly to the month's base.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cct.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "out.h"
#include "policy.h"
#include "rejects.h"
#include "table.h"

static struct {
	int flags, verbose;
	const char *month, *policy, *ledger, *catalog, *holders, *model, *pool, *weight;
	const char *summary, *rejects, *output;
} opt;

/* What both commands read: the month's policy, money, catalogue and usage. */
struct setup {
	struct policy policy;
	struct ledger_month money;
	struct catalog *catalog;
	struct cct_month m;
	struct rejects *rejects;
	long malformed;
	int year, month, model, status;
};

static void
report(const char *file, long line, const char *field, const char *msg)
{
	err_at(file, line, field, "%s", msg);
}

static void
set_aside(void *ctx, const struct table *t, const char *why)
{
	struct setup *s = ctx;

	rejects_add(s->rejects, t, why);
}

static void
bad_row(void *ctx, const struct table *t, const char *field, const char *why)
{
	struct setup *s = ctx;
	char reason[600];

	err_at(table_name(t), table_line(t), field, "%s", why);
	snprintf(reason, sizeof reason, "%s: %s", field, why);
	rejects_add(s->rejects, t, reason);
	s->malformed++;
}

static int
add_usage(const char *path, void *ctx)
{
	struct setup *s = ctx;
	const struct cct_sink sink = { set_aside, bad_row, s };
	char err[1024];

	if (cct_add_usage(&s->m, path, opt.flags, &sink, err, sizeof err) < 0) {
		err_warn("%s", err);
		return ERR_EXIT_USAGE;
	}
	return ERR_EXIT_OK;
}

/* Policy and ledger are refused before anything is written. */
static void
setup(struct setup *s, int compare, int argc, char **argv)
{
	char err[1024];

	if (date_parse_month(opt.month, &s->year, &s->month) != 0)
		err_exit(ERR_EXIT_USAGE, "--month: not a month (YYYY-MM): \"%s\"", opt.month);
	policy_defaults(&s->policy);
	if (policy_load(&s->policy, opt.policy, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if ((s->model = opt.model ? payout_model_parse(opt.model) : (int)s->policy.model) < 0)
		err_exit(ERR_EXIT_USAGE, "--model: not one of cct, prorata, user, tiers, artist-centric: \"%s\"",
		    opt.model);
	if (opt.pool) {
		if (strcmp(opt.pool, "month") != 0 && strcmp(opt.pool, "structure") != 0)
			err_exit(ERR_EXIT_USAGE, "--pool: not month or structure: \"%s\"", opt.pool);
		strcpy(s->policy.pool, opt.pool);
	}
	if (opt.weight) {
		if (strcmp(opt.weight, "listens") != 0 && strcmp(opt.weight, "ms") != 0)
			err_exit(ERR_EXIT_USAGE, "--weight: not listens or ms: \"%s\"", opt.weight);
		strcpy(s->policy.weight, opt.weight);
	}
	if (access(opt.ledger, R_OK) != 0 || access(opt.catalog, R_OK) != 0)
		err_exit(ERR_EXIT_USAGE, "%s: cannot be read",
		    access(opt.ledger, R_OK) != 0 ? opt.ledger : opt.catalog);
	switch (ledger_month(opt.ledger, opt.flags, s->year, s->month, s->policy.currency,
	    s->policy.sacem_rate, &s->money, report, err, sizeof err)) {
	case 0: break;
	case -1: err_exit(ERR_EXIT_DATA, "%s", err);
	default: err_exit(ERR_EXIT_USAGE, "%s", err);
	}
	if ((s->catalog = catalog_load(opt.catalog, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_DATA, "%s", err);
	if (cct_month_init(&s->m, &s->policy, s->year, s->month, s->catalog, &s->money, opt.holders,
	    opt.flags, err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s", err);
	s->m.pool_structure = strcmp(s->policy.pool, "structure") == 0;
	s->m.weight_ms = strcmp(s->policy.weight, "ms") == 0;
	s->m.keep_entries = compare || s->m.pool_structure || s->model == PAYOUT_MODEL_USER ||
	    s->model == PAYOUT_MODEL_ARTIST_CENTRIC;

	if ((s->rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	s->malformed = 0;
	s->status = cli_each_input(argc, argv, add_usage, s);
	cct_month_ready(&s->m);
	if (s->malformed > 0 && s->status == ERR_EXIT_OK)
		s->status = ERR_EXIT_DATA;
}

static int
finish(struct setup *s)
{
	char err[1024];

	if (rejects_close(s->rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (opt.verbose) {
		char base[MONEY_BUFSZ];

		err_warn("ledger: %ld rows, %ld in %s; base %s", s->money.rows, s->money.rows_in_month,
		    opt.month, money_format(s->money.base, base));
		err_warn("usage: read %ld = used %ld + set aside %ld + malformed %ld + other months %ld;"
		    " %" PRId64 " qualified listens counted, %" PRId64 " set aside",
		    s->m.rows_read, s->m.rows_used, s->m.rows_set_aside, s->malformed,
		    s->m.rows_read - s->m.rows_used - s->m.rows_set_aside - s->malformed, s->m.listens,
		    s->m.set_aside_listens);
	}
	cct_month_free(&s->m);
	catalog_free(s->catalog);
	ledger_month_free(&s->money);
	return s->status;
}

static int
cmd_payouts(int argc, char **argv)
{
	struct setup s;
	struct cct_result r;
	struct out o;
	struct table_writer w;
	char err[1024];

	setup(&s, 0, argc, argv);
	if (cct_compute(&s.m, (enum payout_model)s.model, &r, err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s", err);
	cli_open_output(&o, opt.output, &w, opt.flags);
	cct_write(&s.m, (enum payout_model)s.model, &r, &w);
	cli_commit_output(&o);
	if (opt.summary) {
		cli_open_output(&o, opt.summary, &w, opt.flags);
		cct_write_summary(&s.m, (enum payout_model)s.model, &r, &w);
		cli_commit_output(&o);
	}
	cct_result_free(&r);
	return finish(&s);
}

static int
cmd_compare(int argc, char **argv)
{
	struct setup s;
	struct cct_comparison c;
	struct out o;
	struct table_writer w;
	char err[1024];

	setup(&s, 1, argc, argv);
	if (cct_compare(&s.m, &c, err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s", err);
	cli_open_output(&o, opt.output, &w, opt.flags);
	cct_write_comparison(&s.m, &c, &w);
	cli_commit_output(&o);
	cct_comparison_free(&c);
	return finish(&s);
}

static const struct cli_option global_options[] = {
	{ "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 },
	{ "verbose", 'v', CLI_FLAG, NULL, &opt.verbose, 1, 0 },
	{ NULL },
};

#define INPUT_OPTIONS \
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 1 }, \
	{ "policy", 0, CLI_STRING, "FILE", &opt.policy, 0, 1 }, \
	{ "ledger", 0, CLI_STRING, "FILE", &opt.ledger, 0, 1 }, \
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 1 }, \
	{ "holders", 0, CLI_STRING, "FILE", &opt.holders, 0, 0 }
#define POOL_OPTIONS \
	{ "pool", 0, CLI_STRING, "NAME", &opt.pool, 0, 0 }, \
	{ "weight", 0, CLI_STRING, "NAME", &opt.weight, 0, 0 }
#define OUTPUT_OPTION { "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 }

static const struct cli_option payouts_options[] = {
	INPUT_OPTIONS,
	{ "model", 0, CLI_STRING, "NAME", &opt.model, 0, 0 },
	POOL_OPTIONS,
	{ "summary", 0, CLI_STRING, "FILE", &opt.summary, 0, 0 },
	{ "rejects", 0, CLI_STRING, "FILE", &opt.rejects, 0, 0 },
	OUTPUT_OPTION,
	{ NULL },
};
static const struct cli_option compare_options[] = {
	INPUT_OPTIONS,
	POOL_OPTIONS,
	OUTPUT_OPTION,
	{ NULL },
};

static const struct cli_command commands[] = {
	{ NULL, payouts_options, "[FILE ...]", 0, -1, cmd_payouts },
	{ "compare", compare_options, "[FILE ...]", 0, -1, cmd_compare },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { global_options, commands };

	return cli_main(&tool, argc, argv);
}
