/*
 * 1d-report - the month's documents: statements rights holders can read,
 * sales reports distributors can load, signed bundles auditors can replay.
 *
 * statements settles every holder (paid, or carried forward under the
 * minimum payout) and checks that paid plus carried equals the payouts
 * plus the balances brought in before it writes anything.  bundle packs
 * the month's files with a MANIFEST of their SHA-256, signed with Ed25519;
 * verify checks it and replays the month with the same tools, comparing
 * every output byte for byte.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "adjust.h"
#include "bundle.h"
#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "dsr.h"
#include "err.h"
#include "money.h"
#include "out.h"
#include "payout.h"
#include "policy.h"
#include "replay.h"
#include "statement.h"
#include "statement_doc.h"
#include "table.h"
#include "transparency.h"

static struct {
	int flags, strict;
	const char *month, *catalog, *holders, *balances, *policy, *summary, *output;
	const char *distributor, *distributors, *compare, *sign, *pub, *listens_options, *cct_options;
	const char *ledger, *usage, *adjustments, *suspense;
	int64_t max_bytes;
} opt;

static struct policy policy;

static void
report(const char *file, long line, const char *field, const char *msg)
{
	err_at(file, line, field, "%s", msg);
}

static void
load_policy(void)
{
	char err[512];

	policy_defaults(&policy);
	if (opt.policy && policy_load(&policy, opt.policy, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
}

static struct catalog *
load_catalog(void)
{
	char err[512];
	struct catalog *c;

	if (opt.catalog == NULL)
		return NULL;
	if ((c = catalog_load(opt.catalog, opt.flags & TABLE_TSV, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return c;
}

/* The statements of the month, settled and checked, or an exit before anything is written. */
static void
settle_month(struct statement_month *m, const char *payouts)
{
	char err[512];
	int rc;

	rc = statement_month_adjusted(m, payouts, opt.adjustments, opt.balances, opt.month, opt.flags & TABLE_TSV,
	    policy.min_payout, report);
	if (rc == 0 && opt.summary &&
	    (rc = statement_check_summary(m, opt.summary, opt.flags & TABLE_TSV, report, err, sizeof err)) < 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (rc == -2)
		exit(ERR_EXIT_USAGE);	/* an input could not be read: said already */
	if (rc != 0)
		err_exit(ERR_EXIT_DATA, "the payouts and balances do not add up: no statement written");
}

/* The statements directory, written whole beside -o DIR, then put in its place (out.h). */
static struct out_dir statements_dir;

/* One document of a holder: STAGING/STEM.EXT. */
static void
write_doc(const struct statement_doc *d, const struct statement *s, const char *stem, const char *ext)
{
	char path[PATH_MAX + 256];
	struct table_writer w;
	struct out o;

	snprintf(path, sizeof path, "%s/%s.%s", statements_dir.staging, stem, ext);
	cli_open_output(&o, path, &w, opt.flags);
	if (strcmp(ext, "csv") == 0)
		statement_doc_csv(d, s, &w);
	else if (strcmp(ext, "txt") == 0)
		statement_doc_text(d, s, o.fp);
	else
		statement_doc_html(d, s, o.fp);
	cli_commit_output(&o);
}

/* STAGING/NAME, a table written by fn. */
static void
write_table(const struct statement_doc *d, const char *name,
    void (*fn)(const struct statement_doc *, struct table_writer *))
{
	char path[PATH_MAX + 32];
	struct table_writer w;
	struct out o;

	snprintf(path, sizeof path, "%s/%s", statements_dir.staging, name);
	cli_open_output(&o, path, &w, opt.flags);
	fn(d, &w);
	cli_commit_output(&o);
}

static int
cmd_statements(int argc, char **argv)
{
	struct statement_month m;
	static const char *const documents[] = { ".csv", ".txt", ".html", NULL };
	struct statement_doc d = { &m, NULL, &policy, NULL, 0 };
	struct catalog *cat;
	char err[512], stem[200];

	load_policy();
	if (opt.holders && statement_doc_load_names(&d, opt.holders, opt.flags & TABLE_TSV, err,
	    sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	d.cat = cat = load_catalog();
	settle_month(&m, argc ? argv[0] : "-");
	if (out_dir_open(&statements_dir, opt.output, documents, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	for (size_t i = 0; i < m.n; i++) {
		statement_doc_stem(&d, i, stem, sizeof stem);
		write_doc(&d, &m.s[i], stem, "csv");
		write_doc(&d, &m.s[i], stem, "txt");
		write_doc(&d, &m.s[i], stem, "html");
	}
	write_table(&d, "index.csv", statement_doc_index);
	write_table(&d, "balances.csv", statement_doc_balances);
	if (out_dir_commit(&statements_dir, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	statement_month_free(&m);
	statement_doc_free(&d);
	catalog_free(cat);
	return ERR_EXIT_OK;
}

/* DIR/NAME for each file of one distributor's DSR. */
static void
write_dsr(const struct dsr *d, const struct dsr_party *p, const struct dsr_sender *s, const char *staging)
{
	struct dsr_files files;
	char err[512], path[PATH_MAX + 600];
	struct out o;

	if (dsr_render(d, p, s, opt.max_bytes, &files, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	for (size_t i = 0; i < files.n; i++) {
		snprintf(path, sizeof path, "%s/%s", staging, files.v[i].name);
		cli_open_output(&o, path, NULL, 0);
		fwrite(files.v[i].data, 1, files.v[i].len, o.fp);
		cli_commit_output(&o);
	}
	dsr_files_free(&files);
}

/*
 * dsr: the month's DDEX DSR report of one distributor, or of each one in
 * the distributors file, into one directory.
 */
static int
cmd_dsr(int argc, char **argv)
{
	static const char *const reports[] = { ".tsv", NULL };
	struct dsr_parties parties;
	const struct dsr_party *one = NULL;
	struct out_dir dir;
	struct catalog *cat;
	struct dsr d;
	char err[512];
	int rc;

	load_policy();
	if (policy.dpid[0] == '\0' || policy.service[0] == '\0')
		err_exit(ERR_EXIT_USAGE, "%s: %s: not given (the platform's %s in DSR reports)", opt.policy,
		    policy.dpid[0] ? "service" : "dpid", policy.dpid[0] ? "service name" : "DDEX party id");
	if (dsr_parties_load(&parties, opt.distributors, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (opt.distributor && (one = dsr_parties_find(&parties, opt.distributor)) == NULL)
		cli_usage_error("--distributor: \"%s\" is not in %s", opt.distributor, opt.distributors);
	cat = load_catalog();
	if ((rc = dsr_read(&d, argc ? argv[0] : "-", cat, report, err, sizeof err)) == -2)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (rc != 0)
		return ERR_EXIT_DATA;
	if (out_dir_open(&dir, opt.output, reports, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);

	struct dsr_sender s = { policy.dpid, policy.service, policy.territory, policy.currency };

	for (size_t i = 0; i < parties.n; i++)
		if (one == NULL || one == &parties.v[i])
			write_dsr(&d, &parties.v[i], &s, dir.staging);
	if (out_dir_commit(&dir, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	dsr_free(&d);
	dsr_parties_free(&parties);
	catalog_free(cat);
	return ERR_EXIT_OK;
}

/* transparency: the month on one page. */
static int
cmd_transparency(int argc, char **argv)
{
	struct statement_month m;
	struct out o;
	char err[512];
	int rc;

	load_policy();
	const char *payouts = argc ? argv[0] : "-";

	if ((rc = statement_month(&m, payouts, NULL, NULL, 0, 0, report)) == -2)
		exit(ERR_EXIT_USAGE);
	if (rc != 0)
		err_exit(ERR_EXIT_DATA, "%s: payouts that do not add up", payouts);
	if (m.month[0] == '\0')
		err_exit(ERR_EXIT_DATA, "%s: no payout line", payouts);
	cli_open_output(&o, opt.output, NULL, opt.flags);
	if (transparency_write(o.fp, &m, policy.currency, opt.summary, opt.compare, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	cli_commit_output(&o);
	statement_month_free(&m);
	return ERR_EXIT_OK;
}

static int
cmd_keygen(int argc, char **argv)
{
	char err[512];

	(void)argc, (void)argv;
	if (bundle_keygen(opt.output, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return ERR_EXIT_OK;
}

/*
 * The month of the bundle when --month is not given: that of the payouts
 * among the files (DESIGN.md section 2 bundles without --month).
 */
static const char *
month_of_payouts(int argc, char **argv)
{
	static char month[8];

	for (int i = 0; i < argc; i++) {
		struct payout_reader *r;
		struct payout_line l;
		const char *field;
		char err[512];
		struct stat st;

		if (stat(argv[i], &st) != 0 || !S_ISREG(st.st_mode) ||
		    (r = payout_open(argv[i], 0, err, sizeof err)) == NULL)
			continue;
		if (payout_next(r, &l, &field, err, sizeof err) == 1)
			snprintf(month, sizeof month, "%s", l.month);
		payout_close(r);
		if (*month)
			return month;
	}
	cli_usage_error("bundle: no --month, and no payouts among the files to take it from");
}

static int
cmd_bundle(int argc, char **argv)
{
	char err[1024], header[4096];
	int y, mo;

	if (opt.month == NULL)
		opt.month = month_of_payouts(argc, argv);
	if (date_parse_month(opt.month, &y, &mo) != 0)
		err_exit(ERR_EXIT_USAGE, "--month: not a month (YYYY-MM): \"%s\"", opt.month);
	snprintf(header, sizeof header, "1d-bundle 1\nmonth %s\ntool 1d-report %s\n", opt.month,
	    ONED_VERSION);
	/* The options the month end gave the tools, for verify to replay. */
	for (int i = 0; i < 2; i++) {
		const char *tool = i ? "1d-cct" : "1d-listens";
		const char *words = i ? opt.cct_options : opt.listens_options;
		size_t used = strlen(header);

		if (words == NULL)
			continue;
		if (replay_options_valid(tool, words, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		snprintf(header + used, sizeof header - used, "options %s %s\n", tool, words);
	}
	if (bundle_write(opt.output, argv, argc, header, opt.sign, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return ERR_EXIT_OK;
}

/* A failed check of verify or restate (ctx: the command's name). */
static void
check_failure(void *ctx, const char *msg)
{
	fprintf(stderr, "%s: %s: %s\n", err_prog(), (const char *)ctx, msg);
}

/*
 * verify: a failed check names what differs and exits 1.  What was
 * checked is said step by step, and what was skipped; --strict fails a
 * verification that skipped anything or checked no signature.
 */
static int
cmd_verify(int argc, char **argv)
{
	static const char *const names[REPLAY_NSTEPS] = { "usage", "payouts", "statements" };
	struct replay_report r;
	char err[1024];
	int rc, skipped = 0;

	(void)argc;
	rc = replay_verify(argv[0], opt.pub, check_failure, "verify", &r, err, sizeof err);
	if (rc < 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (rc > 0)
		return ERR_EXIT_DATA;
	printf("%s: %zu files match the MANIFEST\n", argv[0], r.files);
	printf("  signature: %s\n", opt.pub ? "good" : "not checked (no --pub)");
	for (int s = 0; s < REPLAY_NSTEPS; s++) {
		printf("  %s: %s %s\n", names[s], r.replayed[s] ? "replayed byte for byte," : "skipped:",
		    r.why[s]);
		skipped += !r.replayed[s];
	}
	skipped += opt.pub == NULL;
	if (skipped == 0)
		printf("%s: verified: every check done\n", argv[0]);
	else
		printf("%s: verified, with %d check%s not done\n", argv[0], skipped, skipped == 1 ? "" : "s");
	if (opt.strict && skipped > 0) {
		err_warn("verify --strict: %s: %d check%s not done", argv[0], skipped, skipped == 1 ? "" : "s");
		return ERR_EXIT_DATA;
	}
	return ERR_EXIT_OK;
}

/*
 * restate: a closed month computed again from its bundle with corrected
 * inputs; the adjustments to stdout, or with -o DIR to DIR/adjustments.csv
 * beside DIR/restatement.tar.gz, the restatement's own bundle.
 */
static int
cmd_restate(int argc, char **argv)
{
	static const char *const files[] = { ".csv", ".tar.gz", NULL };
	struct replay_restatement rs = { { opt.catalog, opt.ledger, opt.usage, opt.holders, opt.policy,
		opt.suspense },
		NULL, opt.sign };
	char err[1024], bundle_out[PATH_MAX + 32], path[PATH_MAX + 32];
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ], c[MONEY_BUFSZ];
	struct out_dir dir;
	struct adjust_set adj;
	struct table_writer w;
	struct out o;
	int rc;

	(void)argc;
	if (opt.sign && opt.output == NULL)
		cli_usage_error("restate: --sign signs the restatement bundle of -o DIR: no -o");
	if (opt.output) {
		if (out_dir_open(&dir, opt.output, files, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		snprintf(bundle_out, sizeof bundle_out, "%s/restatement.tar.gz", dir.staging);
		snprintf(path, sizeof path, "%s/adjustments.csv", dir.staging);
		rs.bundle_out = bundle_out;
	}
	rc = replay_restate(argv[0], opt.pub, &rs, check_failure, "restate", &adj, err, sizeof err);
	if (rc < 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (rc > 0)
		return ERR_EXIT_DATA;
	cli_open_output(&o, opt.output ? path : NULL, &w, 0);
	adjust_write(&adj, &w);
	cli_commit_output(&o);
	if (opt.output && out_dir_commit(&dir, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	/*
	 * The deltas sum to the change of the lines' total: the month's base,
	 * plus what suspense released or returned; 0 unless money changed.
	 */
	if (adj.delta != 0)
		err_warn("restate: the lines of %s summed to %s and now sum to %s (the base or the "
		    "suspense released and returned changed): the adjustments sum to %s",
		    adj.n ? adj.l[0].month : "the month", money_format(adj.before, a), money_format(adj.after, b),
		    money_format(adj.delta, c));
	adjust_free(&adj);
	return ERR_EXIT_OK;
}

#define OUTPUT_OPTION(placeholder, required) \
	{ "output", 'o', CLI_STRING, placeholder, &opt.output, 0, required }
#define POLICY_OPTION { "policy", 0, CLI_STRING, "FILE", &opt.policy, 0, 0 }
#define SUMMARY_OPTION { "summary", 0, CLI_STRING, "FILE", &opt.summary, 0, 0 }

static const struct cli_option statements_options[] = {
	{ "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 },
	{ "excel", 0, CLI_FLAG, NULL, &opt.flags, TABLE_EXCEL, 0 },
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 1 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 0 },
	{ "holders", 0, CLI_STRING, "FILE", &opt.holders, 0, 0 },
	{ "balances", 0, CLI_STRING, "FILE", &opt.balances, 0, 0 },
	{ "adjustments", 0, CLI_STRING, "FILE", &opt.adjustments, 0, 0 },
	POLICY_OPTION,
	SUMMARY_OPTION,
	OUTPUT_OPTION("DIR", 1),
	{ NULL },
};
static const struct cli_option dsr_options[] = {
	{ "distributor", 0, CLI_STRING, "NAME", &opt.distributor, 0, 0 },
	{ "distributors", 0, CLI_STRING, "FILE", &opt.distributors, 0, 1 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 1 },
	{ "policy", 0, CLI_STRING, "FILE", &opt.policy, 0, 1 },
	{ "max-bytes", 0, CLI_COUNT, "N", &opt.max_bytes, 0, 0 },
	OUTPUT_OPTION("DIR", 1),
	{ NULL },
};
static const struct cli_option transparency_options[] = {
	SUMMARY_OPTION,
	{ "compare", 0, CLI_STRING, "FILE", &opt.compare, 0, 0 },
	POLICY_OPTION,
	OUTPUT_OPTION("FILE", 0),
	{ NULL },
};
static const struct cli_option keygen_options[] = {
	OUTPUT_OPTION("PREFIX", 1),
	{ NULL },
};
static const struct cli_option bundle_options[] = {
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 0 },
	{ "sign", 0, CLI_STRING, "KEY", &opt.sign, 0, 0 },
	{ "listens-options", 0, CLI_STRING, "TEXT", &opt.listens_options, 0, 0 },
	{ "cct-options", 0, CLI_STRING, "TEXT", &opt.cct_options, 0, 0 },
	OUTPUT_OPTION("FILE", 1),
	{ NULL },
};
static const struct cli_option verify_options[] = {
	{ "strict", 0, CLI_FLAG, NULL, &opt.strict, 1, 0 },
	{ "pub", 0, CLI_STRING, "KEY", &opt.pub, 0, 0 },
	{ NULL },
};

static const struct cli_option restate_options[] = {
	{ "pub", 0, CLI_STRING, "KEY", &opt.pub, 0, 0 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 0 },
	{ "ledger", 0, CLI_STRING, "FILE", &opt.ledger, 0, 0 },
	{ "usage", 0, CLI_STRING, "FILE", &opt.usage, 0, 0 },
	{ "holders", 0, CLI_STRING, "FILE", &opt.holders, 0, 0 },
	POLICY_OPTION,
	{ "suspense", 0, CLI_STRING, "FILE", &opt.suspense, 0, 0 },
	{ "sign", 0, CLI_STRING, "KEY", &opt.sign, 0, 0 },
	OUTPUT_OPTION("DIR", 0),
	{ NULL },
};

static const struct cli_command commands[] = {
	{ "statements", statements_options, "[FILE]", 0, 1, cmd_statements },
	{ "dsr", dsr_options, "[FILE]", 0, 1, cmd_dsr },
	{ "transparency", transparency_options, "[FILE]", 0, 1, cmd_transparency },
	{ "keygen", keygen_options, "", 0, 0, cmd_keygen },
	{ "bundle", bundle_options, "FILE ...", 1, -1, cmd_bundle },
	{ "verify", verify_options, "FILE", 1, 1, cmd_verify },
	{ "restate", restate_options, "BUNDLE", 1, 1, cmd_restate },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	opt.max_bytes = DSR_MAX_BYTES;
	static const struct cli_tool tool = { NULL, commands };

	return cli_main(&tool, argc, argv);
}
