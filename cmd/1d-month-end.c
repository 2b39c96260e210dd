/*
 * 1d-month-end - close a month from one config file, safe under cron.
 *
 * It takes a lock on the output root, refuses a month already published
 * (corrections are restatements) unless --force, runs the preflight, then
 * every step of the month end with the sibling tools into a staging
 * directory beside the output, verifies the signed bundle, and publishes
 * OUT/MONTH/ by one rename with its log.  A failing step is named, its
 * status is the exit status, nothing is published and the last published
 * month is untouched.  It never makes a signing key.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "err.h"
#include "file.h"
#include "monthend.h"
#include "policy.h"
#include "spawn.h"
#include "table.h"

/* Another run holds the lock: EX_TEMPFAIL, so that cron's caller may retry. */
#define EXIT_LOCKED 75

static struct {
	const char *config;
	int force, wait;
} opt = { "month-end.conf", 0, 0 };

static struct monthend_config cfg;
static char staging[PATH_MAX], logpath[PATH_MAX + 64], lastday[11];

static void
load_config(const char *month)
{
	char err[1024];

	if (monthend_config_load(opt.config, month, &cfg, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	snprintf(lastday, sizeof lastday, "%s-%02d", cfg.month, date_days_in_month(cfg.year, cfg.mon));
}

/* Print the findings of the preflight; ERR_EXIT_DATA when there are any. */
static int
preflight(void)
{
	struct monthend_findings f = { 0 };
	char err[1024];
	int status;

	if (monthend_preflight(&cfg, &f, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "preflight: %s", err);
	for (size_t i = 0; i < f.n; i++)
		err_warn("preflight: %s", f.line[i]);
	status = f.n > 0 ? ERR_EXIT_DATA : ERR_EXIT_OK;
	if (f.n > 0)
		err_warn("preflight: %zu problem%s: %s is not closed", f.n, f.n == 1 ? "" : "s", cfg.month);
	monthend_findings_free(&f);
	return status;
}

/*
 * The lock of the output root.  A second run leaves at once (or waits with
 * --wait), naming who holds the lock since when.
 */
static void
take_lock(void)
{
	char path[PATH_MAX], holder[256] = "", stamp[32];
	time_t now = time(NULL);
	ssize_t n;
	int fd;

	if (mkdir(cfg.out, 0777) != 0 && errno != EEXIST)
		err_exit(ERR_EXIT_USAGE, "%s: %s", cfg.out, strerror(errno));
	snprintf(path, sizeof path, "%s/.month-end.lock", cfg.out);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0)
		err_exit(ERR_EXIT_USAGE, "%s: %s", path, strerror(errno));
	if (flock(fd, LOCK_EX | (opt.wait ? 0 : LOCK_NB)) != 0) {
		if ((n = pread(fd, holder, sizeof holder - 1, 0)) > 0)
			holder[n] = '\0';
		holder[strcspn(holder, "\n")] = '\0';
		err_warn("%s is locked by another month end (%s); try again later or use --wait", cfg.out,
		    *holder ? holder : "unknown");
		exit(EXIT_LOCKED);
	}
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	n = snprintf(holder, sizeof holder, "pid %ld closing %s since %s\n", (long)getpid(), cfg.month, stamp);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, holder, (size_t)n, 0) != n)
		err_exit(ERR_EXIT_USAGE, "%s: %s", path, strerror(errno));
	/* The descriptor stays open, and the lock held, until the process ends. */
}

static void
log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
log_line(const char *fmt, ...)
{
	FILE *f = fopen(logpath, "a");
	va_list ap;

	if (f == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

/* Remove the staging directory, keep its log beside the output, and leave. */
static void
fail(int status, const char *step)
{
	char kept[PATH_MAX + 32];

	snprintf(kept, sizeof kept, "%s/.%s.failed.log", cfg.out, cfg.month);
	rename(logpath, kept);
	file_remove_tree(staging);
	err_warn("%s: step %s failed (exit %d); nothing published; its log is %s", cfg.month, step,
	    status, kept);
	exit(status > 0 && status < 126 ? status : ERR_EXIT_USAGE);
}

/*
 * Run one step: argv, its standard output to out (or the log), its
 * errors to the log.  A status above ok_up_to fails the month.
 */
static void
step(const char *name, int ok_up_to, const char *out, char **argv)
{
	int status;

	log_line("== %s:", name);
	{
		FILE *f = fopen(logpath, "a");

		for (char **a = argv; f && *a; a++)
			fprintf(f, "%s%s", a == argv ? "" : " ", *a);
		if (f) {
			fputc('\n', f);
			fclose(f);
		}
	}
	status = spawn_run(argv, out ? out : logpath, logpath);
	log_line("== %s: exit %d", name, status);
	if (status < 0 || status > ok_up_to)
		fail(status < 0 ? ERR_EXIT_USAGE : status, name);
}

/* The map of a drop: maps/DISTRIBUTOR.map where the drop's name starts with DISTRIBUTOR. */
static int
find_map(const char *drop, char *map, size_t n)
{
	DIR *d = cfg.maps ? opendir(cfg.maps) : NULL;
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".map") == 0 &&
		    strncasecmp(drop, e->d_name, len - 4) == 0) {
			snprintf(map, n, "%s/%s", cfg.maps, e->d_name);
			found = 1;
		}
	}
	if (d)
		closedir(d);
	return found;
}

/* 1d-ingest each drop of the month, then one import into the catalogue. */
static void
ingest(void)
{
	struct dirent **names;
	struct spawn_args imp = { 0 }, w = { 0 };
	struct monthend_findings changed = { 0 };
	struct timespec began;
	char map[PATH_MAX];
	int n, k = 0;

	if (cfg.drops == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &began);
	if ((n = scandir(cfg.drops, &names, NULL, alphasort)) < 0)
		fail(ERR_EXIT_USAGE, "ingest");
	spawn_arg(&imp, "1d-catalog");
	spawn_arg(&imp, "-d");
	spawn_arg(&imp, "%s", cfg.catalog);
	spawn_arg(&imp, "import");
	spawn_arg(&imp, "--date");
	spawn_arg(&imp, "%s", lastday);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			spawn_arg(&w, "1d-ingest");
			if (find_map(names[i]->d_name, map, sizeof map)) {
				spawn_arg(&w, "--map");
				spawn_arg(&w, "%s", map);
			}
			spawn_arg(&w, "-o");
			spawn_arg(&w, "%s/rows-%d.csv", staging, k);
			spawn_arg(&w, "%s/%s", cfg.drops, names[i]->d_name);
			step("ingest", 0, NULL, w.v);
			spawn_args_free(&w);
			spawn_arg(&imp, "%s/rows-%d.csv", staging, k++);
		}
		free(names[i]);
	}
	free(names);
	if (k > 0)
		step("catalogue import", 0, NULL, imp.v);
	spawn_args_free(&imp);
	/* A drop still being written when it was read: the catalogue would miss its end. */
	monthend_check_drops_settled(cfg.drops, &began, &changed);
	for (size_t i = 0; i < changed.n; i++) {
		err_warn("%s", changed.line[i]);
		log_line("%s", changed.line[i]);
	}
	if (changed.n > 0)
		fail(ERR_EXIT_DATA, "catalogue import");
	monthend_findings_free(&changed);
}

/* The balances brought forward: the config's, or the previous month's, if published. */
static const char *
balances(char *buf, size_t n)
{
	char prev[8];

	if (cfg.balances)
		return cfg.balances;
	monthend_previous(cfg.month, prev);
	snprintf(buf, n, "%s/%s/statements/balances.csv", cfg.out, prev);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

/*
 * With unmatched = hold, the open suspense brought forward: the config's,
 * or the previous month's open-suspense.csv, if published (none the first
 * month).  *hold says whether the policy holds unmatched money at all.
 */
static const char *
suspense(char *buf, size_t n, int *hold)
{
	struct policy p;
	char prev[8], err[1024];

	policy_defaults(&p);
	if (policy_load(&p, cfg.policy, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (!(*hold = strcmp(p.unmatched, "hold") == 0))
		return NULL;
	if (cfg.suspense)
		return cfg.suspense;
	monthend_previous(cfg.month, prev);
	snprintf(buf, n, "%s/%s/open-suspense.csv", cfg.out, prev);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

static void
run_steps(const char *bal, int hold, const char *susp)
{
	struct spawn_args w = { 0 };

	ingest();
	spawn_arg(&w, "1d-catalog"), spawn_arg(&w, "-d"), spawn_arg(&w, "%s", cfg.catalog), spawn_arg(&w, "export");
	spawn_arg(&w, "--as-of"), spawn_arg(&w, "%s", lastday), spawn_arg(&w, "-o"), spawn_arg(&w, "%s/catalog.csv", staging);
	step("catalogue export", 0, NULL, w.v);
	spawn_args_free(&w);

	spawn_arg(&w, "1d-listens"), spawn_arg(&w, "--month"), spawn_arg(&w, "%s", cfg.month);
	spawn_arg(&w, "--catalog"), spawn_arg(&w, "%s/catalog.csv", staging);
	spawn_arg(&w, "--rejects"), spawn_arg(&w, "%s/listen-rejects.csv", staging);
	spawn_arg(&w, "-o"), spawn_arg(&w, "%s/usage.csv", staging);
	for (size_t i = 0; i < cfg.nlogs; i++)
		spawn_arg(&w, "%s", cfg.logs[i]);
	/* Rejected log rows are the usual defects: kept in listen-rejects.csv. */
	step("listens", ERR_EXIT_DATA, NULL, w.v);
	spawn_args_free(&w);

	spawn_arg(&w, "1d-cct"), spawn_arg(&w, "--month"), spawn_arg(&w, "%s", cfg.month);
	spawn_arg(&w, "--policy"), spawn_arg(&w, "%s", cfg.policy), spawn_arg(&w, "--ledger"), spawn_arg(&w, "%s", cfg.ledger);
	spawn_arg(&w, "--catalog"), spawn_arg(&w, "%s/catalog.csv", staging);
	if (cfg.holders)
		spawn_arg(&w, "--holders"), spawn_arg(&w, "%s", cfg.holders);
	if (susp)
		spawn_arg(&w, "--suspense"), spawn_arg(&w, "%s", susp);
	/* What stays held is the next month's --suspense. */
	if (hold)
		spawn_arg(&w, "--open-suspense"), spawn_arg(&w, "%s/open-suspense.csv", staging);
	spawn_arg(&w, "--summary"), spawn_arg(&w, "%s/summary.csv", staging);
	spawn_arg(&w, "--rejects"), spawn_arg(&w, "%s/set-aside.csv", staging);
	spawn_arg(&w, "-o"), spawn_arg(&w, "%s/payouts.csv", staging), spawn_arg(&w, "%s/usage.csv", staging);
	step("payouts", 0, NULL, w.v);
	spawn_args_free(&w);

	spawn_arg(&w, "1d-report"), spawn_arg(&w, "statements"), spawn_arg(&w, "--month"), spawn_arg(&w, "%s", cfg.month);
	spawn_arg(&w, "--catalog"), spawn_arg(&w, "%s/catalog.csv", staging);
	if (cfg.holders)
		spawn_arg(&w, "--holders"), spawn_arg(&w, "%s", cfg.holders);
	spawn_arg(&w, "--policy"), spawn_arg(&w, "%s", cfg.policy);
	if (bal)
		spawn_arg(&w, "--balances"), spawn_arg(&w, "%s", bal);
	spawn_arg(&w, "--summary"), spawn_arg(&w, "%s/summary.csv", staging);
	spawn_arg(&w, "-o"), spawn_arg(&w, "%s/statements", staging), spawn_arg(&w, "%s/payouts.csv", staging);
	step("statements", 0, NULL, w.v);
	spawn_args_free(&w);

	if (cfg.distributors) {
		spawn_arg(&w, "1d-report"), spawn_arg(&w, "dsr");
		spawn_arg(&w, "--distributors"), spawn_arg(&w, "%s", cfg.distributors);
		spawn_arg(&w, "--catalog"), spawn_arg(&w, "%s/catalog.csv", staging);
		spawn_arg(&w, "--policy"), spawn_arg(&w, "%s", cfg.policy);
		spawn_arg(&w, "-o"), spawn_arg(&w, "%s/dsr", staging), spawn_arg(&w, "%s/payouts.csv", staging);
		step("dsr", 0, NULL, w.v);
		spawn_args_free(&w);
	}

	spawn_arg(&w, "1d-report"), spawn_arg(&w, "bundle"), spawn_arg(&w, "--month"), spawn_arg(&w, "%s", cfg.month);
	spawn_arg(&w, "--sign"), spawn_arg(&w, "%s", cfg.key);
	spawn_arg(&w, "-o"), spawn_arg(&w, "%s/%s.tar.gz", staging, cfg.month);
	for (size_t i = 0; i < cfg.nlogs; i++)
		spawn_arg(&w, "%s", cfg.logs[i]);
	spawn_arg(&w, "%s/catalog.csv", staging), spawn_arg(&w, "%s/usage.csv", staging);
	spawn_arg(&w, "%s", cfg.ledger), spawn_arg(&w, "%s", cfg.policy);
	if (cfg.holders)
		spawn_arg(&w, "%s", cfg.holders);
	if (bal)
		spawn_arg(&w, "%s", bal);
	if (susp)
		spawn_arg(&w, "%s", susp);
	spawn_arg(&w, "%s/payouts.csv", staging), spawn_arg(&w, "%s/statements/", staging);
	step("bundle", 0, NULL, w.v);
	spawn_args_free(&w);

	spawn_arg(&w, "1d-report"), spawn_arg(&w, "verify"), spawn_arg(&w, "--strict");
	spawn_arg(&w, "--pub"), spawn_arg(&w, "%.*s.pub", (int)strlen(cfg.key) - 4, cfg.key);
	spawn_arg(&w, "%s/%s.tar.gz", staging, cfg.month);
	step("verify", 0, NULL, w.v);
	spawn_args_free(&w);
}

/* Publish staging as OUT/MONTH by one rename (with --force, over the old one). */
static void
publish(const char *final)
{
	char old[PATH_MAX + 32];

	snprintf(old, sizeof old, "%s/.%s.replaced.%ld", cfg.out, cfg.month, (long)getpid());
	if (opt.force && access(final, F_OK) == 0 && rename(final, old) != 0)
		fail(ERR_EXIT_USAGE, "publish");
	if (rename(staging, final) != 0) {
		rename(old, final);
		fail(ERR_EXIT_USAGE, "publish");
	}
	file_remove_tree(old);
}

/* value of key in a key,value file such as summary.csv; "" when absent. */
static const char *
summary_value(const char *path, const char *key, char *buf, size_t n)
{
	char err[512];
	struct table *t = table_open(path, 0, err, sizeof err);

	snprintf(buf, n, "?");
	while (t && table_next(t) == 1)
		if (strcmp(table_field(t, 0), key) == 0)
			snprintf(buf, n, "%s", table_field(t, 1));
	table_close(t);
	return buf;
}

static long
data_rows(const char *path)
{
	char err[512];
	struct table *t = table_open(path, 0, err, sizeof err);
	long n = 0;

	while (t && table_next(t) == 1)
		n++;
	table_close(t);
	return n;
}

static void
print_summary(const char *dir, const char *bal, int hold, const char *susp)
{
	char path[PATH_MAX + 64], a[64], b[64], c[64], d[64];

	snprintf(path, sizeof path, "%s/summary.csv", dir);
	printf("%s closed: %s in (gross), %s to share after VAT and the society\n", cfg.month,
	    summary_value(path, "gross", a, sizeof a), summary_value(path, "base", b, sizeof b));
	printf("  to rights holders: fixed %s + variable %s; fund %s; unallocated %s\n",
	    summary_value(path, "fixed", a, sizeof a), summary_value(path, "variable", b, sizeof b),
	    summary_value(path, "fund", c, sizeof c), summary_value(path, "unallocated", d, sizeof d));
	printf("  %s qualified listens; %s set aside (see set-aside.csv)\n",
	    summary_value(path, "qualified_listens", a, sizeof a),
	    summary_value(path, "listens_set_aside", b, sizeof b));
	if (hold) {
		printf("  suspense: held %s, released %s, returned %s; open suspense from %s\n",
		    summary_value(path, "held", a, sizeof a), summary_value(path, "released", b, sizeof b),
		    summary_value(path, "returned", c, sizeof c), susp ? susp : "nowhere (first month)");
		snprintf(path, sizeof path, "%s/open-suspense.csv", dir);
		printf("  %ld suspense rows still open (see open-suspense.csv)\n", data_rows(path));
	}
	snprintf(path, sizeof path, "%s/listen-rejects.csv", dir);
	printf("  %ld log rows rejected (see listen-rejects.csv, with their reasons)\n", data_rows(path));
	snprintf(path, sizeof path, "%s/statements/index.csv", dir);
	printf("  %ld statements, balances brought forward from %s\n", data_rows(path),
	    bal ? bal : "nowhere (first month)");
	printf("  published in %s/ (statements/, %spayouts.csv, %s.tar.gz signed and verified)\n", dir,
	    cfg.distributors ? "dsr/ (a DSR per distributor), " : "", cfg.month);
}

static int
cmd_close(int argc, char **argv)
{
	char final[PATH_MAX], balbuf[PATH_MAX], suspbuf[PATH_MAX];
	const char *bal, *susp;
	int status, hold;

	(void)argc;
	load_config(argv[0]);
	take_lock();
	snprintf(final, sizeof final, "%s/%s", cfg.out, cfg.month);
	if (access(final, F_OK) == 0 && !opt.force) {
		err_warn("%s is published already: correct it with 1d-report restate (or --force "
		    "to close it again)", final);
		return ERR_EXIT_DATA;
	}
	if ((status = preflight()) != ERR_EXIT_OK)
		return status;
	bal = balances(balbuf, sizeof balbuf);
	susp = suspense(suspbuf, sizeof suspbuf, &hold);
	snprintf(staging, sizeof staging, "%s/.%s.staging", cfg.out, cfg.month);
	file_remove_tree(staging);	/* a crashed run's: we hold the lock */
	if (mkdir(staging, 0777) != 0)
		err_exit(ERR_EXIT_USAGE, "%s: %s", staging, strerror(errno));
	snprintf(logpath, sizeof logpath, "%s/month-end.log", staging);
	log_line("1d-month-end %s with %s", cfg.month, opt.config);
	run_steps(bal, hold, susp);
	publish(final);
	print_summary(final, bal, hold, susp);
	monthend_config_free(&cfg);
	return ERR_EXIT_OK;
}

static int
cmd_check(int argc, char **argv)
{
	int status;

	(void)argc;
	load_config(argv[0]);
	if ((status = preflight()) == ERR_EXIT_OK)
		printf("%s: ready to close\n", cfg.month);
	monthend_config_free(&cfg);
	return status;
}

static const struct cli_option global_options[] = {
	{ "config", 'c', CLI_STRING, "FILE", &opt.config, 0, 0 },
	{ NULL },
};
static const struct cli_option close_options[] = {
	{ "force", 0, CLI_FLAG, NULL, &opt.force, 1, 0 },
	{ "wait", 0, CLI_FLAG, NULL, &opt.wait, 1, 0 },
	{ NULL },
};
static const struct cli_option no_options[] = { { NULL } };

static const struct cli_command commands[] = {
	{ NULL, close_options, "MONTH", 1, 1, cmd_close },
	{ "check", no_options, "MONTH", 1, 1, cmd_check },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { global_options, commands };

	return cli_main(&tool, argc, argv);
}
