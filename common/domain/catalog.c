#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "err.h"
#include "intern.h"
#include "table.h"

struct catalog {
	struct catalog_title *titles;
	size_t n;
	struct intern *tracks;	/* track -> index in titles */
	long *index_of;		/* intern id -> index */
	struct intern *strings;	/* every other string, shared */
	char **columns;
	int ncolumns;
};

static const char *
keep(struct catalog *c, const struct table *t, int col)
{
	if (col < 0)
		return "";
	return intern_str(c->strings, intern_add(c->strings, table_field(t, col), table_fieldlen(t, col)));
}

static int
by_track(const void *a, const void *b)
{
	return strcmp(((const struct catalog_title *)a)->track, ((const struct catalog_title *)b)->track);
}

static int
date_field(const struct table *t, int col, struct date *d, int *has)
{
	const char *s = table_field(t, col);

	*has = 0;
	if (col < 0 || *s == '\0')
		return 0;
	/* A timestamp is accepted; its date part is what counts. */
	if (strlen(s) > 10 && (s[10] == 'T' || s[10] == ' ')) {
		char buf[11];

		memcpy(buf, s, 10);
		buf[10] = '\0';
		if (date_parse(buf, d) != 0)
			return -1;
	} else if (date_parse(s, d) != 0) {
		return -1;
	}
	*has = 1;
	return 0;
}

struct catalog *
catalog_load(const char *path, int flags, char *errbuf, size_t errlen)
{
	struct catalog *c;
	struct table *t;
	size_t cap = 0;
	int col[32];
	static const char *names[] = { "track", "isrc", "upc", "title", "artists",
		"release_title", "label", "holder", "distributor", "media", "genre",
		"territories", "source", "sha256", "release_date", "available_from",
		"available_until", "duration_ms", "status" };
	enum { TRACK, ISRC, UPC, TITLE, ARTISTS, RELEASE_TITLE, LABEL, HOLDER,
		DISTRIBUTOR, MEDIA, GENRE, TERRITORIES, SOURCE, SHA256, RELEASE_DATE,
		AVAILABLE_FROM, AVAILABLE_UNTIL, DURATION_MS, STATUS, NCOL };
	int r;

	if ((t = table_open(path, flags, errbuf, errlen)) == NULL)
		return NULL;
	for (int i = 0; i < NCOL; i++)
		col[i] = table_col(t, names[i]);
	if (col[TRACK] < 0) {
		snprintf(errbuf, errlen, "%s:1: no \"track\" column", table_name(t));
		table_close(t);
		return NULL;
	}
	c = err_calloc(1, sizeof *c);
	c->tracks = intern_new();
	c->strings = intern_new();
	c->ncolumns = table_ncols(t);
	c->columns = err_calloc((size_t)c->ncolumns, sizeof *c->columns);
	for (int i = 0; i < c->ncolumns; i++)
		c->columns[i] = err_strdup(table_colname(t, i));

#define FAIL(colname, ...) do { \
		int n_ = snprintf(errbuf, errlen, "%s:%ld: %s: ", table_name(t), table_line(t), colname); \
		if (n_ >= 0 && (size_t)n_ < errlen) snprintf(errbuf + n_, errlen - (size_t)n_, __VA_ARGS__); \
		goto fail; \
	} while (0)

	while ((r = table_next(t)) == 1) {
		struct catalog_title *ti;
		const char *s;

		if (c->n == cap) {
			cap = cap ? cap * 2 : 1024;
			c->titles = err_realloc(c->titles, cap * sizeof *c->titles);
		}
		ti = &c->titles[c->n];
		memset(ti, 0, sizeof *ti);
		ti->line = table_line(t);
		if (table_fieldlen(t, col[TRACK]) == 0)
			FAIL("track", "empty track id");
		if (intern_find(c->tracks, table_field(t, col[TRACK]), table_fieldlen(t, col[TRACK])) != INTERN_NONE)
			FAIL("track", "track \"%s\" appears twice", table_field(t, col[TRACK]));
		ti->track = intern_str(c->tracks, intern_add(c->tracks, table_field(t, col[TRACK]),
		    table_fieldlen(t, col[TRACK])));
		ti->isrc = keep(c, t, col[ISRC]);
		ti->upc = keep(c, t, col[UPC]);
		ti->title = keep(c, t, col[TITLE]);
		ti->artists = keep(c, t, col[ARTISTS]);
		ti->release_title = keep(c, t, col[RELEASE_TITLE]);
		ti->label = keep(c, t, col[LABEL]);
		ti->holder = keep(c, t, col[HOLDER]);
		ti->distributor = keep(c, t, col[DISTRIBUTOR]);
		ti->media = keep(c, t, col[MEDIA]);
		ti->genre = keep(c, t, col[GENRE]);
		ti->territories = keep(c, t, col[TERRITORIES]);
		ti->source = keep(c, t, col[SOURCE]);
		ti->sha256 = keep(c, t, col[SHA256]);
		if (date_field(t, col[RELEASE_DATE], &ti->release_date, &ti->has_release_date))
			FAIL("release_date", "not a date: \"%s\"", table_field(t, col[RELEASE_DATE]));
		if (date_field(t, col[AVAILABLE_FROM], &ti->available_from, &ti->has_available_from))
			FAIL("available_from", "not a date: \"%s\"", table_field(t, col[AVAILABLE_FROM]));
		if (date_field(t, col[AVAILABLE_UNTIL], &ti->available_until, &ti->has_available_until))
			FAIL("available_until", "not a date: \"%s\"", table_field(t, col[AVAILABLE_UNTIL]));
		ti->duration_ms = -1;
		s = table_field(t, col[DURATION_MS]);
		if (*s) {
			char *end;
			long long v = strtoll(s, &end, 10);

			if (*end || v < 0 || s[0] == '+' || s[0] == '-' || s[0] == ' ')
				FAIL("duration_ms", "not a non-negative integer: \"%s\"", s);
			ti->duration_ms = v;
		}
		s = table_field(t, col[STATUS]);
		if (*s == '\0' || strcmp(s, "active") == 0)
			ti->status = CATALOG_ACTIVE;
		else if (strcmp(s, "takedown") == 0)
			ti->status = CATALOG_TAKEDOWN;
		else
			FAIL("status", "not active or takedown: \"%s\"", s);
		c->n++;
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		goto fail;
	}
#undef FAIL
	table_close(t);
	if (c->n > 0)
		qsort(c->titles, c->n, sizeof *c->titles, by_track);
	c->index_of = err_malloc((c->n + 1) * sizeof *c->index_of);
	for (size_t i = 0; i < c->n; i++)
		c->index_of[intern_find(c->tracks, c->titles[i].track, strlen(c->titles[i].track))] = (long)i;
	return c;
fail:
	table_close(t);
	catalog_free(c);
	return NULL;
}

void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	intern_free(c->tracks);
	intern_free(c->strings);
	for (int i = 0; i < c->ncolumns; i++)
		free(c->columns[i]);
	free(c->columns);
	free(c->titles);
	free(c->index_of);
	free(c);
}

int
catalog_has_column(const struct catalog *c, const char *name)
{
	for (int i = 0; i < c->ncolumns; i++)
		if (strcmp(c->columns[i], name) == 0)
			return 1;
	return 0;
}

size_t
catalog_count(const struct catalog *c)
{
	return c->n;
}

const struct catalog_title *
catalog_title(const struct catalog *c, size_t i)
{
	return i < c->n ? &c->titles[i] : NULL;
}

long
catalog_index(const struct catalog *c, const char *track)
{
	uint32_t id = intern_find(c->tracks, track, strlen(track));

	return id == INTERN_NONE ? -1 : c->index_of[id];
}

const struct catalog_title *
catalog_find(const struct catalog *c, const char *track)
{
	long i = catalog_index(c, track);

	return i < 0 ? NULL : &c->titles[i];
}

int
catalog_in_territory(const char *territories, const char *territory)
{
	size_t n = strlen(territory);

	for (const char *p = territories; *p; ) {
		size_t len;

		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		if (len == 9 && strncmp(p, "Worldwide", 9) == 0)
			return 1;
		if (len == n && strncmp(p, territory, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

static int
available_between(const struct catalog_title *t, struct date first, struct date last,
    const char *territory)
{
	if (t->status != CATALOG_ACTIVE)
		return 0;
	if (t->has_available_from && date_cmp(t->available_from, last) > 0)
		return 0;
	if (t->has_available_until && date_cmp(t->available_until, first) < 0)
		return 0;
	return territory == NULL || catalog_in_territory(t->territories, territory);
}

int
catalog_active_in_month(const struct catalog_title *t, int year, int month, const char *territory)
{
	struct date first = { year, month, 1 };
	struct date last = { year, month, date_days_in_month(year, month) };

	return available_between(t, first, last, territory);
}

int
catalog_active_on(const struct catalog_title *t, struct date day, const char *territory)
{
	return available_between(t, day, day, territory);
}
