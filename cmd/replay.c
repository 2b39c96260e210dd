#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bundle.h"
#include "err.h"
#include "file.h"
#include "hash.h"
#include "replay.h"
#include "table.h"


/* Where failures go, and whether there was one. */
static void (*report_failure)(void *, const char *);
static void *report_ctx;
static int verify_failed;

static void
verify_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
verify_fail(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report_failure(report_ctx, msg);
	verify_failed = 1;
}

/* Compare two files; report the first line that differs. */
static void
compare_files(const char *name, const char *want, const char *got)
{
	size_t nw, ng, line = 1;
	char *a = file_read(want, &nw), *b = file_read(got, &ng);

	if (a == NULL || b == NULL) {
		verify_fail("%s: the replay wrote nothing", name);
	} else if (nw != ng || memcmp(a, b, nw) != 0) {
		for (size_t i = 0; i < nw && i < ng && a[i] == b[i]; i++)
			line += a[i] == '\n';
		verify_fail("%s:%zu: differs from the replay", name, line);
	}
	free(a);
	free(b);
}

/* The sibling tool: next to this executable, else on PATH. */
static void
tool_path(const char *name, char *path, size_t n)
{
	char self[PATH_MAX - 64];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);

	if (len > 0) {
		self[len] = '\0';
		*strrchr(self, '/') = '\0';
		snprintf(path, n, "%s/%s", self, name);
		if (access(path, X_OK) == 0)
			return;
	}
	snprintf(path, n, "%s", name);
}

/* Run argv with standard output to out; its exit status. */
static int
run_tool(char **argv, const char *out)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		FILE *f = out ? freopen(out, "w", stdout) : NULL;

		if (out && f == NULL)
			_exit(127);
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The role of a bundled file, from its columns. */
enum role { R_OTHER, R_POLICY, R_LOGS, R_USAGE, R_LEDGER, R_CATALOG, R_PAYOUTS, R_BALANCES, R_HOLDERS };

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
#define MAX_OPTIONS 16

struct tool_options {
	const char *tool;
	char *word[MAX_OPTIONS];
	int n;
};

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

int
replay_verify(const char *bundle, const char *pub, void (*fail)(void *ctx, const char *msg), void *ctx,
    size_t *files, char *errbuf, size_t errlen)
{
	char tmp[] = "/tmp/1d-verify.XXXXXX", path[PATH_MAX], err[1024], month[8] = "";
	char *manifest, *line, *save;
	size_t mlen, nfiles = 0;
	char *role_path[9] = { 0 }, *logs[256], **listed = NULL;
	int nlogs = 0, has_statements = 0;
	DIR *d;
	struct dirent *de;

	struct tool_options listens_opts = { "1d-listens", { 0 }, 0 };
	struct tool_options cct_opts = { "1d-cct", { 0 }, 0 };

	report_failure = fail;
	report_ctx = ctx;
	verify_failed = 0;
	*files = 0;
	if (mkdtemp(tmp) == NULL) {
		snprintf(errbuf, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	if (bundle_extract(bundle, tmp, err, sizeof err) != 0) {
		verify_fail("%s", err);
		goto done;
	}
	snprintf(path, sizeof path, "%s/MANIFEST", tmp);
	if ((manifest = file_read(path, &mlen)) == NULL) {
		verify_fail("%s: no MANIFEST", bundle);
		goto done;
	}
	if (pub) {
		char *sig;
		size_t siglen;

		snprintf(path, sizeof path, "%s/MANIFEST.sig", tmp);
		if ((sig = file_read(path, &siglen)) == NULL)
			verify_fail("%s: not signed (no MANIFEST.sig)", bundle);
		else if (bundle_verify_signature(pub, manifest, mlen, sig, siglen, err, sizeof err) != 0)
			verify_fail("%s", err);
		free(sig);
	}
	/* Every file of the MANIFEST is there with its size and digest. */
	for (line = strtok_r(manifest, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char hex[HASH_HEX_LEN], want[HASH_HEX_LEN], name[2048];
		long long size;
		struct stat st;

		if (sscanf(line, "month %7s", month) == 1)
			continue;
		if (strncmp(line, "options ", 8) == 0) {
			struct tool_options *o = strncmp(line + 8, "1d-listens ", 11) == 0 ? &listens_opts :
			    strncmp(line + 8, "1d-cct ", 7) == 0 ? &cct_opts : NULL;
			const char *words = o ? line + 8 + strlen(o->tool) + 1 : "";

			if (o == NULL || replay_options_valid(o->tool, words, err, sizeof err) != 0)
				verify_fail("MANIFEST: %s", o ? err : "options of an unknown tool");
			else
				add_options(o, words);
			continue;
		}
		if (sscanf(line, "file %64s %lld %2047s", want, &size, name) != 3)
			continue;
		listed = err_realloc(listed, (nfiles + 1) * sizeof *listed);
		listed[nfiles++] = err_strdup(name);
		snprintf(path, sizeof path, "%s/%s", tmp, name);
		if (stat(path, &st) != 0) {
			verify_fail("%s: in MANIFEST, not in the bundle", name);
			continue;
		}
		if (hash_sha256_file(path, hex) != 0 || strcmp(hex, want) != 0 || st.st_size != size)
			verify_fail("%s: its SHA-256 is not the one in MANIFEST", name);
		if (strchr(name, '/')) {
			if (strncmp(name, "statements/", 11) == 0)
				has_statements = 1;
			continue;
		}
		switch (role_of(path)) {
		case R_LOGS:
			if (nlogs < 256)
				logs[nlogs++] = err_strdup(path);
			break;
		case R_OTHER:
			break;
		default:
			free(role_path[role_of(path)]);
			role_path[role_of(path)] = err_strdup(path);
		}
	}
	free(manifest);
	/* Nothing in the bundle that MANIFEST does not list. */
	if ((d = opendir(tmp)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			int found = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
			    !strcmp(de->d_name, "MANIFEST") || !strcmp(de->d_name, "MANIFEST.sig");

			for (size_t i = 0; i < nfiles && !found; i++)
				found = strcmp(listed[i], de->d_name) == 0 ||
				    (strncmp(listed[i], de->d_name, strlen(de->d_name)) == 0 &&
				    listed[i][strlen(de->d_name)] == '/');
			if (!found)
				verify_fail("%s: in the bundle, not in MANIFEST", de->d_name);
		}
		closedir(d);
	}
	if (verify_failed || month[0] == '\0')
		goto done;

	/* Replay: usage from the raw logs, payouts, statements. */
	snprintf(path, sizeof path, "%s/replay", tmp);
	mkdir(path, 0755);
	if (nlogs > 0 && role_path[R_USAGE]) {
		char tool[PATH_MAX], out[PATH_MAX], *av[256 + MAX_OPTIONS + 8];
		int ac = 0;

		tool_path("1d-listens", tool, sizeof tool);
		av[ac++] = tool;
		av[ac++] = "--month";
		av[ac++] = month;
		if (role_path[R_CATALOG]) {
			av[ac++] = "--catalog";
			av[ac++] = role_path[R_CATALOG];
		}
		for (int i = 0; i < listens_opts.n; i++)
			av[ac++] = listens_opts.word[i];
		for (int i = 0; i < nlogs; i++)
			av[ac++] = logs[i];
		av[ac] = NULL;
		snprintf(out, sizeof out, "%s/replay/usage", tmp);
		if (run_tool(av, out) < 0)
			verify_fail("cannot replay: %s not found", tool);
		else
			compare_files(strrchr(role_path[R_USAGE], '/') + 1, role_path[R_USAGE], out);
	}
	if (role_path[R_PAYOUTS] && role_path[R_POLICY] && role_path[R_LEDGER] && role_path[R_CATALOG]) {
		char tool[PATH_MAX], out[PATH_MAX], model[32] = "cct", *av[20 + MAX_OPTIONS];
		int ac = 0;
		struct table *t = table_open(role_path[R_PAYOUTS], 0, err, sizeof err);

		if (t && table_next(t) == 1)
			snprintf(model, sizeof model, "%s", table_field(t, table_col(t, "model")));
		table_close(t);
		tool_path("1d-cct", tool, sizeof tool);
		av[ac++] = tool;
		av[ac++] = "--month";
		av[ac++] = month;
		av[ac++] = "--model";
		av[ac++] = model;
		av[ac++] = "--policy";
		av[ac++] = role_path[R_POLICY];
		av[ac++] = "--ledger";
		av[ac++] = role_path[R_LEDGER];
		av[ac++] = "--catalog";
		av[ac++] = role_path[R_CATALOG];
		if (role_path[R_HOLDERS]) {
			av[ac++] = "--holders";
			av[ac++] = role_path[R_HOLDERS];
		}
		for (int i = 0; i < cct_opts.n; i++)
			av[ac++] = cct_opts.word[i];
		if (role_path[R_USAGE])
			av[ac++] = role_path[R_USAGE];
		av[ac] = NULL;
		snprintf(out, sizeof out, "%s/replay/payouts", tmp);
		if (run_tool(av, out) < 0)
			verify_fail("cannot replay: %s not found", tool);
		else
			compare_files(strrchr(role_path[R_PAYOUTS], '/') + 1, role_path[R_PAYOUTS], out);
	}
	if (has_statements && role_path[R_PAYOUTS]) {
		char tool[PATH_MAX], out[PATH_MAX], *av[20];
		int ac = 0;

		tool_path("1d-report", tool, sizeof tool);
		snprintf(out, sizeof out, "%s/replay/statements", tmp);
		av[ac++] = tool;
		av[ac++] = "statements";
		av[ac++] = "--month";
		av[ac++] = month;
		if (role_path[R_CATALOG]) {
			av[ac++] = "--catalog";
			av[ac++] = role_path[R_CATALOG];
		}
		if (role_path[R_HOLDERS]) {
			av[ac++] = "--holders";
			av[ac++] = role_path[R_HOLDERS];
		}
		if (role_path[R_BALANCES]) {
			av[ac++] = "--balances";
			av[ac++] = role_path[R_BALANCES];
		}
		if (role_path[R_POLICY]) {
			av[ac++] = "--policy";
			av[ac++] = role_path[R_POLICY];
		}
		av[ac++] = "-o";
		av[ac++] = out;
		av[ac++] = role_path[R_PAYOUTS];
		av[ac] = NULL;
		if (run_tool(av, NULL) != 0)
			verify_fail("the statements could not be replayed");
		for (size_t i = 0; i < nfiles && !verify_failed; i++) {
			char want[PATH_MAX], got[PATH_MAX];

			if (strncmp(listed[i], "statements/", 11) != 0)
				continue;
			snprintf(want, sizeof want, "%s/%s", tmp, listed[i]);
			snprintf(got, sizeof got, "%s/replay/%s", tmp, listed[i]);
			compare_files(listed[i], want, got);
		}
	}
done:
	for (int i = 0; i < nlogs; i++)
		free(logs[i]);
	for (int r = 0; r < 9; r++)
		free(role_path[r]);
	for (int i = 0; i < listens_opts.n; i++)
		free(listens_opts.word[i]);
	for (int i = 0; i < cct_opts.n; i++)
		free(cct_opts.word[i]);
	for (size_t i = 0; i < nfiles; i++)
		free(listed[i]);
	free(listed);
	snprintf(path, sizeof path, "rm -rf '%s'", tmp);
	if (system(path) != 0)
		verify_fail("%s: could not remove", tmp);
	*files = nfiles;
	return verify_failed ? 1 : 0;
}

