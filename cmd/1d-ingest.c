/*
 * 1d-ingest - turn distributors' drops into catalogue rows.
 *
 * A drop is a directory, a zip, a tar or tar.gz archive, or an archive on
 * standard input.  Its entries are streamed through libarchive: DDEX ERN
 * messages (*.xml) become one row per sound recording or video, CSV
 * metadata sheets (*.csv, with --map) one row per line, and every other
 * file is hashed so that the resources a message lists can be checked.
 * When several messages deliver the same track, the newest message (by
 * MessageCreatedDateTime) wins.  Rows are written sorted by track.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "drop.h"
#include "err.h"
#include "ingest.h"
#include "num.h"
#include "out.h"
#include "rejects.h"
#include "sheet.h"
#include "table.h"
#include "utf8.h"

static struct {
	int flags, verbose;
	const char *output, *rejects, *map, *distributor, *encoding;
	const char *max_entries, *max_entry_size, *max_total_size, *max_ratio, *max_depth;
} opt;

static struct rejects *rejects;

static void
on_reject(void *ctx, const char *where, long line, const char *why)
{
	(void)ctx;
	err_at(where, line, NULL, "%s", why);
	rejects_add_note(rejects, where, line, why);
}

/* A sheet row refused: its own columns go to the rejects file. */
static void
on_reject_row(void *ctx, const struct table *t, const char *where, long line, const char *why)
{
	(void)ctx;
	err_at(where, line, NULL, "%s", why);
	rejects_add(rejects, t, why);
}

static void
on_warn(void *ctx, const char *where, long line, const char *what)
{
	(void)ctx;
	err_at(where, line, NULL, "%s", what);
}

/* A title twice in one file is said even without -v: one of the rows is lost. */
static void
on_twice(void *ctx, const char *track, const char *where, long first_line, long kept_line)
{
	(void)ctx;
	err_at(where, first_line, NULL, "%s: listed again on line %ld, which is kept", track,
	    kept_line);
}

/* "where:line (created)", the date left out for a sheet. */
static void
delivery(char *buf, size_t n, const char *where, long line, const char *created)
{
	snprintf(buf, n, *created ? "%s:%ld (%s)" : "%s:%ld", where, line, created);
}

static void
on_replaced(void *ctx, const char *track, const char *old_where, long old_line,
    const char *old_created, const char *by_where, long by_line, const char *by_created)
{
	char old[512], by[512];

	(void)ctx;
	delivery(old, sizeof old, old_where, old_line, old_created);
	delivery(by, sizeof by, by_where, by_line, by_created);
	err_warn("%s: %s replaced by %s", track, old, by);
}

/* An option's count, which must be positive; def when not given. */
static int64_t
positive(const char *name, const char *s, int64_t def)
{
	int64_t v;

	if (s == NULL)
		return def;
	if (num_parse_count_str(s, &v) != NUM_OK || v == 0)
		cli_usage_error("--%s: not a positive integer: %s", name, s);
	return v;
}

/* A drop is named by its last path component, so that rows do not depend on where it was. */
static char *
base_name(const char *path)
{
	char *s = err_strdup(path), *b;
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	b = strrchr(s, '/');
	b = err_strdup(b && b[1] ? b + 1 : s);
	free(s);
	return b;
}

/* The distributor a drop is from: --distributor, else its file name up to the first '-' or '.'. */
static char *
distributor_of(const char *path)
{
	char *d;

	if (opt.distributor)
		return err_strdup(opt.distributor);
	if (strcmp(path, "-") == 0)
		return err_strdup("");
	d = base_name(path);
	d[strcspn(d, "-.")] = '\0';
	return d;
}

static int
is_sheet(const char *path)
{
	size_t n = strlen(path);

	return opt.map != NULL && n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

struct run {
	struct ingest *in;
	struct drop_limits lim;
	const char *name;	/* of the drop being read */
	int failed;
};

/* A sheet given on its own (or standard input that is no archive), open in t. */
static int
read_sheet(struct run *run, struct table *t, char *err, size_t errlen)
{
	int rc = ingest_sheet_table(run->in, t, run->name, err, errlen);

	table_close(t);
	return rc;
}

/* drop_read's plain: an input that is not an archive is a sheet, with --map. */
static int
plain_sheet(void *arg, const char *name, int fd, char *err, size_t errlen)
{
	struct run *run = arg;
	struct table *t = table_fdopen(fd, name, opt.flags | INGEST_SHEET_TABLE_FLAGS, err, errlen);

	return t == NULL ? -1 : read_sheet(run, t, err, errlen);
}

static int
entry(void *arg, const char *name, const unsigned char *data, size_t len)
{
	return ingest_entry(((struct run *)arg)->in, name, data, len);
}

static int
read_one(const char *path, void *ctx)
{
	struct run *run = ctx;
	char *dist = distributor_of(path), *name, err[1024];
	struct table *t;
	int status = ERR_EXIT_OK, rc;

	name = strcmp(path, "-") == 0 ? err_strdup("<stdin>") : base_name(path);
	run->name = name;
	ingest_drop_begin(run->in, name, dist);
	if (is_sheet(path)) {
		/* A sheet given on its own rather than in a drop: read once, as any table. */
		if ((t = table_open(path, opt.flags | INGEST_SHEET_TABLE_FLAGS, err, sizeof err)) == NULL ||
		    read_sheet(run, t, err, sizeof err) != 0)
			rc = DROP_IO;
		else
			rc = 0;
	} else {
		rc = drop_read(path, &run->lim, entry, opt.map ? plain_sheet : NULL, run, err, sizeof err);
	}
	if (rc == DROP_IO) {
		/*
		 * Missing, unreadable, malformed, truncated, beyond a limit: an
		 * I/O error, and no output is committed.
		 */
		if (strncmp(err, path, strlen(path)) == 0 || strncmp(err, name, strlen(name)) == 0)
			err_warn("%s", err);
		else
			err_at(name, 0, NULL, "%s", err);
		err_status_raise(ERR_EXIT_USAGE);
		status = ERR_EXIT_USAGE;
		ingest_drop_abandon(run->in);
	} else if (rc != 0) {
		/* Refused for what it holds: the other drops still come through. */
		err_at(name, 0, NULL, "%s", err);
		rejects_add_note(rejects, name, 0, err);
		run->failed = 1;
		ingest_drop_abandon(run->in);
	}
	ingest_drop_end(run->in);
	free(dist);
	free(name);
	return status;
}

static int
cmd_ingest(int argc, char **argv)
{
	struct ingest_hooks hooks = { on_reject, opt.verbose ? on_replaced : NULL, NULL, on_warn,
	    on_twice, on_reject_row };
	struct sheet_map *map = NULL;
	struct ingest_counts n;
	struct table_writer w;
	struct run run;
	struct out out;
	char err[512];
	int status;

	drop_limits_default(&run.lim);
	run.lim.max_entries = (long)positive("max-entries", opt.max_entries, run.lim.max_entries);
	run.lim.max_entry = positive("max-entry-size", opt.max_entry_size, run.lim.max_entry);
	run.lim.max_total = positive("max-total-size", opt.max_total_size, run.lim.max_total);
	run.lim.max_ratio = positive("max-ratio", opt.max_ratio, run.lim.max_ratio);
	run.failed = 0;
	if (opt.encoding != NULL) {
		enum utf8_charset cs;

		if (utf8_charset_parse(opt.encoding, &cs) != 0)
			cli_usage_error("--encoding: not latin1 or cp1252: %s", opt.encoding);
		/* Sheets only: ERN messages say their own encoding in their XML declaration. */
		opt.flags |= cs == UTF8_LATIN1 ? TABLE_LATIN1 : cs == UTF8_CP1252 ? TABLE_CP1252 : 0;
	}
	if (opt.map && (map = sheet_map_load(opt.map, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	run.in = ingest_new(&hooks, map, (int)positive("max-depth", opt.max_depth, 64));
	ingest_set_sheet_flags(run.in, opt.flags & (TABLE_LATIN1 | TABLE_CP1252));
	if ((rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	cli_open_output(&out, opt.output, &w, opt.flags);
	status = cli_each_input(argc, argv, read_one, &run);
	ingest_write(run.in, &w);
	cli_commit_output(&out);
	if (rejects_close(rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	ingest_get_counts(run.in, &n);
	if (opt.verbose)
		err_warn("read %ld = kept %ld + rejected %ld + duplicates %ld", n.read,
		    n.read - n.rejected - n.duplicates, n.rejected, n.duplicates);
	ingest_free(run.in);
	sheet_map_free(map);
	if (status != ERR_EXIT_OK)
		return status;
	return run.failed || n.rejected ? ERR_EXIT_DATA : ERR_EXIT_OK;
}

static const struct cli_option options[] = {
	{ "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 },
	{ "verbose", 'v', CLI_FLAG, NULL, &opt.verbose, 1, 0 },
	{ "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 },
	{ "rejects", 0, CLI_STRING, "FILE", &opt.rejects, 0, 0 },
	{ "map", 0, CLI_STRING, "FILE", &opt.map, 0, 0 },
	{ "distributor", 0, CLI_STRING, "NAME", &opt.distributor, 0, 0 },
	{ "encoding", 0, CLI_STRING, "ENCODING", &opt.encoding, 0, 0 },
	{ "max-entries", 0, CLI_STRING, "N", &opt.max_entries, 0, 0 },
	{ "max-entry-size", 0, CLI_STRING, "N", &opt.max_entry_size, 0, 0 },
	{ "max-total-size", 0, CLI_STRING, "N", &opt.max_total_size, 0, 0 },
	{ "max-ratio", 0, CLI_STRING, "N", &opt.max_ratio, 0, 0 },
	{ "max-depth", 0, CLI_STRING, "N", &opt.max_depth, 0, 0 },
	{ NULL },
};

static const struct cli_command commands[] = {
	{ NULL, options, "[DROP ...]", 0, -1, cmd_ingest },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { NULL, commands };

	return cli_main(&tool, argc, argv);
}
