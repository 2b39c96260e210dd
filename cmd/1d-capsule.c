/*
 * 1d-capsule - editors' capsules: checked against the catalogue, exported
 * as playlists, found by place, measured by listens, edited in place.
 *
 * A capsule file has one row per item; a capsule's own columns (title,
 * curator, structure, place, coordinates, dates) repeat on each row.
 * Every subcommand reads capsule files as arguments; the editing ones
 * rewrite their file atomically, sorted by capsule and position.
 */
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capsule.h"
#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "hset.h"
#include "intern.h"
#include "listen.h"
#include "num.h"
#include "out.h"
#include "playlist.h"
#include "table.h"

static struct {
	int flags, verbose;
	const char *catalog, *territory, *format, *capsule, *output, *on, *km;
	struct cli_list listens;
	const char *field[8], *media, *note;
	int64_t at, min_ms;
} opt = { .territory = "FR", .at = -1, .min_ms = 30000 };

static int status = ERR_EXIT_OK;
static int has_on;
static struct date on;

/* --on DAY, when given. */
static void
parse_on(void)
{
	if (opt.on == NULL)
		return;
	if (date_parse(opt.on, &on) != 0)
		cli_usage_error("--on: not a date: \"%s\"", opt.on);
	has_on = 1;
}

static void
conflict(const char *file, long line, const char *id, const char *other)
{
	err_at(file, line, "capsule", "\"%s\" is also in %s, with other content", id, other);
	status = ERR_EXIT_DATA;
}

/* Load capsule files; a conflict between files is a data problem. */
static void
load(struct capsule_set *set, int argc, char **argv)
{
	char err[512];

	for (int i = 0; i < argc; i++)
		if (capsule_load(set, argv[i], opt.flags, conflict, err, sizeof err) != 0)
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



static int
valid_media(const char *m)
{
	return !strcmp(m, "audio") || !strcmp(m, "video") || !strcmp(m, "ebook") || !strcmp(m, "game");
}

/* check: one row per problem, capsule by capsule, items by position. */
static void
problem(struct table_writer *w, long *n, const char *capsule, const char *item, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
problem(struct table_writer *w, long *n, const char *capsule, const char *item, const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	table_put(w, capsule);
	table_put(w, item);
	table_put(w, reason);
	table_end_row(w);
	(*n)++;
}

static void
check_capsule(struct table_writer *w, long *n, const struct capsule *c, const struct catalog *cat)
{
	double lat, lon;
	struct date starts, ends;
	int has_starts = 0, has_ends = 0;
	const char *f_lat = c->field[CAPSULE_LAT], *f_lon = c->field[CAPSULE_LON];
	char s[11], e[11];

	if (!*c->field[CAPSULE_TITLE])
		problem(w, n, c->id, "", "no title");
	if (*f_lat && capsule_coordinate(f_lat, 90, &lat) != 0)
		problem(w, n, c->id, "", "lat: not a latitude: \"%s\"", f_lat);
	if (*f_lon && capsule_coordinate(f_lon, 180, &lon) != 0)
		problem(w, n, c->id, "", "lon: not a longitude: \"%s\"", f_lon);
	if (!*f_lat != !*f_lon)
		problem(w, n, c->id, "", "lat and lon go together");
	if (*c->field[CAPSULE_STARTS] && !(has_starts = date_parse(c->field[CAPSULE_STARTS], &starts) == 0))
		problem(w, n, c->id, "", "starts: not a date: \"%s\"", c->field[CAPSULE_STARTS]);
	if (*c->field[CAPSULE_ENDS] && !(has_ends = date_parse(c->field[CAPSULE_ENDS], &ends) == 0))
		problem(w, n, c->id, "", "ends: not a date: \"%s\"", c->field[CAPSULE_ENDS]);
	if (has_starts && has_ends && date_cmp(starts, ends) > 0)
		problem(w, n, c->id, "", "ends before it starts");

	for (size_t i = 0; i < c->nitems; i++) {
		const struct capsule_item *it = &c->items[i];
		const struct catalog_title *t;

		if (it->mismatch >= 0)
			problem(w, n, c->id, it->item, "%s differs from the capsule's first row (%s:%ld)",
			    capsule_field_names[it->mismatch], c->file, c->line);
		if (it->position <= 0)
			problem(w, n, c->id, it->item, "position: not a positive integer: \"%s\"",
			    it->position_text);
		else if (it->position != (long)i + 1)
			problem(w, n, c->id, it->item, "position %ld: positions must run 1 to %zu without gaps or repeats",
			    it->position, c->nitems);
		if (!valid_media(it->media))
			problem(w, n, c->id, it->item, "media: not audio, video, ebook or game: \"%s\"", it->media);
		if ((t = catalog_find(cat, it->item)) == NULL) {
			problem(w, n, c->id, it->item, "not in the catalogue");
			continue;
		}
		if (*t->media && strcmp(t->media, it->media) != 0)
			problem(w, n, c->id, it->item, "media: \"%s\" in the capsule, \"%s\" in the catalogue",
			    it->media, t->media);
		if (t->status != CATALOG_ACTIVE)
			problem(w, n, c->id, it->item, "taken down");
		else if (!catalog_in_territory(t->territories, opt.territory))
			problem(w, n, c->id, it->item, "not available in %s", opt.territory);
		else if (has_on && !catalog_active_on(t, on, NULL))
			problem(w, n, c->id, it->item, "not available on %s", date_format(on, s));
		else if (!has_on && has_starts && has_ends &&
		    ((t->has_available_from && date_cmp(t->available_from, starts) > 0) ||
		    (t->has_available_until && date_cmp(t->available_until, ends) < 0)))
			problem(w, n, c->id, it->item, "not available for the whole run %s to %s",
			    date_format(starts, s), date_format(ends, e));
	}
}

static int
cmd_check(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct catalog *cat;
	struct table_writer w;
	long n = 0;

	parse_on();
	cat = load_catalog();
	load(&set, argc, argv);
	table_writer_init(&w, stdout, opt.flags);
	table_put_header(&w, "capsule,item,reason");
	for (size_t i = 0; i < set.n; i++)
		check_capsule(&w, &n, &set.c[i], cat);
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
		capsule_export_m3u8(o.fp, c, cat);
	else if (strcmp(opt.format, "xspf") == 0)
		capsule_export_xspf(o.fp, c, cat);
	else
		capsule_export_json(o.fp, &set, cat, opt.capsule);
	cli_commit_output(&o);
	capsule_set_free(&set);
	catalog_free(cat);
	return status;
}

struct nearby {
	const struct capsule *c;
	double km;
};

static int
by_distance(const void *a, const void *b)
{
	const struct nearby *x = a, *y = b;

	if (x->km != y->km)
		return x->km < y->km ? -1 : 1;
	return strcmp(x->c->id, y->c->id);
}

/* A capsule is running on a day within its dates (an open end is no limit). */
static int
running_on(const struct capsule *c, struct date day)
{
	struct date d;

	if (*c->field[CAPSULE_STARTS] && date_parse(c->field[CAPSULE_STARTS], &d) == 0 && date_cmp(d, day) > 0)
		return 0;
	if (*c->field[CAPSULE_ENDS] && date_parse(c->field[CAPSULE_ENDS], &d) == 0 && date_cmp(d, day) < 0)
		return 0;
	return 1;
}

static int
cmd_near(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct nearby *found;
	struct table_writer w;
	double lat, lon, radius;
	size_t n = 0;
	char *end;

	parse_on();
	radius = strtod(opt.km ? opt.km : "25", &end);
	if (*end || end == opt.km || radius < 0)
		cli_usage_error("--km: not a distance: \"%s\"", opt.km);
	if (capsule_coordinate(argv[0], 90, &lat) != 0)
		err_exit(ERR_EXIT_USAGE, "not a latitude: \"%s\"", argv[0]);
	if (capsule_coordinate(argv[1], 180, &lon) != 0)
		err_exit(ERR_EXIT_USAGE, "not a longitude: \"%s\"", argv[1]);
	load(&set, argc - 2, argv + 2);
	found = err_calloc(set.n + 1, sizeof *found);
	for (size_t i = 0; i < set.n; i++) {
		const struct capsule *c = &set.c[i];
		double clat, clon, km;

		if (capsule_coordinate(c->field[CAPSULE_LAT], 90, &clat) != 0 ||
		    capsule_coordinate(c->field[CAPSULE_LON], 180, &clon) != 0)
			continue;
		if (has_on && !running_on(c, on))
			continue;
		km = capsule_distance_km(lat, lon, clat, clon);
		if (km <= radius)
			found[n++] = (struct nearby){ c, km };
	}
	qsort(found, n, sizeof *found, by_distance);
	table_writer_init(&w, stdout, opt.flags);
	table_put_header(&w, "capsule,title,place,km");
	for (size_t i = 0; i < n; i++) {
		char km[32];

		snprintf(km, sizeof km, "%.1f", found[i].km);
		table_put(&w, found[i].c->id);
		table_put(&w, found[i].c->field[CAPSULE_TITLE]);
		table_put(&w, found[i].c->field[CAPSULE_PLACE]);
		table_put(&w, km);
		table_end_row(&w);
	}
	free(found);
	capsule_set_free(&set);
	return status;
}

/*
 * stats: per capsule (structure empty) and per capsule and structure, the
 * plays, qualified listens, distinct listeners and distinct titles of the
 * raw listens whose source is capsule:ID.
 */
struct tally {
	int64_t plays, listens, users, titles;
};

static uint32_t last_cell;

/*
 * The tally of (capsule, structure), keyed "ID\0STRUCTURE" so that byte
 * order sorts a capsule's total (empty structure) before its structures.
 */
static struct tally *
tally_cell(struct tally *tally, size_t *cap, struct intern *cells, const char *id, const char *structure)
{
	size_t n = strlen(id) + 1 + strlen(structure);
	char *key = err_malloc(n + 1);

	memcpy(key, id, strlen(id) + 1);
	memcpy(key + strlen(id) + 1, structure, strlen(structure));
	last_cell = intern_add(cells, key, n);
	free(key);
	if (last_cell >= *cap) {
		size_t old = *cap;

		*cap = *cap ? *cap * 2 : 64;
		tally = err_realloc(tally, *cap * sizeof *tally);
		memset(tally + old, 0, (*cap - old) * sizeof *tally);
	}
	return tally;
}

/* Count one raw listen for its capsule, if it came from one of ours. */
static void
count_listen(const struct table *t, const struct listen_columns *cols, struct capsule_set *set,
    struct intern *cells, struct intern *names, struct hset *seen, struct tally **tally,
    size_t *tally_cap, long *bad, long *other)
{
	struct listen l;
	const char *field;
	char why[256];
	uint32_t user, track;

	if (listen_parse(t, cols, &l, &field, why, sizeof why) != 0) {
		err_at(table_name(t), table_line(t), field, "%s", why);
		(*bad)++;
		return;
	}
	if (l.source_len <= 8 || strncmp(l.source, "capsule:", 8) != 0 ||
	    capsule_find(set, l.source + 8) == NULL) {
		(*other)++;
		return;
	}
	user = intern_add(names, l.user, l.user_len);
	track = intern_add(names, l.track, l.track_len);
	/* The capsule's total and its structure's row. */
	for (int pass = 0; pass < 2; pass++) {
		uint32_t cell;

		*tally = tally_cell(*tally, tally_cap, cells, l.source + 8, pass ? l.structure : "");
		cell = last_cell;
		(*tally)[cell].plays++;
		(*tally)[cell].listens += l.ms_played >= opt.min_ms;
		(*tally)[cell].users += hset_add(seen, (uint64_t)(cell + 1) << 1, user);
		(*tally)[cell].titles += hset_add(seen, (uint64_t)(cell + 1) << 1 | 1, track);
	}
}

static int
cmd_stats(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct intern *cells = intern_new(), *names = intern_new();
	struct hset *seen = hset_new();
	struct tally *tally = NULL;
	size_t tally_cap = 0;
	struct table *t;
	struct listen_columns cols;
	struct out o;
	struct table_writer w;
	const char *missing;
	char err[512];
	long rows = 0, bad = 0, other = 0;
	uint32_t *rank;
	int r;

	load(&set, argc, argv);
	/* Every capsule has a total row, listened to or not. */
	for (size_t i = 0; i < set.n; i++)
		tally = tally_cell(tally, &tally_cap, cells, set.c[i].id, "");
	for (size_t f = 0; f < opt.listens.n; f++) {
		if ((t = table_open(opt.listens.v[f], opt.flags, err, sizeof err)) == NULL)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		if (listen_columns(t, &cols, &missing) != 0)
			err_exit(ERR_EXIT_USAGE, "%s:1: no \"%s\" column", table_name(t), missing);
		if (cols.source < 0)
			err_exit(ERR_EXIT_USAGE, "%s:1: no \"source\" column", table_name(t));
		while ((r = table_next(t)) == 1) {
			rows++;
			count_listen(t, &cols, &set, cells, names, seen, &tally, &tally_cap, &bad, &other);
		}
		if (r < 0) {
			err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
			status = ERR_EXIT_DATA;
		}
		table_close(t);
	}
	rank = intern_ranks(cells);
	{
		uint32_t n = intern_count(cells), *order = err_calloc(n + 1, sizeof *order);

		for (uint32_t i = 0; i < n; i++)
			order[rank[i]] = i;
		cli_open_output(&o, opt.output, &w, opt.flags);
		table_put_header(&w, "capsule,structure,plays,listens,users,titles");
		for (uint32_t i = 0; i < n; i++) {
			const char *k = intern_str(cells, order[i]);
			const struct tally *tl = &tally[order[i]];

			table_put(&w, k);
			table_put(&w, k + strlen(k) + 1);
			table_put_int(&w, tl->plays);
			table_put_int(&w, tl->listens);
			table_put_int(&w, tl->users);
			table_put_int(&w, tl->titles);
			table_end_row(&w);
		}
		cli_commit_output(&o);
		free(order);
	}
	if (opt.verbose)
		err_warn("read %ld = from these capsules %ld + elsewhere %ld + rejected %ld", rows,
		    rows - other - bad, other, bad);
	if (bad > 0 && status == ERR_EXIT_OK)
		status = ERR_EXIT_DATA;
	free(rank);
	free(tally);
	hset_free(seen);
	intern_free(cells);
	intern_free(names);
	capsule_set_free(&set);
	return status;
}

/* The capsule file an editing subcommand works on, or an empty set. */
static void
load_for_edit(struct capsule_set *set, const char *file, int must_exist)
{
	char err[512];

	if (!must_exist && access(file, F_OK) != 0)
		return;
	if (capsule_load(set, file, opt.flags, conflict, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	capsule_sort(set);
}

static void
save(struct capsule_set *set, const char *file)
{
	struct out o;
	struct table_writer w;

	capsule_sort(set);
	cli_open_output(&o, file, &w, opt.flags);
	capsule_write(set, &w);
	cli_commit_output(&o);
}

static struct capsule *
existing(struct capsule_set *set, const char *file, const char *id)
{
	struct capsule *c = capsule_find(set, id);

	if (c == NULL)
		err_exit(ERR_EXIT_DATA, "%s: no capsule \"%s\"", file, id);
	return c;
}

static long
item_index(const struct capsule *c, const char *file, const char *item)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].item, item) == 0)
			return (long)i;
	err_exit(ERR_EXIT_DATA, "%s: capsule \"%s\" has no item \"%s\"", file, c->id, item);
}

/* Put item at 1-based position pos (clamped to the end) and renumber. */
static void
place_item(struct capsule *c, long from, long pos)
{
	struct capsule_item it = c->items[from];
	long to = pos < 1 ? 0 : pos > (long)c->nitems ? (long)c->nitems - 1 : pos - 1;

	memmove(&c->items[from], &c->items[from + 1], (c->nitems - (size_t)from - 1) * sizeof it);
	memmove(&c->items[to + 1], &c->items[to], (c->nitems - (size_t)to - 1) * sizeof it);
	c->items[to] = it;
	capsule_renumber(c);
}

static void
append_item(struct capsule *c, const char *file, const char *item)
{
	struct capsule_item *it;

	for (size_t i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].item, item) == 0)
			err_exit(ERR_EXIT_DATA, "%s: capsule \"%s\" already has \"%s\"", file, c->id, item);
	if (opt.media && !valid_media(opt.media))
		err_exit(ERR_EXIT_USAGE, "--media: not audio, video, ebook or game: \"%s\"", opt.media);
	c->items = err_realloc(c->items, (c->nitems + 1) * sizeof *c->items);
	it = &c->items[c->nitems++];
	memset(it, 0, sizeof *it);
	it->item = err_strdup(item);
	it->media = err_strdup(opt.media ? opt.media : "audio");
	it->note = err_strdup(opt.note ? opt.note : "");
	it->position_text = err_strdup("");
	it->mismatch = -1;
	capsule_renumber(c);
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
	if (capsule_find(&set, argv[1]))
		err_exit(ERR_EXIT_DATA, "%s: capsule \"%s\" exists already", argv[0], argv[1]);
	set.c = err_realloc(set.c, (set.n + 1) * sizeof *set.c);
	c = &set.c[set.n++];
	memset(c, 0, sizeof *c);
	c->id = err_strdup(argv[1]);
	for (int f = 0; f < 8; f++)
		c->field[f] = err_strdup(opt.field[f] ? opt.field[f] : "");
	append_item(c, argv[0], argv[2]);
	save(&set, argv[0]);
	capsule_set_free(&set);
	return status;
}

static int
cmd_add(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule *c;

	(void)argc;
	if (opt.at == 0)
		cli_usage_error("--at: not a position: \"0\"");
	load_for_edit(&set, argv[0], 1);
	c = existing(&set, argv[0], argv[1]);
	append_item(c, argv[0], argv[2]);
	if (opt.at > 0)
		place_item(c, (long)c->nitems - 1, opt.at);
	save(&set, argv[0]);
	capsule_set_free(&set);
	return status;
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
	load_for_edit(&set, argv[0], 1);
	c = existing(&set, argv[0], argv[1]);
	place_item(c, item_index(c, argv[0], argv[2]), pos);
	save(&set, argv[0]);
	capsule_set_free(&set);
	return status;
}

static int
cmd_rm(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct capsule *c;

	load_for_edit(&set, argv[0], 1);
	c = existing(&set, argv[0], argv[1]);
	if (argc == 3)
		capsule_remove_item(c, (size_t)item_index(c, argv[0], argv[2]));
	/* A capsule is its items: without any, it is gone. */
	if (argc == 2 || c->nitems == 0)
		capsule_remove(&set, (size_t)(c - set.c));
	save(&set, argv[0]);
	capsule_set_free(&set);
	return status;
}

static int
cmd_merge(int argc, char **argv)
{
	struct capsule_set set = { 0 };
	struct out o;
	struct table_writer w;

	load(&set, argc, argv);
	if (status != ERR_EXIT_OK)
		return status;
	cli_open_output(&o, opt.output, &w, opt.flags);
	capsule_write(&set, &w);
	cli_commit_output(&o);
	capsule_set_free(&set);
	return status;
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
	{ "min-ms", 0, CLI_COUNT, "N", &opt.min_ms, 0, 0 },
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
	{ "check", check_options, "FILE ...", 1, -1, cmd_check },
	{ "export", export_options, "FILE ...", 1, -1, cmd_export },
	{ "near", near_options, "LAT LON FILE ...", 3, -1, cmd_near },
	{ "stats", stats_options, "FILE ...", 1, -1, cmd_stats },
	{ "new", new_options, "FILE ID ITEM", 3, 3, cmd_new },
	{ "add", add_options, "FILE ID ITEM", 3, 3, cmd_add },
	{ "move", no_options, "FILE ID ITEM POS", 4, 4, cmd_move },
	{ "rm", no_options, "FILE ID [ITEM]", 2, 3, cmd_rm },
	{ "merge", merge_options, "FILE ...", 1, -1, cmd_merge },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { global_options, commands };

	return cli_main(&tool, argc, argv);
}
