/*
 * 1d-catalog - the catalogue in SQLite, with its history.
 *
 * import loads catalogue rows (as 1d-ingest writes them) in one
 * transaction, keeping every earlier version of a title with the days it
 * was known, so that export --as-of gives the catalogue exactly as it was
 * known on any day: what a month end and its auditors need.  Writers take
 * a lock, so two cron jobs never interleave.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catdb.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "out.h"
#include "rejects.h"
#include "table.h"

static const char usage_text[] =
    "usage: 1d-catalog [-tv] [-d DB] import [--date D] [--force] [--rejects F] [FILE ...]\n"
    "       1d-catalog [-d DB] takedown [--date D] [--from F] [TRACK ...]\n"
    "       1d-catalog [-t] [-d DB] export [--as-of D] [--holder H] [--status S] [-o F]\n"
    "       1d-catalog [-t] [-d DB] show TRACK\n"
    "       1d-catalog [-t] [-d DB] holders import FILE | holders export\n"
    "       1d-catalog [-t] [-d DB] stats\n";

enum { OPT_DATE = 256, OPT_FORCE, OPT_REJECTS, OPT_FROM, OPT_AS_OF, OPT_HOLDER, OPT_STATUS,
	OPT_VERSION };

static const struct option long_options[] = {
	{ "tsv", no_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "output", required_argument, NULL, 'o' },
	{ "database", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "holder", required_argument, NULL, OPT_HOLDER },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ NULL, 0, NULL, 0 },
};

static struct {
	int flags, verbose, force;
	const char *db, *date, *rejects, *from, *as_of, *holder, *status, *output;
} opt;

static struct rejects *rejects;

static void
reject(const struct table *t, const char *field, const char *why)
{
	char reason[600];

	err_at(table_name(t), table_line(t), field, "%s", why);
	snprintf(reason, sizeof reason, "%s: %s", field, why);
	rejects_add(rejects, t, reason);
}

static const char *
check_day(const char *option, const char *day)
{
	struct date d;

	if (day && date_parse(day, &d) != 0)
		err_exit(ERR_EXIT_USAGE, "--%s: not a date (YYYY-MM-DD): \"%s\"", option, day);
	return day;
}

/* The day an import or takedown becomes known: --date, else today (UTC). */
static const char *
known_from(void)
{
	static char today[11];
	time_t now = time(NULL);
	struct tm tm;

	if (opt.date)
		return opt.date;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	return today;
}

static struct catdb *
open_db(int writer)
{
	char err[1024];
	struct catdb *db = catdb_open(opt.db, writer, err, sizeof err);

	if (db == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return db;
}

static int
cmd_import(struct catdb *db, int argc, char **argv)
{
	struct catdb_counts n;
	char err[1024];
	int status = ERR_EXIT_OK;

	if ((rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	for (int i = 0; i < (argc ? argc : 1); i++) {
		const char *path = argc ? argv[i] : "-";

		switch (catdb_import(db, path, opt.flags, known_from(), opt.force, &n, reject, err, sizeof err)) {
		case 1:
			printf("%s: imported before, skipped (--force to import it again)\n", path);
			break;
		case 0:
			printf("%s: read %ld: new %ld, changed %ld, unchanged %ld, taken down %ld, rejected %ld\n",
			    path, n.read, n.added, n.changed, n.unchanged, n.taken_down, n.rejected);
			if (n.rejected > 0 && status == ERR_EXIT_OK)
				status = ERR_EXIT_DATA;
			break;
		default:
			err_warn("%s; nothing imported from %s", err, path);
			status = ERR_EXIT_USAGE;
		}
	}
	if (rejects_close(rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return status;
}

static int
cmd_takedown(struct catdb *db, int argc, char **argv)
{
	char err[1024];
	int status = ERR_EXIT_OK;

	if (argc == 0 && opt.from == NULL)
		cli_usage(usage_text, 0);
	for (int i = 0; i < argc; i++)
		if (catdb_takedown(db, argv[i], known_from(), err, sizeof err) != 0) {
			err_warn("%s", err);
			status = ERR_EXIT_DATA;
		}
	if (opt.from) {
		struct table *t = table_open(opt.from, opt.flags, err, sizeof err);
		int c;

		if (t == NULL)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		if ((c = table_col(t, "track")) < 0)
			err_exit(ERR_EXIT_USAGE, "%s:1: no \"track\" column", table_name(t));
		while (table_next(t) == 1)
			if (catdb_takedown(db, table_field(t, c), known_from(), err, sizeof err) != 0) {
				err_at(table_name(t), table_line(t), "track", "%s", err);
				status = ERR_EXIT_DATA;
			}
		table_close(t);
	}
	return status;
}

int
main(int argc, char **argv)
{
	const char *sub;
	struct catdb *db;
	struct out o;
	struct table_writer w;
	char err[1024];
	int c, status = ERR_EXIT_OK;

	err_init(argv[0]);
	opt.db = getenv("ONED_CATALOG") ? getenv("ONED_CATALOG") : "catalog.db";
	while ((c = getopt_long(argc, argv, "thvd:o:", long_options, NULL)) != -1) {
		switch (c) {
		case 't': opt.flags |= TABLE_TSV; break;
		case 'v': opt.verbose = 1; break;
		case 'd': opt.db = optarg; break;
		case 'o': opt.output = optarg; break;
		case 'h': cli_usage(usage_text, 1);
		case OPT_VERSION: cli_version();
		case OPT_DATE: opt.date = check_day("date", optarg); break;
		case OPT_FORCE: opt.force = 1; break;
		case OPT_REJECTS: opt.rejects = optarg; break;
		case OPT_FROM: opt.from = optarg; break;
		case OPT_AS_OF: opt.as_of = check_day("as-of", optarg); break;
		case OPT_HOLDER: opt.holder = optarg; break;
		case OPT_STATUS: opt.status = optarg; break;
		default: cli_usage(usage_text, 0);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		cli_usage(usage_text, 0);
	sub = argv[0];
	argc--;
	argv++;
	if (strcmp(sub, "import") == 0) {
		db = open_db(1);
		status = cmd_import(db, argc, argv);
	} else if (strcmp(sub, "takedown") == 0) {
		db = open_db(1);
		status = cmd_takedown(db, argc, argv);
	} else if (strcmp(sub, "export") == 0 && argc == 0) {
		db = open_db(0);
		cli_open_output(&o, opt.output, &w, opt.flags);
		if (catdb_export(db, opt.as_of, opt.holder, opt.status, &w, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		cli_commit_output(&o);
	} else if (strcmp(sub, "show") == 0 && argc == 1) {
		db = open_db(0);
		table_writer_init(&w, stdout, opt.flags);
		if (catdb_show(db, argv[0], &w, err, sizeof err) != 0)
			err_exit(ERR_EXIT_DATA, "%s", err);
	} else if (strcmp(sub, "holders") == 0 && argc == 2 && strcmp(argv[0], "import") == 0) {
		long n;

		db = open_db(1);
		if (catdb_holders_import(db, argv[1], opt.flags, &n, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		printf("%s: %ld holders\n", argv[1], n);
	} else if (strcmp(sub, "holders") == 0 && argc == 1 && strcmp(argv[0], "export") == 0) {
		db = open_db(0);
		cli_open_output(&o, opt.output, &w, opt.flags);
		if (catdb_holders_export(db, &w, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		cli_commit_output(&o);
	} else if (strcmp(sub, "stats") == 0 && argc == 0) {
		db = open_db(0);
		table_writer_init(&w, stdout, opt.flags);
		if (catdb_stats(db, &w, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
	} else {
		cli_usage(usage_text, 0);
	}
	catdb_close(db);
	return status;
}
