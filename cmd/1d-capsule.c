/*
 * 1d-capsule - editors' capsules: checked against the catalogue, exported
 * as playlists, found by place, measured by listens, edited in place.
 *
 * A capsule file has one row per item; a capsule's own columns (title,
 * curator, structure, place, coordinates, dates) repeat on each row.
 * Every subcommand reads capsule files as arguments; the editing ones
 * rewrite their file atomically, sorted by capsule and position.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "capsule.h"
#include "capsule_stats.h"
#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "intake.h"
#include "listen.h"
#include "num.h"
#include "out.h"
#include "playlist.h"
#include "table.h"

static struct {
	int flags, verbose;
	const char *catalog, *territory, *format, *capsule, *output, *on, *km, *month, *tz;
	struct cli_list listens;
	const char *field[8], *media, *note;
	int64_t at, min_ms, max_per_day;
} opt = { .territory = "FR", .at = -1, .min_ms = 30000 };

static int status = ERR_EXIT_OK;

/* --on DAY into *day; 0 when not given. */
static int
parse_on(struct date *day)
{
	if (opt.on == NULL)
		return 0;
	if (date_parse(opt.on, day) != 0)
		cli_usage_error("--on: not a date: \"%s\"", opt.on);
	return 1;
}

static void
conflict(const char *file, long line, const char *id, const char *other)
{
	err_at(file, line, "capsule", "\"%s\" is also in %s, with other content", id, other);
	status = ERR_EXIT_DATA;
}

static void
bad_row(const char *file, long line, const char *msg)
{
	err_at(file, line, NULL, "%s", msg);
	status = ERR_EXIT_DATA;
}

/*
 * Load capsule files (standard input when none); a conflict between files
 * or a rejected row is a data problem.
 */
static void
load(struct capsule_set *set, int argc, char **argv)
{
	char err[512];

	for (int i = 0; i < (argc ? argc : 1); i++)
		if (capsule_load(set, argc ? argv[i] : "-", opt.flags, conflict, bad_row, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
	capsule_sort(set);
}

static struct catalog *
load_catalog(void)
{
	char err[512];
	struct catalog *c;

	if (opt.catalog == NULL)
		return NULL;
	if ((c = catalog_load(opt.catalog, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return c;
}

/* check: one row per problem, capsule by capsule, items by position. */
static void
put_problem(void *ctx, const char *capsule, const char *item, const char *reason)
{
	struct table_writer *w = ctx;

	table_put(w, capsule);
	table_put(w, item);
	table_put(w, reason);
	table_end_row(w);
}

static int
cmd_check(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule_rules rules = { .territory = opt.territory };
	struct catalog *cat;
	struct table_writer w;
	long n = 0;

	rules.has_on = parse_on(&rules.on);
	cat = load_catalog();
	load(&set, argc, argv);
	table_writer_init(&w, stdout, opt.flags);
	table_put_header(&w, "capsule,item,reason");
	for (size_t i = 0; i < set.n; i++)
		n += capsule_check(&set.c[i], cat, &rules, put_problem, &w);
	if (opt.verbose)
		err_warn("%zu capsules checked, %ld problems", set.n, n);
	if (n > 0 && status == ERR_EXIT_OK)
		status = ERR_EXIT_DATA;
	capsule_set_free(&set);
	catalog_free(cat);
	return status;
}

static int
cmd_export(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct catalog *cat;
	struct out o;
	struct table_writer w;
	const struct capsule *c = NULL;

	if (strcmp(opt.format, "m3u8") && strcmp(opt.format, "xspf") && strcmp(opt.format, "json"))
		err_exit(ERR_EXIT_USAGE, "--format: not m3u8, xspf or json: \"%s\"", opt.format);
	cat = load_catalog();
	load(&set, argc, argv);
	if (opt.capsule && (c = capsule_find(&set, opt.capsule)) == NULL)
		err_exit(ERR_EXIT_DATA, "no capsule \"%s\"", opt.capsule);
	if (strcmp(opt.format, "json") != 0 && c == NULL) {
		if (set.n != 1)
			err_exit(ERR_EXIT_USAGE, "%s holds one capsule: choose one with --capsule", opt.format);
		c = &set.c[0];
	}
	cli_open_output(&o, opt.output, &w, opt.flags);
	if (strcmp(opt.format, "m3u8") == 0)
		playlist_m3u8(o.fp, c, cat);
	else if (strcmp(opt.format, "xspf") == 0)
		playlist_xspf(o.fp, c, cat);
	else
		playlist_json(o.fp, &set, cat, opt.capsule);
	cli_commit_output(&o);
	capsule_set_free(&set);
	catalog_free(cat);
	return status;
}

static int
cmd_near(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule_nearby *found;
	struct table_writer w;
	struct date on;
	double lat, lon, radius = 25;
	size_t n;
	char *end;

	if (opt.km && ((radius = strtod(opt.km, &end)) < 0 || *end || end == opt.km))
		cli_usage_error("--km: not a distance: \"%s\"", opt.km);
	if (capsule_coordinate(argv[0], 90, &lat) != 0)
		err_exit(ERR_EXIT_USAGE, "not a latitude: \"%s\"", argv[0]);
	if (capsule_coordinate(argv[1], 180, &lon) != 0)
		err_exit(ERR_EXIT_USAGE, "not a longitude: \"%s\"", argv[1]);
	load(&set, argc - 2, argv + 2);
	found = capsule_near(&set, lat, lon, radius, parse_on(&on) ? &on : NULL, &n);
	table_writer_init(&w, stdout, opt.flags);
	capsule_near_write(found, n, &w);
	free(found);
	capsule_set_free(&set);
	return status;
}

/* What stats read: rows, rejected, kept from capsules, kept elsewhere, unknown capsules. */
struct stats_run {
	struct capsule_stats *stats;
	struct intake *intake;
	long read, rejected, capsules, elsewhere, unknown;
};

/* Count one parsed listen as 1d-listens keeps it; -1 when a sum cannot hold it. */
static int
count_listen(struct stats_run *run, const struct listen *l)
{
	const char *column;
	int64_t qualified = intake_counts(run->intake)->qualified;
	int r = intake_add(run->intake, l, &column);

	if (r == INTAKE_OVERFLOW)
		return -1;
	if (r != INTAKE_KEPT)
		return 0;
	switch (capsule_stats_add(run->stats, l, intake_counts(run->intake)->qualified > qualified)) {
	case 1:
		run->capsules++;
		break;
	case 0:
		run->elsewhere++;
		break;
	default:
		run->unknown++;
	}
	return 0;
}

/* Count one file of raw listens. */
static void
count_listens(struct stats_run *run, const char *path)
{
	struct listen_columns cols;
	struct listen l;
	struct table *t;
	const char *missing, *field;
	char err[512];
	int r;

	if ((t = table_open(path, opt.flags | TABLE_BAD_ROWS, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (listen_columns(t, &cols, &missing) != 0)
		err_exit(ERR_EXIT_USAGE, "%s:1: %s: no such column", table_name(t), missing);
	if (cols.source < 0)
		err_exit(ERR_EXIT_USAGE, "%s:1: source: no such column", table_name(t));
	while ((r = table_next(t)) == 1 || r == TABLE_BAD) {
		run->read++;
		if (r == TABLE_BAD) {
			err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
			run->rejected++;
		} else if (listen_parse(t, &cols, &l, &field, err, sizeof err) != 0) {
			err_at(table_name(t), table_line(t), field, "%s", err);
			run->rejected++;
		} else if (count_listen(run, &l) != 0) {
			err_at(table_name(t), table_line(t), NULL, "too many distinct listens to count");
			err_status_raise(ERR_EXIT_USAGE);
			break;
		}
	}
	/* A log that cannot be read to its end: the counts would be short. */
	if (r < 0) {
		err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
		err_status_raise(ERR_EXIT_USAGE);
	}
	table_close(t);
}

static int
cmd_stats(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct stats_run run = { 0 };
	struct intake_rules rules;
	struct aggregate *months;
	const struct capsule_unknown *unknown;
	const struct intake_counts *n;
	struct out o;
	struct table_writer w;
	char err[512];
	size_t nunknown;

	if (intake_rules_init(&rules, opt.month, opt.tz, opt.min_ms, opt.max_per_day, err, sizeof err) != 0)
		cli_usage_error("%s", err);
	load(&set, argc, argv);
	run.stats = capsule_stats_new(&set);
	/* The intake decides, as in 1d-listens; its sums per month are not needed. */
	months = aggregate_new(1u << AGGREGATE_MONTH, 0, 0);
	run.intake = intake_new(&rules, months);
	for (size_t f = 0; f < opt.listens.n; f++)
		count_listens(&run, opt.listens.v[f]);
	if (err_status() < ERR_EXIT_USAGE) {
		cli_open_output(&o, opt.output, &w, opt.flags);
		capsule_stats_write(run.stats, &w);
		cli_commit_output(&o);
	}
	/* Listens credited to a capsule that no file holds: a deleted or mistyped capsule. */
	unknown = capsule_stats_unknown(run.stats, &nunknown);
	for (size_t i = 0; i < nunknown; i++)
		err_warn("capsule:%s: %" PRId64 " kept listens name a capsule in none of these files",
		    unknown[i].id, unknown[i].plays);
	n = intake_counts(run.intake);
	if (opt.verbose)
		err_warn("read %ld = from these capsules %ld + from unknown capsules %ld + elsewhere %ld"
		    " + rejected %ld + duplicates %" PRId64 " + other months %" PRId64,
		    run.read, run.capsules, run.unknown, run.elsewhere, run.rejected, n->duplicates,
		    n->other_months);
	if (run.rejected > 0 && status == ERR_EXIT_OK)
		status = ERR_EXIT_DATA;
	intake_free(run.intake);
	aggregate_free(months);
	date_zone_close(rules.zone);
	capsule_stats_free(run.stats);
	capsule_set_free(&set);
	return status;
}

/* The capsule file an editing subcommand works on, or an empty set. */
static void
load_for_edit(struct capsule_set *set, char *file, int must_exist)
{
	char lock[PATH_MAX];
	int fd;

	/*
	 * Edits of one file are serialised: each holds FILE.lock (the file
	 * itself is replaced by a rename, so cannot be locked) from before it
	 * reads to after it writes, that is until the process ends.
	 */
	snprintf(lock, sizeof lock, "%s.lock", file);
	if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0 || flock(fd, LOCK_EX) != 0)
		err_exit(ERR_EXIT_USAGE, "%s: %s", lock, strerror(errno));
	if (must_exist || access(file, F_OK) == 0)
		load(set, 1, &file);
}

/* Load FILE for an edit of its capsule ID, which must be there. */
static struct capsule *
load_capsule(struct capsule_set *set, char **argv)
{
	struct capsule *c;

	load_for_edit(set, argv[0], 1);
	if ((c = capsule_find(set, argv[1])) == NULL)
		err_exit(ERR_EXIT_DATA, "%s: no capsule \"%s\"", argv[0], argv[1]);
	return c;
}

/* Write set sorted to file (standard output when NULL), and free it. */
static int
save(struct capsule_set *set, const char *file)
{
	struct out o;
	struct table_writer w;

	capsule_sort(set);
	cli_open_output(&o, file, &w, opt.flags);
	capsule_write(set, &w);
	cli_commit_output(&o);
	capsule_set_free(set);
	return status;
}

static size_t
item_index(const struct capsule *c, const char *file, const char *item)
{
	long i = capsule_item_index(c, item);

	if (i < 0)
		err_exit(ERR_EXIT_DATA, "%s: capsule \"%s\" has no item \"%s\"", file, c->id, item);
	return (size_t)i;
}

static void
add_item(struct capsule *c, const char *file, const char *item)
{
	if (opt.media && catalog_media_parse(opt.media, &(enum catalog_media){ 0 }) != 0)
		err_exit(ERR_EXIT_USAGE, "--media: not audio, video, ebook or game: \"%s\"", opt.media);
	if (capsule_add_item(c, item, opt.media, opt.note) != 0)
		err_exit(ERR_EXIT_DATA, "%s: capsule \"%s\" already has \"%s\"", file, c->id, item);
}

static int
cmd_new(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule *c;
	double v;
	struct date d;

	(void)argc;
	if (!opt.field[CAPSULE_LAT] != !opt.field[CAPSULE_LON])
		cli_usage_error("new: --lat and --lon go together");
	if (opt.field[CAPSULE_LAT] && (capsule_coordinate(opt.field[CAPSULE_LAT], 90, &v) != 0 ||
	    capsule_coordinate(opt.field[CAPSULE_LON], 180, &v) != 0))
		err_exit(ERR_EXIT_USAGE, "--lat, --lon: not a latitude and a longitude");
	for (int f = CAPSULE_STARTS; f <= CAPSULE_ENDS; f++)
		if (opt.field[f] && date_parse(opt.field[f], &d) != 0)
			err_exit(ERR_EXIT_USAGE, "--%s: not a date: \"%s\"", capsule_field_names[f], opt.field[f]);
	load_for_edit(&set, argv[0], 0);
	if ((c = capsule_new(&set, argv[1], opt.field)) == NULL)
		err_exit(ERR_EXIT_DATA, "%s: capsule \"%s\" exists already", argv[0], argv[1]);
	add_item(c, argv[0], argv[2]);
	return save(&set, argv[0]);
}

static int
cmd_add(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule *c;

	(void)argc;
	if (opt.at == 0)
		cli_usage_error("--at: not a position: \"0\"");
	c = load_capsule(&set, argv);
	add_item(c, argv[0], argv[2]);
	if (opt.at > 0)
		capsule_move_item(c, c->nitems - 1, opt.at);
	return save(&set, argv[0]);
}

static int
cmd_move(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule *c;
	int64_t pos;

	(void)argc;
	if (num_parse_count_str(argv[3], &pos) != NUM_OK || pos < 1)
		err_exit(ERR_EXIT_USAGE, "not a position: \"%s\"", argv[3]);
	c = load_capsule(&set, argv);
	capsule_move_item(c, item_index(c, argv[0], argv[2]), pos);
	return save(&set, argv[0]);
}

static int
cmd_rm(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule *c;

	c = load_capsule(&set, argv);
	if (argc == 3)
		capsule_remove_item(c, item_index(c, argv[0], argv[2]));
	/* A capsule is its items: without any, it is gone. */
	if (argc == 2 || c->nitems == 0)
		capsule_remove(&set, (size_t)(c - set.c));
	return save(&set, argv[0]);
}

static int
cmd_merge(int argc, char **argv)
{
	struct capsule_set set = { 0 };

	load(&set, argc, argv);
	if (status != ERR_EXIT_OK)
		return status;
	return save(&set, opt.output);
}

#define VERBOSE_OPTION { "verbose", 'v', CLI_FLAG, NULL, &opt.verbose, 1, 0 }
#define OUTPUT_OPTION { "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 }
#define ON_OPTION { "on", 0, CLI_STRING, "DAY", &opt.on, 0, 0 }
#define MEDIA_OPTION { "media", 0, CLI_STRING, "NAME", &opt.media, 0, 0 }
#define NOTE_OPTION { "note", 0, CLI_STRING, "TEXT", &opt.note, 0, 0 }

static const struct cli_option global_options[] = {
	{ "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 },
	{ NULL },
};
static const struct cli_option check_options[] = {
	VERBOSE_OPTION,
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 1 },
	ON_OPTION,
	{ "territory", 0, CLI_STRING, "NAME", &opt.territory, 0, 0 },
	{ NULL },
};
static const struct cli_option export_options[] = {
	{ "format", 0, CLI_STRING, "NAME", &opt.format, 0, 1 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 0 },
	{ "capsule", 0, CLI_STRING, "ID", &opt.capsule, 0, 0 },
	OUTPUT_OPTION,
	{ NULL },
};
static const struct cli_option near_options[] = {
	{ "km", 0, CLI_STRING, "KM", &opt.km, 0, 0 },
	ON_OPTION,
	{ NULL },
};
static const struct cli_option stats_options[] = {
	VERBOSE_OPTION,
	{ "listens", 0, CLI_LIST, "FILE", &opt.listens, 0, 1 },
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 0 },
	{ "tz", 0, CLI_STRING, "TZ", &opt.tz, 0, 0 },
	{ "min-ms", 0, CLI_COUNT, "N", &opt.min_ms, 0, 0 },
	{ "max-per-day", 0, CLI_COUNT, "N", &opt.max_per_day, 0, 0 },
	OUTPUT_OPTION,
	{ NULL },
};
static const struct cli_option new_options[] = {
	{ "title", 0, CLI_STRING, "TEXT", &opt.field[CAPSULE_TITLE], 0, 1 },
	{ "curator", 0, CLI_STRING, "NAME", &opt.field[CAPSULE_CURATOR], 0, 1 },
	{ "structure", 0, CLI_STRING, "NAME", &opt.field[CAPSULE_STRUCTURE], 0, 1 },
	{ "place", 0, CLI_STRING, "TEXT", &opt.field[CAPSULE_PLACE], 0, 0 },
	{ "lat", 0, CLI_STRING, "LAT", &opt.field[CAPSULE_LAT], 0, 0 },
	{ "lon", 0, CLI_STRING, "LON", &opt.field[CAPSULE_LON], 0, 0 },
	{ "starts", 0, CLI_STRING, "DAY", &opt.field[CAPSULE_STARTS], 0, 0 },
	{ "ends", 0, CLI_STRING, "DAY", &opt.field[CAPSULE_ENDS], 0, 0 },
	MEDIA_OPTION,
	NOTE_OPTION,
	{ NULL },
};
static const struct cli_option add_options[] = {
	MEDIA_OPTION,
	NOTE_OPTION,
	{ "at", 0, CLI_COUNT, "POS", &opt.at, 0, 0 },
	{ NULL },
};
static const struct cli_option merge_options[] = {
	OUTPUT_OPTION,
	{ NULL },
};
static const struct cli_option no_options[] = { { NULL } };

static const struct cli_command commands[] = {
	{ "check", check_options, "[FILE ...]", 0, -1, cmd_check },
	{ "export", export_options, "[FILE ...]", 0, -1, cmd_export },
	{ "near", near_options, "LAT LON FILE ...", 3, -1, cmd_near },
	{ "stats", stats_options, "[FILE ...]", 0, -1, cmd_stats },
	{ "new", new_options, "FILE ID ITEM", 3, 3, cmd_new },
	{ "add", add_options, "FILE ID ITEM", 3, 3, cmd_add },
	{ "move", no_options, "FILE ID ITEM POS", 4, 4, cmd_move },
	{ "rm", no_options, "FILE ID [ITEM]", 2, 3, cmd_rm },
	{ "merge", merge_options, "[FILE ...]", 0, -1, cmd_merge },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { global_options, commands };

	return cli_main(&tool, argc, argv);
}
