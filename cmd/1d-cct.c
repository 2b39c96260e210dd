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

#include "catalog.h"
#include "cct.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "explain.h"
#include "ledger.h"
#include "money.h"
#include "out.h"
#include "policy.h"
#include "rejects.h"
#include "table.h"

static struct {
	int flags, verbose;
	const char *month, *policy, *ledger, *catalog, *holders, *model, *pool, *weight;
	const char *summary, *rejects, *output, *suspense, *open_suspense, *explain;
	int explain_table;
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
	snprintf(reason, sizeof reason, "%s%s%s", field ? field : "", field ? ": " : "", why);
	rejects_add(s->rejects, t, reason);
	s->malformed++;
}

static int
add_usage(const char *path, void *ctx)
{
	struct setup *s = ctx;
	const struct cct_sink sink = { set_aside, bad_row, s };
	char err[1024];

	switch (cct_add_usage(&s->m, path, opt.flags, &sink, err, sizeof err)) {
	case -1:
		/* Usage that cannot be read to its end: nothing is computed or written. */
		err_warn("%s", err);
		err_status_raise(ERR_EXIT_USAGE);
		return ERR_EXIT_USAGE;
	case -2:
		err_exit(ERR_EXIT_DATA, "%s; nothing written", err);
	}
	return ERR_EXIT_OK;
}

/* Standard input is read once: at most one input may be "-". */
static void
one_stdin(int argc, char **argv)
{
	const char *names[] = { "--policy", "--ledger", "--catalog", "--holders", "--suspense" };
	const char *paths[] = { opt.policy, opt.ledger, opt.catalog, opt.holders, opt.suspense };
	int n = argc == 0;	/* no operand: the usage is standard input */

	for (int i = 0; i < argc; i++)
		n += strcmp(argv[i], "-") == 0;
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		if (paths[i] && strcmp(paths[i], "-") == 0 && n++ > 0)
			cli_usage_error("%s -: standard input is already read for another input", names[i]);
}

/* A policy key that the model does not use is said, once, on stderr. */
static void
ignored_keys(const struct setup *s)
{
	static const struct {
		const char *key;
		unsigned used_by;	/* bits (1 << model) */
	} keys[] = {
		{ "tier.", 1u << PAYOUT_MODEL_TIERS },
		{ "weight", 1u << PAYOUT_MODEL_USER },
		{ "novelty_months", ~(1u << PAYOUT_MODEL_PRORATA | 1u << PAYOUT_MODEL_USER) },
		{ "novelty_coef", ~(1u << PAYOUT_MODEL_PRORATA | 1u << PAYOUT_MODEL_USER) },
		{ "ac_min_listens", 1u << PAYOUT_MODEL_ARTIST_CENTRIC },
		{ "ac_min_listeners", 1u << PAYOUT_MODEL_ARTIST_CENTRIC },
		{ "ac_boost", 1u << PAYOUT_MODEL_ARTIST_CENTRIC },
		{ "ac_user_cap", 1u << PAYOUT_MODEL_ARTIST_CENTRIC },
	};
	char list[512] = "";
	size_t len = 0;

	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		long line = policy_given(&s->policy, keys[i].key);

		if (line > 0 && !(keys[i].used_by & 1u << s->model) && len < sizeof list)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s (line %ld)",
			    len ? ", " : "", keys[i].key, keys[i].key[strlen(keys[i].key) - 1] == '.' ? "*" : "",
			    line);
	}
	if (len > 0)
		err_warn("%s: the %s model ignores %s", opt.policy, payout_model_names[s->model], list);
	if (policy_given(&s->policy, "suspense_months") > 0 && strcmp(s->policy.unmatched, "hold") != 0)
		err_warn("%s: suspense_months (line %ld) is ignored without unmatched = hold", opt.policy,
		    policy_given(&s->policy, "suspense_months"));
}

/* Policy and ledger are refused before anything is written. */
static void
setup(struct setup *s, int compare, int argc, char **argv)
{
	char err[1024];

	one_stdin(argc, argv);

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
		/* Only user-centric weighs by time: an option that would change nothing is refused. */
		if (!compare && s->model != PAYOUT_MODEL_USER)
			cli_usage_error("--weight applies to the user model only, not %s",
			    payout_model_names[s->model]);
		strcpy(s->policy.weight, opt.weight);
	}
	if (!compare && s->model == PAYOUT_MODEL_ARTIST_CENTRIC && strcmp(s->policy.pool, "structure") == 0)
		cli_usage_error("%s: the artist-centric model counts a user over the whole month: "
		    "refused with pool structure", opt.pool ? "--pool" : opt.policy);
	if (!compare && (opt.suspense || strcmp(s->policy.unmatched, "hold") == 0) &&
	    (s->model == PAYOUT_MODEL_USER || s->model == PAYOUT_MODEL_ARTIST_CENTRIC ||
	    strcmp(s->policy.pool, "structure") == 0))
		cli_usage_error("%s: unmatched = hold and --suspense apply to the month pool of the cct, "
		    "tiers and prorata models, not %s%s", opt.suspense ? "--suspense" : opt.policy,
		    payout_model_names[s->model], strcmp(s->policy.pool, "structure") == 0 ?
		    " with pool structure" : "");
	if ((opt.suspense || opt.open_suspense) && strcmp(s->policy.unmatched, "hold") != 0)
		cli_usage_error("%s needs unmatched = hold in the policy",
		    opt.suspense ? "--suspense" : "--open-suspense");
	if (compare && strcmp(s->policy.unmatched, "hold") == 0) {
		/* Every model is compared on the same footing: unmatched listens are set aside. */
		err_warn("%s: compare sets listens on titles without a known holder aside "
		    "(unmatched = hold is for the month's payouts)", opt.policy);
		strcpy(s->policy.unmatched, "share");
	}
	if (!compare)
		ignored_keys(s);
	if (!compare && s->model == PAYOUT_MODEL_TIERS && opt.holders == NULL)
		err_warn("--model tiers without --holders: no holder has a tier, every holder weighs 1000");
	switch (ledger_month(opt.ledger, opt.flags, s->year, s->month, s->policy.currency,
	    s->policy.sacem_rate, &s->money, report, err, sizeof err)) {
	case 0: break;
	case -1: err_exit(ERR_EXIT_DATA, "%s", err);
	default: err_exit(ERR_EXIT_USAGE, "%s", err);
	}
	/*
	 * A catalogue that cannot be loaded leaves nothing to compute: exit 2,
	 * nothing written (catalog_load() does not tell a bad row from an
	 * unreadable file; see 1d-cct(1) EXIT STATUS).
	 */
	if ((s->catalog = catalog_load(opt.catalog, opt.flags | CATALOG_PAYOUT_COLUMNS, err, sizeof err)) == NULL)
		err_exit(err_status() > ERR_EXIT_DATA ? err_status() : ERR_EXIT_DATA, "%s", err);
	if (cct_month_init(&s->m, &s->policy, s->year, s->month, s->catalog, &s->money, opt.holders,
	    opt.flags, err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s", err);
	s->m.pool_structure = strcmp(s->policy.pool, "structure") == 0;
	s->m.weight_ms = strcmp(s->policy.weight, "ms") == 0;
	s->m.keep_entries = compare || s->m.pool_structure || s->model == PAYOUT_MODEL_USER ||
	    s->model == PAYOUT_MODEL_ARTIST_CENTRIC;

	if (opt.suspense) {
		switch (cct_add_suspense(&s->m, opt.suspense, opt.flags, report, err, sizeof err)) {
		case 0: break;
		case -1: err_exit(ERR_EXIT_DATA, "%s", err);
		default: err_exit(ERR_EXIT_USAGE, "%s", err);
		}
	}
	if ((s->rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	s->malformed = 0;
	s->status = cli_each_input(argc, argv, add_usage, s);
	if (err_status() >= ERR_EXIT_USAGE)
		return;
	cct_month_ready(&s->m);
	if (s->malformed > 0 && s->status == ERR_EXIT_OK)
		s->status = ERR_EXIT_DATA;
}

/*
 * Rejects of a run that met an I/O error are never committed: they are
 * kept here, reachable, and their temporary file is removed at exit.
 */
struct rejects *cct_abandoned_rejects;

/* What changed money without being an error, said even without -v. */
static void
notices(const struct setup *s, const struct cct_result *r)
{
	char amount[MONEY_BUFSZ], list[1024];
	size_t len = 0;

	if (s->money.rows_in_month == 0)
		err_warn("%s: no money for %s (%ld rows, none covering the month): every line is 0.00",
		    opt.ledger, opt.month, s->money.rows);
	else if (s->money.base == 0)
		err_warn("%s: the money for %s sums to 0.00", opt.ledger, opt.month);
	if (s->m.rows_in_month == 0)
		err_warn("usage: no rows for %s (%ld rows read, all of other months)", opt.month,
		    s->m.rows_read);
	if (s->m.rows_set_aside > 0) {
		for (int k = 0; k < CCT_NASIDE; k++)
			if (s->m.aside_rows[k] > 0)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%" PRId64 " %s",
				    len ? ", " : "", s->m.aside_listens[k], cct_aside_names[k]);
		err_warn("usage: %" PRId64 " qualified listens (%ld rows) set aside: %s%s",
		    s->m.set_aside_listens, s->m.rows_set_aside, list,
		    opt.rejects ? "" : " (--rejects lists them)");
	}
	if (s->m.held_total > 0 || s->m.suspense_in != 0) {
		char held[MONEY_BUFSZ], released[MONEY_BUFSZ], returned[MONEY_BUFSZ];

		err_warn("suspense: %" PRId64 " qualified listens on %" PRIu32 " titles without a known "
		    "holder; held %s, released %s, returned %s", s->m.held_total, intern_count(s->m.held),
		    money_format(r ? r->parts[PAYOUT_SUSPENSE] : 0, held),
		    money_format(s->m.suspense_released, released),
		    money_format(s->m.suspense_returned, returned));
	}
	/* compare (r NULL) always computes the user model. */
	if (s->m.pool_structure || s->model == PAYOUT_MODEL_USER || r == NULL) {
		size_t n;
		uint32_t first;
		int64_t l = cct_unfunded_listens(&s->m, &n, &first);

		if (l > 0)
			err_warn("usage: %" PRId64 " qualified listens of %zu structure%s without money in %s "
			    "(%s%s) weigh nothing: each structure's money pays only its own users",
			    l, n, n > 1 ? "s" : "", opt.month, intern_str(s->m.structures, first),
			    n > 1 ? ", ..." : "");
	}
	if (r && r->parts[PAYOUT_UNALLOCATED] != 0) {
		static const char *const why[] = { "no active title with a holder (the fixed part)",
			"no qualified listen on an active title (the variable part)",
			"every weight is 0 (multipliers of 0)", "a structure without any listener" };

		len = 0;
		for (int b = 0; b < 4; b++)
			if (r->unallocated_why & 1u << b)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? "; " : "",
				    why[b]);
		err_warn("%s unallocated: %s", money_format(r->parts[PAYOUT_UNALLOCATED], amount),
		    len ? list : "no weight to share it by");
	}
}

static int
finish(struct setup *s)
{
	char err[1024];

	if (err_status() >= ERR_EXIT_USAGE && opt.rejects != NULL)
		cct_abandoned_rejects = s->rejects;
	else if (rejects_close(s->rejects, err, sizeof err) != 0)
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

	struct explain *e = NULL;
	enum explain_kind kind;
	const char *name;

	if (opt.explain_table && !opt.explain)
		cli_usage_error("--csv: only with --explain");
	/* Released and returned suspense is money read, not shared by a step. */
	if (opt.explain && opt.suspense)
		cli_usage_error("--explain: not with --suspense (released and returned money is read, not shared)");
	setup(&s, 0, argc, argv);
	if (err_status() >= ERR_EXIT_USAGE)
		return finish(&s);
	if (opt.explain) {
		if (explain_resolve(&s.m, opt.explain, &kind, &name, err, sizeof err) != 0)
			err_exit(ERR_EXIT_DATA, "%s; nothing written", err);
		e = explain_new(&s.m, (enum payout_model)s.model, kind, name);
		s.m.trace = explain_trace(e);
	}
	if (cct_compute(&s.m, (enum payout_model)s.model, &r, err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s; nothing written", err);
	notices(&s, &r);
	cli_open_output(&o, opt.output, &w, opt.flags);
	/* The explanation takes the place of the payout lines. */
	if (e && opt.explain_table)
		explain_write_table(e, &w);
	else if (e)
		explain_write_text(e, o.fp);
	else
		cct_write(&s.m, (enum payout_model)s.model, &r, &w);
	cli_commit_output(&o);
	explain_free(e);
	if (opt.summary) {
		cli_open_output(&o, opt.summary, &w, opt.flags);
		cct_write_summary(&s.m, (enum payout_model)s.model, &r, &w);
		cli_commit_output(&o);
	}
	if (opt.open_suspense) {
		cli_open_output(&o, opt.open_suspense, &w, opt.flags);
		cct_write_open_suspense(&s.m, &r, &w);
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
	if (err_status() >= ERR_EXIT_USAGE)
		return finish(&s);
	if (cct_compare(&s.m, &c, err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s; nothing written", err);
	notices(&s, NULL);
	if (s.m.pool_structure)
		err_warn("compare: the artist-centric column pools the whole month: "
		    "it counts a user over every structure");
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
	{ "explain", 0, CLI_STRING, "WHAT", &opt.explain, 0, 0 },
	{ "csv", 0, CLI_FLAG, NULL, &opt.explain_table, 1, 0 },
	{ "rejects", 0, CLI_STRING, "FILE", &opt.rejects, 0, 0 },
	{ "suspense", 0, CLI_STRING, "FILE", &opt.suspense, 0, 0 },
	{ "open-suspense", 0, CLI_STRING, "FILE", &opt.open_suspense, 0, 0 },
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
