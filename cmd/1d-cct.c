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
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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

static const char usage_text[] =
    "usage: 1d-cct [-tv] --month M --policy F --ledger F --catalog F [--holders F]\n"
    "              [--model M] [--pool P] [--weight W] [--summary F] [--rejects F]\n"
    "              [-o F] [USAGE ...]\n"
    "       1d-cct compare [-tv] --month M --policy F --ledger F --catalog F\n"
    "              [--holders F] [--pool P] [--weight W] [-o F] [USAGE ...]\n";

enum { OPT_MONTH = 256, OPT_POLICY, OPT_LEDGER, OPT_CATALOG, OPT_HOLDERS, OPT_MODEL, OPT_POOL,
	OPT_WEIGHT, OPT_SUMMARY, OPT_REJECTS, OPT_VERSION };

static const struct option long_options[] = {
	{ "tsv", no_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "month", required_argument, NULL, OPT_MONTH },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "ledger", required_argument, NULL, OPT_LEDGER },
	{ "catalog", required_argument, NULL, OPT_CATALOG },
	{ "holders", required_argument, NULL, OPT_HOLDERS },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "pool", required_argument, NULL, OPT_POOL },
	{ "weight", required_argument, NULL, OPT_WEIGHT },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ NULL, 0, NULL, 0 },
};

static struct rejects *rejects;
static long malformed;

static void
report(const char *file, long line, const char *field, const char *msg)
{
	err_at(file, line, field, "%s", msg);
}

static void
set_aside(const struct table *t, const char *why)
{
	rejects_add(rejects, t, why);
}

static void
bad_row(const struct table *t, const char *field, const char *why)
{
	char reason[600];

	err_at(table_name(t), table_line(t), field, "%s", why);
	snprintf(reason, sizeof reason, "%s: %s", field, why);
	rejects_add(rejects, t, reason);
	malformed++;
}



static void
put_pair(struct table_writer *w, const char *key, const char *value)
{
	table_put(w, key);
	table_put(w, value);
	table_end_row(w);
}

static void
put_money_pair(struct table_writer *w, const char *key, int64_t cents)
{
	char buf[MONEY_BUFSZ];

	put_pair(w, key, money_format(cents, buf));
}

static void
put_int_pair(struct table_writer *w, const char *key, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	put_pair(w, key, buf);
}

/* The month's totals, as a cooperative publishes them. */
static void
write_summary(const char *path, int flags, const struct cct_month *m, enum payout_model model,
    const struct cct_result *r)
{
	struct out o;
	struct table_writer w;
	char month[8], buf[64];
	int64_t holders_paid = 0, value = 0, paid = 0;
	uint32_t last = UINT32_MAX;

	for (size_t i = 0; i < r->n; i++) {
		if (r->lines[i].holder == UINT32_MAX)
			continue;
		if (r->lines[i].holder != last) {
			if (paid > 0)
				holders_paid++;
			last = r->lines[i].holder;
			paid = 0;
		}
		paid += r->lines[i].amount;
	}
	if (paid > 0)
		holders_paid++;
	cli_open_output(&o, path, &w, flags);
	table_put_header(&w, "key,value");
	put_pair(&w, "month", date_format_month(m->year, m->month, month));
	put_pair(&w, "model", payout_model_names[model]);
	put_money_pair(&w, "gross", m->money->gross);
	put_money_pair(&w, "vat", m->money->vat);
	put_money_pair(&w, "net", m->money->net);
	put_money_pair(&w, "society", m->money->society);
	put_money_pair(&w, "base", m->money->base);
	for (int p = 0; p < PAYOUT_NPARTS; p++)
		put_money_pair(&w, payout_part_names[p], r->parts[p]);
	put_int_pair(&w, "qualified_listens", m->listens);
	put_int_pair(&w, "listens_set_aside", m->set_aside_listens);
	/* Euros per qualified listen of the variable part, to the millionth. */
	if (m->listens > 0)
		money_div_round((__int128)r->parts[PAYOUT_VARIABLE] * 10000, m->listens, &value);
	snprintf(buf, sizeof buf, "%s%" PRId64 ".%06" PRId64, value < 0 ? "-" : "",
	    (value < 0 ? -value : value) / 1000000, (value < 0 ? -value : value) % 1000000);
	put_pair(&w, "value_per_listen", buf);
	put_int_pair(&w, "holders_paid", holders_paid);
	cli_commit_output(&o);
}

/* compare: one row per holder, the amount under each model. */
static void
write_comparison(const char *path, int flags, struct cct_month *m)
{
	size_t nholders = intern_count(m->holders);
	int64_t *amount = err_calloc((nholders + 1) * PAYOUT_NMODELS, sizeof *amount);
	uint32_t *rank = intern_ranks(m->holders), *order = err_calloc(nholders + 1, sizeof *order);
	struct out o;
	struct table_writer w;
	char err[512];

	for (int model = 0; model < PAYOUT_NMODELS; model++) {
		struct cct_result r;

		if (cct_compute(m, (enum payout_model)model, &r, err, sizeof err) != 0)
			err_exit(ERR_EXIT_DATA, "%s", err);
		for (size_t i = 0; i < r.n; i++)
			if (r.lines[i].holder != UINT32_MAX)
				amount[(size_t)r.lines[i].holder * PAYOUT_NMODELS + (size_t)model] += r.lines[i].amount;
		cct_result_free(&r);
	}
	for (uint32_t h = 0; h < nholders; h++)
		order[rank[h]] = h;
	cli_open_output(&o, path, &w, flags);
	table_put(&w, "holder");
	for (int model = 0; model < PAYOUT_NMODELS; model++)
		table_put(&w, payout_model_names[model]);
	table_end_row(&w);
	for (uint32_t i = 0; i < nholders; i++) {
		table_put(&w, intern_str(m->holders, order[i]));
		for (int model = 0; model < PAYOUT_NMODELS; model++)
			table_put_money(&w, amount[(size_t)order[i] * PAYOUT_NMODELS + (size_t)model]);
		table_end_row(&w);
	}
	cli_commit_output(&o);
	free(amount);
	free(rank);
	free(order);
}

int
main(int argc, char **argv)
{
	const char *month_arg = NULL, *policy_path = NULL, *ledger_path = NULL, *catalog_path = NULL;
	const char *holders_path = NULL, *model_arg = NULL, *pool_arg = NULL, *weight_arg = NULL;
	const char *summary_path = NULL, *rejects_path = NULL, *output = NULL;
	int flags = 0, verbose = 0, compare = 0, c, year, month, model, status = ERR_EXIT_OK;
	struct policy policy;
	struct ledger_month money;
	struct catalog *catalog;
	struct cct_month m;
	struct cct_result r;
	struct out o;
	struct table_writer w;
	char err[1024];

	err_init(argv[0]);
	if (argc > 1 && strcmp(argv[1], "compare") == 0) {
		compare = 1;
		argv++;
		argc--;
	}
	while ((c = getopt_long(argc, argv, "thvo:", long_options, NULL)) != -1) {
		switch (c) {
		case 't': flags |= TABLE_TSV; break;
		case 'v': verbose = 1; break;
		case 'o': output = optarg; break;
		case 'h': cli_usage(usage_text, 1);
		case OPT_VERSION: cli_version();
		case OPT_MONTH: month_arg = optarg; break;
		case OPT_POLICY: policy_path = optarg; break;
		case OPT_LEDGER: ledger_path = optarg; break;
		case OPT_CATALOG: catalog_path = optarg; break;
		case OPT_HOLDERS: holders_path = optarg; break;
		case OPT_MODEL: model_arg = optarg; break;
		case OPT_POOL: pool_arg = optarg; break;
		case OPT_WEIGHT: weight_arg = optarg; break;
		case OPT_SUMMARY: summary_path = optarg; break;
		case OPT_REJECTS: rejects_path = optarg; break;
		default: cli_usage(usage_text, 0);
		}
		if (compare && (c == OPT_MODEL || c == OPT_SUMMARY || c == OPT_REJECTS))
			cli_usage(usage_text, 0);
	}
	argc -= optind;
	argv += optind;
	if (!month_arg || !policy_path || !ledger_path || !catalog_path)
		cli_usage(usage_text, 0);
	if (date_parse_month(month_arg, &year, &month) != 0)
		err_exit(ERR_EXIT_USAGE, "--month: not a month (YYYY-MM): \"%s\"", month_arg);

	/* Policy and ledger are refused before anything is written. */
	policy_defaults(&policy);
	if (policy_load(&policy, policy_path, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if ((model = payout_model_parse(model_arg ? model_arg : policy.model)) < 0)
		err_exit(ERR_EXIT_USAGE, "--model: not one of cct, prorata, user, tiers, artist-centric: \"%s\"",
		    model_arg);
	if (pool_arg) {
		if (strcmp(pool_arg, "month") != 0 && strcmp(pool_arg, "structure") != 0)
			err_exit(ERR_EXIT_USAGE, "--pool: not month or structure: \"%s\"", pool_arg);
		strcpy(policy.pool, pool_arg);
	}
	if (weight_arg) {
		if (strcmp(weight_arg, "listens") != 0 && strcmp(weight_arg, "ms") != 0)
			err_exit(ERR_EXIT_USAGE, "--weight: not listens or ms: \"%s\"", weight_arg);
		strcpy(policy.weight, weight_arg);
	}
	if (access(ledger_path, R_OK) != 0 || access(catalog_path, R_OK) != 0)
		err_exit(ERR_EXIT_USAGE, "%s: cannot be read",
		    access(ledger_path, R_OK) != 0 ? ledger_path : catalog_path);
	switch (ledger_month(ledger_path, flags, year, month, policy.currency, policy.sacem_rate,
	    &money, report, err, sizeof err)) {
	case 0: break;
	case -1: err_exit(ERR_EXIT_DATA, "%s", err);
	default: err_exit(ERR_EXIT_USAGE, "%s", err);
	}
	if ((catalog = catalog_load(catalog_path, flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_DATA, "%s", err);
	if (cct_month_init(&m, &policy, year, month, catalog, &money, holders_path, flags,
	    err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s", err);
	m.pool_structure = strcmp(policy.pool, "structure") == 0;
	m.weight_ms = strcmp(policy.weight, "ms") == 0;
	m.keep_entries = compare || m.pool_structure || model == PAYOUT_MODEL_USER ||
	    model == PAYOUT_MODEL_ARTIST_CENTRIC;

	if ((rejects = rejects_open(rejects_path, flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	for (int i = 0; i < (argc ? argc : 1); i++) {
		if (cct_add_usage(&m, argc ? argv[i] : "-", flags, set_aside, bad_row, err, sizeof err) < 0) {
			err_warn("%s", err);
			status = ERR_EXIT_USAGE;
		}
	}
	cct_month_ready(&m);
	if (malformed > 0 && status == ERR_EXIT_OK)
		status = ERR_EXIT_DATA;

	if (compare) {
		write_comparison(output, flags, &m);
	} else {
		if (cct_compute(&m, (enum payout_model)model, &r, err, sizeof err) != 0)
			err_exit(ERR_EXIT_DATA, "%s", err);
		cli_open_output(&o, output, &w, flags);
		cct_write(&m, (enum payout_model)model, &r, &w);
		cli_commit_output(&o);
		if (summary_path)
			write_summary(summary_path, flags, &m, (enum payout_model)model, &r);
		cct_result_free(&r);
	}
	if (rejects_close(rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (verbose) {
		char base[MONEY_BUFSZ];

		err_warn("ledger: %ld rows, %ld in %s; base %s", money.rows, money.rows_in_month, month_arg,
		    money_format(money.base, base));
		err_warn("usage: read %ld = used %ld + set aside %ld + malformed %ld + other months %ld;"
		    " %" PRId64 " qualified listens counted, %" PRId64 " set aside",
		    m.rows_read, m.rows_used, m.rows_set_aside, malformed,
		    m.rows_read - m.rows_used - m.rows_set_aside - malformed, m.listens, m.set_aside_listens);
	}
	cct_month_free(&m);
	catalog_free(catalog);
	ledger_month_free(&money);
	return status;
}
