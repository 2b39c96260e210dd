/*
 * capsule.c - capsule files read and written, checked against the
 * catalogue, edited, and found by place.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capsule.h"
#include "catalog.h"
#include "err.h"
#include "num.h"

static const char *const columns[CAPSULE_NCOLS] = { "capsule", "title", "curator", "structure",
	"place", "lat", "lon", "starts", "ends", "position", "item", "media", "note" };

const char *const capsule_field_names[8] = { "title", "curator", "structure", "place", "lat", "lon",
	"starts", "ends" };

enum { COL_CAPSULE, COL_FIRST_FIELD, COL_POSITION = 9, COL_ITEM, COL_MEDIA, COL_NOTE };

static long
parse_position(const char *s)
{
	long v = 0;

	if (*s == '\0' || strlen(s) > 9)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static const char *
keep_file(struct capsule_set *set, const char *name)
{
	for (size_t i = 0; i < set->nfiles; i++)
		if (strcmp(set->files[i], name) == 0)
			return set->files[i];
	set->files = err_realloc(set->files, (set->nfiles + 1) * sizeof *set->files);
	return set->files[set->nfiles++] = err_strdup(name);
}

static void
add_item(struct capsule *c, const struct table *t, const int *col, const char *file)
{
	struct capsule_item *it;

	c->items = err_realloc(c->items, (c->nitems + 1) * sizeof *c->items);
	it = &c->items[c->nitems++];
	it->item = err_strdup(table_field(t, col[COL_ITEM]));
	it->media = err_strdup(table_field(t, col[COL_MEDIA]));
	it->note = err_strdup(col[COL_NOTE] >= 0 ? table_field(t, col[COL_NOTE]) : "");
	it->position_text = err_strdup(table_field(t, col[COL_POSITION]));
	it->position = parse_position(it->position_text);
	it->file = file;
	it->line = table_line(t);
	it->mismatch = -1;
}

static int
same_capsule(const struct capsule *a, const struct capsule *b)
{
	if (a->nitems != b->nitems)
		return 0;
	for (int f = 0; f < 8; f++)
		if (strcmp(a->field[f], b->field[f]) != 0)
			return 0;
	for (size_t i = 0; i < a->nitems; i++)
		if (strcmp(a->items[i].item, b->items[i].item) || strcmp(a->items[i].media, b->items[i].media) ||
		    strcmp(a->items[i].note, b->items[i].note) || a->items[i].position != b->items[i].position)
			return 0;
	return 1;
}

static void
free_item(struct capsule_item *it)
{
	free(it->item);
	free(it->media);
	free(it->note);
	free(it->position_text);
}

static void
free_capsule(struct capsule *c)
{
	free(c->id);
	for (int f = 0; f < 8; f++)
		free(c->field[f]);
	for (size_t i = 0; i < c->nitems; i++)
		free_item(&c->items[i]);
	free(c->items);
}

void
capsule_remove_item(struct capsule *c, size_t i)
{
	free_item(&c->items[i]);
	memmove(&c->items[i], &c->items[i + 1], (c->nitems - i - 1) * sizeof *c->items);
	c->nitems--;
	capsule_renumber(c);
}

void
capsule_remove(struct capsule_set *set, size_t i)
{
	free_capsule(&set->c[i]);
	memmove(&set->c[i], &set->c[i + 1], (set->n - i - 1) * sizeof *set->c);
	set->n--;
}

int
capsule_load(struct capsule_set *set, const char *path, int flags,
    void (*conflict)(const char *file, long line, const char *id, const char *other),
    void (*bad)(const char *file, long line, const char *msg), char *errbuf, size_t errlen)
{
	struct table *t = table_open(path, flags | TABLE_BAD_ROWS, errbuf, errlen);
	struct capsule_set mine = { 0 };
	const char *file;
	int col[CAPSULE_NCOLS], r;

	if (t == NULL)
		return -1;
	for (int i = 0; i < CAPSULE_NCOLS; i++) {
		col[i] = table_col(t, columns[i]);
		if (col[i] < 0 && i != COL_NOTE) {
			snprintf(errbuf, errlen, "%s:1: %s: no such column", table_name(t), columns[i]);
			table_close(t);
			return -1;
		}
	}
	file = keep_file(set, table_name(t));
	while ((r = table_next(t)) == 1 || r == TABLE_BAD) {
		const char *id = table_field(t, col[COL_CAPSULE]);
		struct capsule *c;
		int64_t pos;
		int rc;

		/* A row that is not text, or whose position is past any count, is rejected. */
		if (r == TABLE_BAD || ((rc = num_parse_count_str(table_field(t, col[COL_POSITION]), &pos)) ==
		    NUM_RANGE)) {
			char msg[512];

			if (r == TABLE_BAD)
				snprintf(msg, sizeof msg, "%s", table_error(t));
			else
				snprintf(msg, sizeof msg, "position: %s", num_strerror(rc));
			if (bad)
				bad(table_name(t), table_line(t), msg);
			continue;
		}
		c = capsule_find(&mine, id);

		if (c == NULL) {
			mine.c = err_realloc(mine.c, (mine.n + 1) * sizeof *mine.c);
			c = &mine.c[mine.n++];
			memset(c, 0, sizeof *c);
			c->id = err_strdup(id);
			for (int f = 0; f < 8; f++)
				c->field[f] = err_strdup(table_field(t, col[COL_FIRST_FIELD + f]));
			c->file = file;
			c->line = table_line(t);
		}
		add_item(c, t, col, file);
		/* A capsule-level column that disagrees with the first row. */
		for (int f = 0; f < 8 && c->items[c->nitems - 1].mismatch < 0; f++)
			if (strcmp(c->field[f], table_field(t, col[COL_FIRST_FIELD + f])) != 0)
				c->items[c->nitems - 1].mismatch = f;
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		for (size_t i = 0; i < mine.n; i++)
			free_capsule(&mine.c[i]);
		free(mine.c);
		return -1;
	}
	table_close(t);
	capsule_sort(&mine);
	for (size_t i = 0; i < mine.n; i++) {
		struct capsule *other = capsule_find(set, mine.c[i].id);

		if (other == NULL) {
			set->c = err_realloc(set->c, (set->n + 1) * sizeof *set->c);
			set->c[set->n++] = mine.c[i];
			continue;
		}
		if (!same_capsule(other, &mine.c[i]))
			conflict(mine.c[i].file, mine.c[i].line, mine.c[i].id, other->file);
		free_capsule(&mine.c[i]);
	}
	free(mine.c);
	return 0;
}

void
capsule_set_free(struct capsule_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free_capsule(&set->c[i]);
	free(set->c);
	for (size_t i = 0; i < set->nfiles; i++)
		free(set->files[i]);
	free(set->files);
	memset(set, 0, sizeof *set);
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct capsule *)a)->id, ((const struct capsule *)b)->id);
}

static int
by_position(const void *a, const void *b)
{
	const struct capsule_item *x = a, *y = b;

	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return strcmp(x->item, y->item);
}

void
capsule_sort(struct capsule_set *set)
{
	if (set->n > 0)
		qsort(set->c, set->n, sizeof *set->c, by_id);
	for (size_t i = 0; i < set->n; i++)
		if (set->c[i].nitems > 0)
			qsort(set->c[i].items, set->c[i].nitems, sizeof *set->c[i].items, by_position);
}

struct capsule *
capsule_find(struct capsule_set *set, const char *id)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->c[i].id, id) == 0)
			return &set->c[i];
	return NULL;
}

void
capsule_write(const struct capsule_set *set, struct table_writer *w)
{
	table_put_header(w, CAPSULE_COLUMNS);
	for (size_t i = 0; i < set->n; i++) {
		const struct capsule *c = &set->c[i];

		for (size_t j = 0; j < c->nitems; j++) {
			table_put(w, c->id);
			for (int f = 0; f < 8; f++)
				table_put(w, c->field[f]);
			table_put(w, c->items[j].position_text);
			table_put(w, c->items[j].item);
			table_put(w, c->items[j].media);
			table_put(w, c->items[j].note);
			table_end_row(w);
		}
	}
}

void
capsule_renumber(struct capsule *c)
{
	for (size_t i = 0; i < c->nitems; i++) {
		char buf[24];

		snprintf(buf, sizeof buf, "%zu", i + 1);
		free(c->items[i].position_text);
		c->items[i].position_text = err_strdup(buf);
		c->items[i].position = (long)i + 1;
	}
}

int
capsule_coordinate(const char *s, double limit, double *out)
{
	const char *p = s;
	char *end;

	if (*p == '-')
		p++;
	/* JSON's number grammar, as export writes the field: no leading zero. */
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return -1;
	*out = strtod(s, &end);
	return *out >= -limit && *out <= limit ? 0 : -1;
}

double
capsule_distance_km(double lat1, double lon1, double lat2, double lon2)
{
	const double r = 6371.0088, rad = M_PI / 180;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double a = sin(dlat / 2) * sin(dlat / 2) +
	    cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);

	return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

/* The media of an item are the catalogue's (catalog.h defines them once). */
static int
valid_media(const char *m)
{
	enum catalog_media ignored;

	return catalog_media_parse(m, &ignored) == 0;
}

struct report {
	const struct capsule *c;
	capsule_problem_fn *fn;
	void *ctx;
	long n;
};

static void
report(struct report *r, const char *item, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
report(struct report *r, const char *item, const char *fmt, ...)
{
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	r->fn(r->ctx, r->c->id, item, reason);
	r->n++;
}

/* The capsule's own columns: title, coordinates, dates; *run set when it has both dates. */
static int
check_columns(struct report *r, struct date run[2])
{
	const struct capsule *c = r->c;
	const char *f_lat = c->field[CAPSULE_LAT], *f_lon = c->field[CAPSULE_LON];
	int has[2] = { 0, 0 };
	double v;

	if (!*c->field[CAPSULE_TITLE])
		report(r, "", "no title");
	if (*f_lat && capsule_coordinate(f_lat, 90, &v) != 0)
		report(r, "", "lat: not a latitude: \"%s\"", f_lat);
	if (*f_lon && capsule_coordinate(f_lon, 180, &v) != 0)
		report(r, "", "lon: not a longitude: \"%s\"", f_lon);
	if (!*f_lat != !*f_lon)
		report(r, "", "lat and lon go together");
	for (int i = 0; i < 2; i++) {
		const char *f = c->field[CAPSULE_STARTS + i];

		if (*f && !(has[i] = date_parse(f, &run[i]) == 0))
			report(r, "", "%s: not a date: \"%s\"", capsule_field_names[CAPSULE_STARTS + i], f);
	}
	if (has[0] && has[1] && date_cmp(run[0], run[1]) > 0)
		report(r, "", "ends before it starts");
	return has[0] && has[1];
}

/* One item against the catalogue: media, takedown, territory, availability. */
static void
check_title(struct report *r, const struct capsule_item *it, const struct catalog *cat,
    const struct capsule_rules *rules, const struct date *run)
{
	const struct catalog_title *t = catalog_find(cat, it->item);
	char s[11], e[11];

	if (t == NULL) {
		report(r, it->item, "not in the catalogue");
		return;
	}
	if (*t->media && strcmp(t->media, it->media) != 0)
		report(r, it->item, "media: \"%s\" in the capsule, \"%s\" in the catalogue", it->media, t->media);
	if (t->status != CATALOG_ACTIVE)
		report(r, it->item, "taken down");
	else if (!catalog_in_territory(t->territories, rules->territory))
		report(r, it->item, "not available in %s", rules->territory);
	else if (rules->has_on && !catalog_active_on(t, rules->on, NULL))
		report(r, it->item, "not available on %s", date_format(rules->on, s));
	else if (!rules->has_on && run &&
	    ((t->has_available_from && date_cmp(t->available_from, run[0]) > 0) ||
	    (t->has_available_until && date_cmp(t->available_until, run[1]) < 0)))
		report(r, it->item, "not available for the whole run %s to %s",
		    date_format(run[0], s), date_format(run[1], e));
}

long
capsule_check(const struct capsule *c, const struct catalog *cat, const struct capsule_rules *rules,
    capsule_problem_fn *fn, void *ctx)
{
	struct report r = { c, fn, ctx, 0 };
	struct date run[2];
	int has_run = check_columns(&r, run);

	for (size_t i = 0; i < c->nitems; i++) {
		const struct capsule_item *it = &c->items[i];

		if (it->mismatch >= 0)
			report(&r, it->item, "%s differs from the capsule's first row (%s:%ld)",
			    capsule_field_names[it->mismatch], c->file, c->line);
		if (it->position <= 0)
			report(&r, it->item, "position: not a positive integer: \"%s\"", it->position_text);
		else if (it->position != (long)i + 1)
			report(&r, it->item, "position %ld: positions must run 1 to %zu without gaps or repeats",
			    it->position, c->nitems);
		if (!valid_media(it->media))
			report(&r, it->item, "media: not audio, video, ebook or game: \"%s\"", it->media);
		check_title(&r, it, cat, rules, has_run ? run : NULL);
	}
	return r.n;
}

struct capsule *
capsule_new(struct capsule_set *set, const char *id, const char *const field[8])
{
	struct capsule *c;

	if (capsule_find(set, id))
		return NULL;
	set->c = err_realloc(set->c, (set->n + 1) * sizeof *set->c);
	c = &set->c[set->n++];
	memset(c, 0, sizeof *c);
	c->id = err_strdup(id);
	for (int f = 0; f < 8; f++)
		c->field[f] = err_strdup(field[f] ? field[f] : "");
	return c;
}

long
capsule_item_index(const struct capsule *c, const char *item)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].item, item) == 0)
			return (long)i;
	return -1;
}

int
capsule_add_item(struct capsule *c, const char *item, const char *media, const char *note)
{
	struct capsule_item *it;

	if (capsule_item_index(c, item) >= 0)
		return -1;
	c->items = err_realloc(c->items, (c->nitems + 1) * sizeof *c->items);
	it = &c->items[c->nitems++];
	memset(it, 0, sizeof *it);
	it->item = err_strdup(item);
	it->media = err_strdup(media ? media : "audio");
	it->note = err_strdup(note ? note : "");
	it->position_text = err_strdup("");
	it->mismatch = -1;
	capsule_renumber(c);
	return 0;
}

void
capsule_move_item(struct capsule *c, size_t from, int64_t pos)
{
	struct capsule_item it = c->items[from];
	size_t to = pos < 1 ? 0 : pos > (int64_t)c->nitems ? c->nitems - 1 : (size_t)pos - 1;

	memmove(&c->items[from], &c->items[from + 1], (c->nitems - from - 1) * sizeof it);
	memmove(&c->items[to + 1], &c->items[to], (c->nitems - to - 1) * sizeof it);
	c->items[to] = it;
	capsule_renumber(c);
}

int
capsule_running_on(const struct capsule *c, struct date day)
{
	struct date d;

	if (*c->field[CAPSULE_STARTS] && date_parse(c->field[CAPSULE_STARTS], &d) == 0 && date_cmp(d, day) > 0)
		return 0;
	if (*c->field[CAPSULE_ENDS] && date_parse(c->field[CAPSULE_ENDS], &d) == 0 && date_cmp(d, day) < 0)
		return 0;
	return 1;
}

static int
by_distance(const void *a, const void *b)
{
	const struct capsule_nearby *x = a, *y = b;

	if (x->km != y->km)
		return x->km < y->km ? -1 : 1;
	return strcmp(x->c->id, y->c->id);
}

struct capsule_nearby *
capsule_near(const struct capsule_set *set, double lat, double lon, double radius,
    const struct date *on, size_t *n)
{
	struct capsule_nearby *found = err_calloc(set->n + 1, sizeof *found);

	*n = 0;
	for (size_t i = 0; i < set->n; i++) {
		const struct capsule *c = &set->c[i];
		double clat, clon, km;

		if (capsule_coordinate(c->field[CAPSULE_LAT], 90, &clat) != 0 ||
		    capsule_coordinate(c->field[CAPSULE_LON], 180, &clon) != 0)
			continue;
		if (on && !capsule_running_on(c, *on))
			continue;
		km = capsule_distance_km(lat, lon, clat, clon);
		if (km <= radius)
			found[(*n)++] = (struct capsule_nearby){ c, km };
	}
	qsort(found, *n, sizeof *found, by_distance);
	return found;
}

void
capsule_near_write(const struct capsule_nearby *found, size_t n, struct table_writer *w)
{
	table_put_header(w, CAPSULE_NEAR_COLUMNS);
	for (size_t i = 0; i < n; i++) {
		char km[32];

		snprintf(km, sizeof km, "%.1f", found[i].km);
		table_put(w, found[i].c->id);
		table_put(w, found[i].c->field[CAPSULE_TITLE]);
		table_put(w, found[i].c->field[CAPSULE_PLACE]);
		table_put(w, km);
		table_end_row(w);
	}
}
