#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "adjust.h"
#include "bundle.h"
#include "drop.h"
#include "err.h"
#include "file.h"
#include "hash.h"
#include "out.h"
#include "payout.h"
#include "replay.h"
#include "spawn.h"
#include "table.h"


/* One verification: where its failures go, what the MANIFEST lists, what to replay. */
#define MAX_OPTIONS 16
#define MAX_LOGS 256

struct tool_options {
	const char *tool;
	char *word[MAX_OPTIONS];
	int n;
};

/* The role of a bundled file, from its columns. */
enum role { R_OTHER, R_POLICY, R_LOGS, R_USAGE, R_LEDGER, R_CATALOG, R_PAYOUTS, R_BALANCES, R_HOLDERS,
	R_SUSPENSE, R_NROLES };

struct verify {
	void (*fail)(void *, const char *);
	void *ctx;
	int failed;
	char tmp[32], month[8];	/* tmp: where the bundle is extracted */
	char *role_path[R_NROLES], *logs[MAX_LOGS], **listed;
	int nlogs, has_statements;
	size_t nfiles;
	struct tool_options listens_opts, cct_opts;
	struct replay_report *report;
};

static void
verify_fail(struct verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
verify_fail(struct verify *v, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	v->fail(v->ctx, msg);
	v->failed = 1;
}

/* Compare two files; report the first line that differs. */
static void
compare_files(struct verify *v, const char *name, const char *want, const char *got)
{
	size_t nw, ng, line = 1;
	char *a = file_read(want, &nw), *b = file_read(got, &ng);

	if (a == NULL || b == NULL) {
		verify_fail(v, "%s: the replay wrote nothing", name);
	} else if (nw != ng || memcmp(a, b, nw) != 0) {
		for (size_t i = 0; i < nw && i < ng && a[i] == b[i]; i++)
			line += a[i] == '\n';
		verify_fail(v, "%s:%zu: differs from the replay", name, line);
	}
	free(a);
	free(b);
}

static enum role
role_of(const char *path)
{
	char err[512];
	struct table *t;
	enum role r = R_OTHER;
	size_t len = strlen(path);

	if (len > 5 && strcmp(path + len - 5, ".conf") == 0)
		return R_POLICY;
	if ((t = table_open(path, 0, err, sizeof err)) == NULL)
		return R_OTHER;
#define HAS(c) (table_col(t, c) >= 0)
	if (HAS("ts") && HAS("ms_played"))
		r = R_LOGS;
	else if (HAS("plays") && HAS("listens") && HAS("user") && HAS("structure"))
		r = R_USAGE;
	else if (HAS("kind") && HAS("gross"))
		r = R_LEDGER;
	else if (HAS("model") && HAS("part") && HAS("amount"))
		r = R_PAYOUTS;
	else if (HAS("month") && HAS("track") && HAS("amount") && !HAS("model") && !HAS("part"))
		r = R_SUSPENSE;	/* the open suspense of earlier months, 1d-cct --suspense */
	else if (HAS("track") && HAS("holder") && HAS("status"))
		r = R_CATALOG;
	else if (HAS("holder") && HAS("balance"))
		r = R_BALANCES;
	else if (HAS("holder") && HAS("tier"))
		r = R_HOLDERS;
#undef HAS
	table_close(t);
	return r;
}

/*
 * Options a month end gave the tools, as the MANIFEST records them:
 * "options 1d-listens --tz Europe/Paris --min-ms 20000".  Only options
 * that change what is computed, each with one value, are replayed: a
 * bundle cannot make the replay write files or read others.
 */
static const char *const listens_allowed[] = { "--tz", "--min-ms", "--max-per-day", NULL };
static const char *const cct_allowed[] = { "--pool", "--weight", NULL };

int
replay_options_valid(const char *tool, const char *words, char *errbuf, size_t errlen)
{
	const char *const *allowed = strcmp(tool, "1d-listens") == 0 ? listens_allowed :
	    strcmp(tool, "1d-cct") == 0 ? cct_allowed : NULL;
	char copy[1024], *save, *w;
	int expect_value = 0;

	if (allowed == NULL || strlen(words) >= sizeof copy || strchr(words, '\n')) {
		snprintf(errbuf, errlen, "%s: options cannot be replayed", tool);
		return -1;
	}
	strcpy(copy, words);
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int ok = 0;

		if (expect_value) {
			expect_value = 0;
			continue;
		}
		for (const char *const *a = allowed; *a; a++)
			ok |= strcmp(*a, w) == 0;
		if (!ok) {
			snprintf(errbuf, errlen, "%s: option %s cannot be replayed", tool, w);
			return -1;
		}
		expect_value = 1;
	}
	if (expect_value) {
		snprintf(errbuf, errlen, "%s: an option without its value", tool);
		return -1;
	}
	return 0;
}

static void
add_options(struct tool_options *o, const char *words)
{
	char *copy = err_strdup(words), *save, *w;

	for (w = strtok_r(copy, " ", &save); w && o->n < MAX_OPTIONS; w = strtok_r(NULL, " ", &save))
		o->word[o->n++] = err_strdup(w);
	free(copy);
}

/* The bundle's MANIFEST.sig is a good signature of its MANIFEST by pub. */
static void
check_signature(struct verify *v, const char *bundle, const char *pub, const char *manifest, size_t mlen)
{
	char path[PATH_MAX], err[1024], *sig;
	size_t siglen;

	snprintf(path, sizeof path, "%s/MANIFEST.sig", v->tmp);
	if ((sig = file_read(path, &siglen)) == NULL)
		verify_fail(v, "%s: not signed (no MANIFEST.sig)", bundle);
	else if (bundle_verify_signature(pub, manifest, mlen, sig, siglen, err, sizeof err) != 0)
		verify_fail(v, "%s", err);
	free(sig);
}

/* "options TOOL WORDS": the options to replay TOOL with, checked again. */
static void
manifest_options(struct verify *v, const char *line)
{
	struct tool_options *o = strncmp(line, "1d-listens ", 11) == 0 ? &v->listens_opts :
	    strncmp(line, "1d-cct ", 7) == 0 ? &v->cct_opts : NULL;
	const char *words = o ? line + strlen(o->tool) + 1 : "";
	char err[1024];

	if (o == NULL || replay_options_valid(o->tool, words, err, sizeof err) != 0)
		verify_fail(v, "MANIFEST: %s", o ? err : "options of an unknown tool");
	else
		add_options(o, words);
}

/* "file SHA256 SIZE NAME": the file is there with that size and digest; its role. */
static void
manifest_file(struct verify *v, const char *want, long long size, const char *name)
{
	char path[PATH_MAX], hex[HASH_HEX_LEN];
	struct stat st;
	enum role r;

	/* A MANIFEST path is not trusted: nothing outside the bundle is read. */
	if (!drop_name_safe(name)) {
		verify_fail(v, "MANIFEST: %s: a path outside the bundle", name);
		return;
	}
	v->listed = err_realloc(v->listed, (v->nfiles + 1) * sizeof *v->listed);
	v->listed[v->nfiles++] = err_strdup(name);
	snprintf(path, sizeof path, "%s/%s", v->tmp, name);
	if (stat(path, &st) != 0) {
		verify_fail(v, "%s: in MANIFEST, not in the bundle", name);
		return;
	}
	if (hash_sha256_file(path, hex) != 0 || strcmp(hex, want) != 0 || st.st_size != size)
		verify_fail(v, "%s: its SHA-256 is not the one in MANIFEST", name);
	if (strchr(name, '/')) {
		if (strncmp(name, "statements/", 11) == 0)
			v->has_statements = 1;
		return;
	}
	if ((r = role_of(path)) == R_LOGS) {
		if (v->nlogs < MAX_LOGS)
			v->logs[v->nlogs++] = err_strdup(path);
	} else if (r != R_OTHER) {
		free(v->role_path[r]);
		v->role_path[r] = err_strdup(path);
	}
}

/* Every line of the MANIFEST: the month, the tools' options, every file. */
static void
check_manifest(struct verify *v, char *manifest)
{
	char *line, *save;

	for (line = strtok_r(manifest, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char want[HASH_HEX_LEN], name[2048];
		long long size;

		if (sscanf(line, "month %7s", v->month) == 1)
			continue;
		if (strncmp(line, "options ", 8) == 0)
			manifest_options(v, line + 8);
		else if (sscanf(line, "file %64s %lld %2047s", want, &size, name) == 3)
			manifest_file(v, want, size, name);
	}
}

/* Nothing in the bundle that MANIFEST does not list. */
static void
check_unlisted(struct verify *v)
{
	struct dirent *de;
	DIR *d;

	if ((d = opendir(v->tmp)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		int found = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, "MANIFEST") || !strcmp(de->d_name, "MANIFEST.sig");
		size_t len = strlen(de->d_name);

		for (size_t i = 0; i < v->nfiles && !found; i++)
			found = strcmp(v->listed[i], de->d_name) == 0 ||
			    (strncmp(v->listed[i], de->d_name, len) == 0 && v->listed[i][len] == '/');
		if (!found)
			verify_fail(v, "%s: in the bundle, not in MANIFEST", de->d_name);
	}
	closedir(d);
}

/* Run a replayed tool with its output to DIR/replay/NAME, and compare with the bundled file. */
static void
replay_compare(struct verify *v, char **av, const char *name, const char *bundled)
{
	char out[PATH_MAX];

	snprintf(out, sizeof out, "%s/replay/%s", v->tmp, name);
	if (spawn_run(av, out, "/dev/null") < 0)
		verify_fail(v, "cannot replay: %s not found", av[0]);
	else
		compare_files(v, strrchr(bundled, '/') + 1, bundled, out);
}

/* Usage from the raw logs, with the recorded 1d-listens options. */
static void
replay_usage(struct verify *v)
{
	char *av[MAX_LOGS + MAX_OPTIONS + 8];
	int ac = 0;

	av[ac++] = "1d-listens";
	av[ac++] = "--month";
	av[ac++] = v->month;
	if (v->role_path[R_CATALOG]) {
		av[ac++] = "--catalog";
		av[ac++] = v->role_path[R_CATALOG];
	}
	for (int i = 0; i < v->listens_opts.n; i++)
		av[ac++] = v->listens_opts.word[i];
	for (int i = 0; i < v->nlogs; i++)
		av[ac++] = v->logs[i];
	av[ac] = NULL;
	replay_compare(v, av, "usage", v->role_path[R_USAGE]);
}

/* The model of the bundled payouts: that of their first line, else cct. */
static void
payouts_model(const char *payouts, char *model, size_t n)
{
	struct payout_reader *r;
	struct payout_line l;
	const char *field;
	char err[512];

	snprintf(model, n, "cct");
	if ((r = payout_open(payouts, 0, err, sizeof err)) == NULL)
		return;
	if (payout_next(r, &l, &field, err, sizeof err) == 1)
		snprintf(model, n, "%s", l.model);
	payout_close(r);
}

/*
 * 1d-cct on the month's ledger, catalogue, policy, holders and usage
 * (role: a path per role), with the recorded options and the model of the
 * bundled payouts, its output to out and its messages to err.
 */
static int
run_cct(struct verify *v, char **role, const char *out, const char *err)
{
	char model[32], *av[20 + MAX_OPTIONS];
	int ac = 0;

	payouts_model(v->role_path[R_PAYOUTS], model, sizeof model);
	av[ac++] = "1d-cct";
	av[ac++] = "--month";
	av[ac++] = v->month;
	av[ac++] = "--model";
	av[ac++] = model;
	av[ac++] = "--policy";
	av[ac++] = role[R_POLICY];
	av[ac++] = "--ledger";
	av[ac++] = role[R_LEDGER];
	av[ac++] = "--catalog";
	av[ac++] = role[R_CATALOG];
	if (role[R_HOLDERS]) {
		av[ac++] = "--holders";
		av[ac++] = role[R_HOLDERS];
	}
	if (role[R_SUSPENSE]) {
		av[ac++] = "--suspense";
		av[ac++] = role[R_SUSPENSE];
	}
	for (int i = 0; i < v->cct_opts.n; i++)
		av[ac++] = v->cct_opts.word[i];
	if (role[R_USAGE])
		av[ac++] = role[R_USAGE];
	av[ac] = NULL;
	return spawn_run(av, out, err);
}

/* Payouts from the bundled ledger, catalogue, policy and usage. */
static void
replay_payouts(struct verify *v)
{
	char out[PATH_MAX];

	snprintf(out, sizeof out, "%s/replay/payouts", v->tmp);
	if (run_cct(v, v->role_path, out, "/dev/null") < 0)
		verify_fail(v, "cannot replay: 1d-cct not found");
	else
		compare_files(v, strrchr(v->role_path[R_PAYOUTS], '/') + 1, v->role_path[R_PAYOUTS], out);
}

/* The statements from the bundled payouts, each file compared. */
static void
replay_statements(struct verify *v)
{
	static const struct { const char *option; enum role role; } inputs[] = {
		{ "--catalog", R_CATALOG }, { "--holders", R_HOLDERS }, { "--balances", R_BALANCES },
		{ "--policy", R_POLICY },
	};
	char out[PATH_MAX], *av[20];
	int ac = 0;

	snprintf(out, sizeof out, "%s/replay/statements", v->tmp);
	av[ac++] = "1d-report";
	av[ac++] = "statements";
	av[ac++] = "--month";
	av[ac++] = v->month;
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
		if (v->role_path[inputs[i].role]) {
			av[ac++] = (char *)inputs[i].option;
			av[ac++] = v->role_path[inputs[i].role];
		}
	av[ac++] = "-o";
	av[ac++] = out;
	av[ac++] = v->role_path[R_PAYOUTS];
	av[ac] = NULL;
	if (spawn_run(av, "/dev/null", "/dev/null") != 0)
		verify_fail(v, "the statements could not be replayed");
	for (size_t i = 0; i < v->nfiles && !v->failed; i++) {
		char want[PATH_MAX], got[PATH_MAX];

		if (strncmp(v->listed[i], "statements/", 11) != 0)
			continue;
		snprintf(want, sizeof want, "%s/%s", v->tmp, v->listed[i]);
		snprintf(got, sizeof got, "%s/replay/%s", v->tmp, v->listed[i]);
		compare_files(v, v->listed[i], want, got);
	}
}

/* What a step says: replayed, or skipped and why. */
static void
step(struct verify *v, enum replay_step s, int replayed, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
step(struct verify *v, enum replay_step s, int replayed, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->report->why[s], sizeof v->report->why[s], fmt, ap);
	va_end(ap);
	v->report->replayed[s] = replayed;
}

/* Replay: usage from the raw logs, payouts, statements, each step whose inputs are bundled. */
static void
replay_month(struct verify *v)
{
	char path[PATH_MAX];
	char **role = v->role_path;

	snprintf(path, sizeof path, "%s/replay", v->tmp);
	mkdir(path, 0755);
	if (v->nlogs > 0 && role[R_USAGE]) {
		replay_usage(v);
		step(v, REPLAY_USAGE, 1, "from %d raw log%s", v->nlogs, v->nlogs == 1 ? "" : "s");
	} else {
		step(v, REPLAY_USAGE, 0, "%s", role[R_USAGE] ? "the raw logs are not in the bundle" :
		    "no usage in the bundle");
	}
	if (role[R_PAYOUTS] && role[R_POLICY] && role[R_LEDGER] && role[R_CATALOG]) {
		replay_payouts(v);
		step(v, REPLAY_PAYOUTS, 1, "from the ledger, policy, catalogue%s and usage",
		    role[R_SUSPENSE] ? ", open suspense" : "");
	} else {
		step(v, REPLAY_PAYOUTS, 0, "%s not in the bundle", !role[R_PAYOUTS] ? "the payouts are" :
		    !role[R_POLICY] ? "the policy is" : !role[R_LEDGER] ? "the ledger is" : "the catalogue is");
	}
	if (v->has_statements && role[R_PAYOUTS]) {
		replay_statements(v);
		step(v, REPLAY_STATEMENTS, 1, "from the payouts%s", role[R_BALANCES] ?
		    " and the balances brought forward" : "");
	} else {
		step(v, REPLAY_STATEMENTS, 0, "%s", v->has_statements ? "the payouts are not in the bundle" :
		    "no statements in the bundle");
	}
}

static void
verify_cleanup(struct verify *v)
{
	for (int i = 0; i < v->nlogs; i++)
		free(v->logs[i]);
	for (int r = 0; r < R_NROLES; r++)
		free(v->role_path[r]);
	for (int i = 0; i < v->listens_opts.n; i++)
		free(v->listens_opts.word[i]);
	for (int i = 0; i < v->cct_opts.n; i++)
		free(v->cct_opts.word[i]);
	for (size_t i = 0; i < v->nfiles; i++)
		free(v->listed[i]);
	free(v->listed);
	if (file_remove_tree(v->tmp) != 0)
		verify_fail(v, "%s: could not remove", v->tmp);
}

/*
 * Extract bundle into a new temporary directory and check it: the
 * signature (with pub), every digest of the MANIFEST, nothing unlisted.
 * 0 (failures told through v->fail), or -1 with errbuf when it cannot run;
 * verify_cleanup() in both cases.
 */
static int
open_bundle(struct verify *v, const char *bundle, const char *pub, char *errbuf, size_t errlen)
{
	char path[PATH_MAX], err[1024], *manifest;
	size_t mlen;

	snprintf(v->tmp, sizeof v->tmp, "/tmp/1d-verify.XXXXXX");
	if (mkdtemp(v->tmp) == NULL) {
		snprintf(errbuf, errlen, "%s: %s", v->tmp, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "%s/MANIFEST", v->tmp);
	if (bundle_extract(bundle, v->tmp, err, sizeof err) != 0)
		verify_fail(v, "%s", err);
	else if ((manifest = file_read(path, &mlen)) == NULL)
		verify_fail(v, "%s: no MANIFEST", bundle);
	else {
		if (pub) {
			check_signature(v, bundle, pub, manifest, mlen);
			v->report->signature = !v->failed;
		}
		check_manifest(v, manifest);
		free(manifest);
		check_unlisted(v);
	}
	return 0;
}

#define VERIFY_INIT(fail_fn, fail_ctx, rep) { .fail = fail_fn, .ctx = fail_ctx, .report = rep, \
	.listens_opts = { "1d-listens", { 0 }, 0 }, .cct_opts = { "1d-cct", { 0 }, 0 } }

int
replay_verify(const char *bundle, const char *pub, void (*fail)(void *ctx, const char *msg), void *ctx,
    struct replay_report *report, char *errbuf, size_t errlen)
{
	struct verify v = VERIFY_INIT(fail, ctx, report);

	memset(report, 0, sizeof *report);
	if (open_bundle(&v, bundle, pub, errbuf, errlen) != 0)
		return -1;
	if (!v.failed && v.month[0] != '\0')
		replay_month(&v);
	verify_cleanup(&v);
	report->files = v.nfiles;
	return v.failed ? 1 : 0;
}

/* The roles a restatement can replace, in the order of enum replay_input. */
static const enum role input_role[REPLAY_NINPUTS] = { R_CATALOG, R_LEDGER, R_USAGE, R_HOLDERS, R_POLICY,
	R_SUSPENSE };
/* The names of the restatement bundle's files, by role. */
static const char *const restated_name[R_NROLES] = {
	[R_POLICY] = "policy.conf", [R_USAGE] = "usage.csv", [R_LEDGER] = "ledger.csv",
	[R_CATALOG] = "catalog.csv", [R_HOLDERS] = "holders.csv", [R_SUSPENSE] = "suspense.csv",
};

/* buf = dir/name; -1 when it does not fit. */
static int
join(char *buf, size_t n, const char *dir, const char *name)
{
	int len = snprintf(buf, n, "%s/%s", dir, name);

	return len < 0 || (size_t)len >= n ? -1 : 0;
}

/* DIR/NAME as a link to target (made absolute), for bundle_write to store as NAME. */
static int
link_as(const char *dir, const char *name, const char *target, char *errbuf, size_t errlen)
{
	char path[PATH_MAX], abs[PATH_MAX];

	errno = ENAMETOOLONG;
	if (join(path, sizeof path, dir, name) != 0 || realpath(target, abs) == NULL ||
	    symlink(abs, path) != 0) {
		snprintf(errbuf, errlen, "%s: %s", target, strerror(errno));
		return -1;
	}
	return 0;
}

/* The restatement bundle: the month's inputs as corrected, its payouts and adjustments. */
static int
write_restatement(struct verify *v, const char *bundle, char **role, const char *dir, const char *out,
    const char *sign, char *errbuf, size_t errlen)
{
	char header[4096], hex[HASH_HEX_LEN], *paths[R_NROLES + 2];
	const char *base = strrchr(bundle, '/') ? strrchr(bundle, '/') + 1 : bundle;
	int n = 0;
	size_t used;

	if (hash_sha256_file(bundle, hex) != 0) {
		snprintf(errbuf, errlen, "%s: %s", bundle, strerror(errno));
		return -1;
	}
	/* The original named by its digest: a restatement never changes the bundle it restates. */
	snprintf(header, sizeof header, "1d-bundle 1\nmonth %s\ntool 1d-report %s\nrestates %s %s\n",
	    v->month, ONED_VERSION, hex, base);
	if (v->cct_opts.n > 0) {
		used = strlen(header);
		used += snprintf(header + used, sizeof header - used, "options 1d-cct");
		for (int i = 0; i < v->cct_opts.n && used < sizeof header; i++)
			used += snprintf(header + used, sizeof header - used, " %s", v->cct_opts.word[i]);
		if (used < sizeof header)
			snprintf(header + used, sizeof header - used, "\n");
	}
	for (int r = 0; r < R_NROLES; r++) {
		char path[PATH_MAX];

		if (restated_name[r] == NULL || role[r] == NULL)
			continue;
		if (link_as(dir, restated_name[r], role[r], errbuf, errlen) != 0)
			return -1;
		(void)join(path, sizeof path, dir, restated_name[r]);	/* made by link_as */
		paths[n++] = err_strdup(path);
	}
	for (int i = 0; i < 2; i++) {
		char path[PATH_MAX];

		(void)join(path, sizeof path, dir, i ? "adjustments.csv" : "payouts.csv");
		paths[n++] = err_strdup(path);
	}
	used = bundle_write(out, paths, n, header, sign, errbuf, errlen);
	for (int i = 0; i < n; i++)
		free(paths[i]);
	return used ? -1 : 0;
}

/* The adjustments, as the restatement bundle stores them. */
static int
write_adjustments(const struct adjust_set *a, const char *path, char *errbuf, size_t errlen)
{
	struct table_writer w;
	struct out o;

	if (out_open(&o, path, errbuf, errlen) != 0)
		return -1;
	table_writer_init(&w, o.fp, 0);
	adjust_write(a, &w);
	return out_commit(&o, errbuf, errlen);
}

/* The month computed again from corrected inputs, the adjustments, the restatement bundle. */
static int
restate(struct verify *v, const char *bundle, const struct replay_restatement *rs, struct adjust_set *adj,
    char *errbuf, size_t errlen)
{
	char *role[R_NROLES], dir[64], payouts[96], adjustments[96];
	int rc;

	for (int r = 0; r < R_NROLES; r++)
		role[r] = v->role_path[r];
	for (int i = 0; i < REPLAY_NINPUTS; i++)
		if (rs->input[i])
			role[input_role[i]] = (char *)rs->input[i];
	for (int r = R_POLICY; r < R_NROLES; r++)
		if ((r == R_POLICY || r == R_LEDGER || r == R_CATALOG || r == R_PAYOUTS) && role[r] == NULL) {
			verify_fail(v, "%s: no %s in the bundle: nothing to restate", bundle,
			    r == R_POLICY ? "policy" : r == R_LEDGER ? "ledger" : r == R_CATALOG ? "catalogue" :
			    "payouts");
			return 1;
		}
	snprintf(dir, sizeof dir, "%s/restatement", v->tmp);
	snprintf(payouts, sizeof payouts, "%s/payouts.csv", dir);
	snprintf(adjustments, sizeof adjustments, "%s/adjustments.csv", dir);
	mkdir(dir, 0700);
	/* 1d-cct's own messages on the corrected inputs go to the user. */
	if ((rc = run_cct(v, role, payouts, NULL)) != 0) {
		if (rc == 1) {
			verify_fail(v, "1d-cct refused the corrected inputs: nothing restated");
			return 1;
		}
		snprintf(errbuf, errlen, "1d-cct could not compute the month again (%s %d)",
		    rc < 0 ? "not found:" : "exit status", rc);
		return -1;
	}
	if (adjust_diff(adj, v->role_path[R_PAYOUTS], payouts, 0, errbuf, errlen) != 0)
		return -1;
	if (rs->bundle_out && (write_adjustments(adj, adjustments, errbuf, errlen) != 0 ||
	    write_restatement(v, bundle, role, dir, rs->bundle_out, rs->sign, errbuf, errlen) != 0)) {
		adjust_free(adj);
		return -1;
	}
	return 0;
}

int
replay_restate(const char *bundle, const char *pub, const struct replay_restatement *rs,
    void (*fail)(void *ctx, const char *msg), void *ctx, struct adjust_set *adj, char *errbuf,
    size_t errlen)
{
	struct replay_report report = { 0 };
	struct verify v = VERIFY_INIT(fail, ctx, &report);
	int rc = 0;

	memset(adj, 0, sizeof *adj);
	if (open_bundle(&v, bundle, pub, errbuf, errlen) != 0)
		return -1;
	if (!v.failed && v.month[0] == '\0')
		verify_fail(&v, "%s: no month in the MANIFEST", bundle);
	if (!v.failed)
		rc = restate(&v, bundle, rs, adj, errbuf, errlen);
	verify_cleanup(&v);
	if (rc < 0)
		return -1;
	if (v.failed)
		adjust_free(adj);
	return v.failed ? 1 : 0;
}
