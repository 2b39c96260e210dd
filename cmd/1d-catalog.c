/*
 * 1d-catalog - the catalogue in SQLite, with its history.
 *
 * import loads catalogue rows (as 1d-ingest writes them) in one
 * transaction, keeping every earlier version of a title with the days it
 * was known, so that export --as-of gives the catalogue exactly as it was
 * known on any day: what a month end and its auditors need.  Writers take
 * a lock, so two cron jobs never interleave.
 */
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
	if (field)
		snprintf(reason, sizeof reason, "%s: %s", field, why);
	else
		snprintf(reason, sizeof reason, "%s", why);
	rejects_add(rejects, t, reason);
}

static const char *
check_day(const char *option, const char *day)
{
	struct date d;

	if (day && date_parse(day, &d) != 0)
		cli_usage_error("--%s: not a day (YYYY-MM-DD): \"%s\"", option, day);
	return day;
}

/*
 * The day an import or takedown becomes known: --date, else today (UTC).
 * A day in the future is refused: its versions would hide every later
 * import's until that day.
 */
static const char *
known_from(void)
{
	static char today[11];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if (opt.date == NULL)
		return today;
	check_day("date", opt.date);
	if (strcmp(opt.date, today) > 0)
		cli_usage_error("--date: %s is in the future (today is %s UTC)", opt.date, today);
	return opt.date;
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
import_one(const char *path, void *ctx)
{
	struct catdb *db = ctx;
	struct catdb_counts n;
	char err[1024];

	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

	switch (catdb_import(db, path, opt.flags, known_from(), opt.force, &n, reject, err, sizeof err)) {
	case 1:
		err_warn("%s: imported before, skipped (--force to import it again)", name);
		return ERR_EXIT_OK;
	case 0:
		/* The summary is said when asked, or when rows were rejected. */
		if (opt.verbose || n.rejected > 0)
			err_warn("%s: read %ld = kept %ld + rejected %ld: new %ld, changed %ld,"
			    " unchanged %ld, taken down %ld", name, n.read, n.read - n.rejected,
			    n.rejected, n.added, n.changed, n.unchanged, n.taken_down);
		if (n.rejected > 0)
			err_status_raise(ERR_EXIT_DATA);
		return n.rejected > 0 ? ERR_EXIT_DATA : ERR_EXIT_OK;
	default:
		err_warn("%s; nothing imported from %s", err, name);
		err_status_raise(ERR_EXIT_USAGE);
		return ERR_EXIT_USAGE;
	}
}

static int
cmd_import(int argc, char **argv)
{
	struct catdb *db = open_db(1);
	char err[1024];
	int status;

	if ((rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	status = cli_each_input(argc, argv, import_one, db);
	if (rejects_close(rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	catdb_close(db);
	return status;
}

static int
cmd_revert(int argc, char **argv)
{
	struct catdb *db = open_db(1);
	char err[1024];
	long n;
	int rc;

	(void)argc;
	rc = catdb_revert(db, argv[0], &n, err, sizeof err);
	catdb_close(db);
	if (rc < 0)
		err_exit(ERR_EXIT_USAGE, "%s; nothing reverted", err);
	if (rc > 0)
		err_exit(ERR_EXIT_DATA, "%s", err);
	if (opt.verbose)
		err_warn("%s: reverted: %ld versions removed", argv[0], n);
	return ERR_EXIT_OK;
}

static int
cmd_takedown(int argc, char **argv)
{
	struct catdb *db;
	char err[1024];
	int status = ERR_EXIT_OK;

	if (argc == 0 && opt.from == NULL)
		cli_usage_error("takedown: give TRACK ... or --from FILE");
	db = open_db(1);
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
	catdb_close(db);
	return status;
}

static int
cmd_export(int argc, char **argv)
{
	struct catdb *db = open_db(0);
	struct table_writer w;
	struct out o;
	char err[1024];

	(void)argc, (void)argv;
	check_day("as-of", opt.as_of);
	cli_open_output(&o, opt.output, &w, opt.flags);
	if (catdb_export(db, opt.as_of, opt.holder, opt.status, &w, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	cli_commit_output(&o);
	catdb_close(db);
	return ERR_EXIT_OK;
}

static int
cmd_show(int argc, char **argv)
{
	struct catdb *db = open_db(0);
	struct table_writer w;
	char err[1024];

	(void)argc;
	table_writer_init(&w, stdout, opt.flags);
	if (catdb_show(db, argv[0], &w, err, sizeof err) != 0)
		err_exit(ERR_EXIT_DATA, "%s", err);
	catdb_close(db);
	return ERR_EXIT_OK;
}

static int
cmd_holders(int argc, char **argv)
{
	struct catdb *db;
	struct table_writer w;
	struct out o;
	char err[1024];
	long n;

	if (argc == 2 && strcmp(argv[0], "import") == 0) {
		db = open_db(1);
		if (catdb_holders_import(db, argv[1], opt.flags, &n, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		printf("%s: %ld holders\n", argv[1], n);
	} else if (argc == 1 && strcmp(argv[0], "export") == 0) {
		db = open_db(0);
		cli_open_output(&o, opt.output, &w, opt.flags);
		if (catdb_holders_export(db, &w, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		cli_commit_output(&o);
	} else {
		cli_usage_error("holders: import FILE or export");
	}
	catdb_close(db);
	return ERR_EXIT_OK;
}

static int
cmd_stats(int argc, char **argv)
{
	struct catdb *db = open_db(0);
	struct table_writer w;
	char err[1024];

	(void)argc, (void)argv;
	table_writer_init(&w, stdout, opt.flags);
	if (catdb_stats(db, &w, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	catdb_close(db);
	return ERR_EXIT_OK;
}

#define OUTPUT_OPTION { "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 }
#define DATE_OPTION { "date", 0, CLI_STRING, "DAY", &opt.date, 0, 0 }

static const struct cli_option global_options[] = {
	{ "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 },
	{ "database", 'd', CLI_STRING, "DB", &opt.db, 0, 0 },
	{ NULL },
};
static const struct cli_option import_options[] = {
	{ "verbose", 'v', CLI_FLAG, NULL, &opt.verbose, 1, 0 },
	DATE_OPTION,
	{ "force", 0, CLI_FLAG, NULL, &opt.force, 1, 0 },
	{ "rejects", 0, CLI_STRING, "FILE", &opt.rejects, 0, 0 },
	{ NULL },
};
static const struct cli_option revert_options[] = {
	{ "verbose", 'v', CLI_FLAG, NULL, &opt.verbose, 1, 0 },
	{ NULL },
};
static const struct cli_option takedown_options[] = {
	DATE_OPTION,
	{ "from", 0, CLI_STRING, "FILE", &opt.from, 0, 0 },
	{ NULL },
};
static const struct cli_option export_options[] = {
	{ "as-of", 0, CLI_STRING, "DAY", &opt.as_of, 0, 0 },
	{ "holder", 0, CLI_STRING, "HOLDER", &opt.holder, 0, 0 },
	{ "status", 0, CLI_STRING, "STATUS", &opt.status, 0, 0 },
	OUTPUT_OPTION,
	{ NULL },
};
static const struct cli_option holders_options[] = {
	OUTPUT_OPTION,
	{ NULL },
};
static const struct cli_option no_options[] = { { NULL } };

static const struct cli_command commands[] = {
	{ "import", import_options, "[FILE ...]", 0, -1, cmd_import },
	{ "revert", revert_options, "SHA256|SOURCE", 1, 1, cmd_revert },
	{ "takedown", takedown_options, "[TRACK ...]", 0, -1, cmd_takedown },
	{ "export", export_options, "", 0, 0, cmd_export },
	{ "show", no_options, "TRACK", 1, 1, cmd_show },
	{ "holders", holders_options, "import FILE | export", 1, 2, cmd_holders },
	{ "stats", no_options, "", 0, 0, cmd_stats },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { global_options, commands };

	opt.db = getenv("ONED_CATALOG") ? getenv("ONED_CATALOG") : "catalog.db";
	return cli_main(&tool, argc, argv);
}
