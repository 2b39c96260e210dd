#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "err.h"
#include "intern.h"
#include "num.h"
#include "table.h"

struct catalog {
	struct catalog_title *titles;
	size_t n;
	struct intern *tracks;	/* track -> index in titles */
	long *index_of;		/* intern id -> index */
	struct intern *strings;	/* every other string, shared */
};

const char *const catalog_column_names[CATALOG_NCOLUMNS] = {
#define NAME(id, name, required, rule) name,
	CATALOG_COLUMN_LIST(NAME)
#undef NAME
};

static const char *const media_names[] = { "audio", "video", "ebook", "game" };
static const char *const status_names[] = { "active", "takedown" };

int
catalog_media_parse(const char *s, enum catalog_media *m)
{
	for (size_t i = 0; i < sizeof media_names / sizeof *media_names; i++)
		if (strcmp(s, media_names[i]) == 0) {
			*m = (enum catalog_media)i;
			return 0;
		}
	return -1;
}

int
catalog_status_parse(const char *s, enum catalog_status *st)
{
	if (*s == '\0' || strcmp(s, "active") == 0)
		*st = CATALOG_ACTIVE;
	else if (strcmp(s, "takedown") == 0)
		*st = CATALOG_TAKEDOWN;
	else
		return -1;
	return 0;
}

const char *
catalog_media_name(enum catalog_media m)
{
	return media_names[m];
}

const char *
catalog_status_name(enum catalog_status st)
{
	return status_names[st];
}

static int
valid_territories(const char *s)
{
	if (strcasecmp(s, "Worldwide") == 0)
		return 1;
	/* Codes of two ASCII letters, one space between them; case does not matter. */
	for (;;) {
		if (!isascii(s[0]) || !isascii(s[1]) || !isalpha((unsigned char)s[0]) ||
		    !isalpha((unsigned char)s[1]))
			return 0;
		s += 2;
		if (*s == '\0')
			return 1;
		if (*s++ != ' ')
			return 0;
	}
}

/* Check value s of a column by rule; 0, or -1 with why. */
static int
check_value(enum catalog_rule rule, const char *s, char *why, size_t n)
{
	enum catalog_media m;
	enum catalog_status st;
	struct date d;
	int64_t v;
	int rc;

	switch (rule) {
	case CATALOG_IS_TEXT:
		return 0;
	case CATALOG_IS_DAY:
		if (strlen(s) == 10 && date_parse(s, &d) == 0)
			return 0;
		snprintf(why, n, "not a date: \"%s\"", s);
		return -1;
	case CATALOG_IS_COUNT:
		if ((rc = num_parse_count_str(s, &v)) == NUM_OK)
			return 0;
		if (rc == NUM_RANGE)
			snprintf(why, n, "%s: \"%s\"", num_strerror(rc), s);
		else
			snprintf(why, n, "not a non-negative integer: \"%s\"", s);
		return -1;
	case CATALOG_IS_MEDIA:
		if (catalog_media_parse(s, &m) == 0)
			return 0;
		snprintf(why, n, "not audio, video, ebook or game: \"%s\"", s);
		return -1;
	case CATALOG_IS_STATUS:
		if (catalog_status_parse(s, &st) == 0)
			return 0;
		snprintf(why, n, "not active or takedown: \"%s\"", s);
		return -1;
	case CATALOG_IS_TERRITORIES:
		if (valid_territories(s))
			return 0;
		snprintf(why, n, "not Worldwide or a list of ISO 3166 codes: \"%s\"", s);
		return -1;
	case CATALOG_IS_SHA256:
		if (strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64)
			return 0;
		snprintf(why, n, "not a SHA-256 (64 lowercase hex digits): \"%s\"", s);
		return -1;
	}
	return 0;
}

int
catalog_check_row(const char *const f[CATALOG_NCOLUMNS], char *why, size_t n)
{
	static const struct {
		int required;
		enum catalog_rule rule;
	} rules[CATALOG_NCOLUMNS] = {
#define RULE(id, name, required, rule) { required, rule },
		CATALOG_COLUMN_LIST(RULE)
#undef RULE
	};

	for (int i = 0; i < CATALOG_NCOLUMNS; i++) {
		if (*f[i] == '\0') {
			if (!rules[i].required)
				continue;
			snprintf(why, n, "empty");
			return i;
		}
		if (check_value(rules[i].rule, f[i], why, n) != 0)
			return i;
	}
	/* A window that ends before it starts would hide the title silently. */
	if (*f[CATALOG_AVAILABLE_FROM] && *f[CATALOG_AVAILABLE_UNTIL] &&
	    strcmp(f[CATALOG_AVAILABLE_UNTIL], f[CATALOG_AVAILABLE_FROM]) < 0) {
		snprintf(why, n, "before available_from: \"%s\"", f[CATALOG_AVAILABLE_UNTIL]);
		return CATALOG_AVAILABLE_UNTIL;
	}
	return -1;
}

static const char *
keep(struct catalog *c, const char *s)
{
	return intern_str(c->strings, intern_add(c->strings, s, strlen(s)));
}

static int
by_track(const void *a, const void *b)
{
	return strcmp(((const struct catalog_title *)a)->track, ((const struct catalog_title *)b)->track);
}

static void
date_field(const char *s, struct date *d, int *has)
{
	*has = *s != '\0';
	if (*has)
		date_parse(s, d);
}

/* Fill ti from a row that passed catalog_check_row(). */
static void
fill_title(struct catalog *c, struct catalog_title *ti, const char *const *f)
{
	ti->isrc = keep(c, f[CATALOG_ISRC]);
	ti->upc = keep(c, f[CATALOG_UPC]);
	ti->title = keep(c, f[CATALOG_TITLE]);
	ti->artists = keep(c, f[CATALOG_ARTISTS]);
	ti->release_title = keep(c, f[CATALOG_RELEASE_TITLE]);
	ti->label = keep(c, f[CATALOG_LABEL]);
	ti->holder = keep(c, f[CATALOG_HOLDER]);
	ti->distributor = keep(c, f[CATALOG_DISTRIBUTOR]);
	ti->media = keep(c, f[CATALOG_MEDIA]);
	ti->genre = keep(c, f[CATALOG_GENRE]);
	ti->territories = keep(c, f[CATALOG_TERRITORIES]);
	ti->source = keep(c, f[CATALOG_SOURCE]);
	ti->sha256 = keep(c, f[CATALOG_SHA256]);
	date_field(f[CATALOG_RELEASE_DATE], &ti->release_date, &ti->has_release_date);
	date_field(f[CATALOG_AVAILABLE_FROM], &ti->available_from, &ti->has_available_from);
	date_field(f[CATALOG_AVAILABLE_UNTIL], &ti->available_until, &ti->has_available_until);
	ti->duration_ms = -1;
	if (*f[CATALOG_DURATION_MS])
		num_parse_count_str(f[CATALOG_DURATION_MS], &ti->duration_ms);
	catalog_status_parse(f[CATALOG_STATUS], &ti->status);
}

/*
 * Read the rows of t; 0, or -1 with "file:line: column: what" in errbuf
 * and the status in *status (ERR_EXIT_DATA a bad row, ERR_EXIT_USAGE
 * input that cannot be read to its end).
 */
static int
load_rows(struct catalog *c, struct table *t, const int *col, int *status, char *errbuf,
    size_t errlen)
{
	size_t cap = 0;
	char why[256];
	int r, bad;

	*status = ERR_EXIT_DATA;
	while ((r = table_next(t)) > 0) {
		const char *f[CATALOG_NCOLUMNS];
		struct catalog_title *ti;

		if (r == TABLE_BAD) {
			snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
			return -1;
		}
		for (int i = 0; i < CATALOG_NCOLUMNS; i++) {
			f[i] = col[i] < 0 ? "" : table_field(t, col[i]);
			/*
			 * A value is a C string from here on: one holding a NUL
			 * byte would be cut (a track id interned with one length
			 * and looked up with another).
			 */
			if (col[i] >= 0 && strlen(f[i]) != table_fieldlen(t, col[i])) {
				snprintf(errbuf, errlen, "%s:%ld: %s: holds a NUL byte", table_name(t),
				    table_line(t), catalog_column_names[i]);
				return -1;
			}
		}
		if ((bad = catalog_check_row(f, why, sizeof why)) >= 0) {
			snprintf(errbuf, errlen, "%s:%ld: %s: %s", table_name(t), table_line(t),
			    catalog_column_names[bad], why);
			return -1;
		}
		if (intern_find(c->tracks, f[CATALOG_TRACK], strlen(f[CATALOG_TRACK])) != INTERN_NONE) {
			snprintf(errbuf, errlen, "%s:%ld: track: track \"%s\" appears twice", table_name(t),
			    table_line(t), f[CATALOG_TRACK]);
			return -1;
		}
		if (c->n == cap) {
			cap = cap ? cap * 2 : 1024;
			c->titles = err_realloc(c->titles, cap * sizeof *c->titles);
		}
		ti = &c->titles[c->n++];
		memset(ti, 0, sizeof *ti);
		ti->line = table_line(t);
		ti->track = intern_str(c->tracks, intern_add(c->tracks, f[CATALOG_TRACK],
		    strlen(f[CATALOG_TRACK])));
		fill_title(c, ti, f);
	}
	if (r < 0) {
		/* Malformed text or an input that cannot be read whole: nothing is loaded. */
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		*status = ERR_EXIT_USAGE;
		return -1;
	}
	return 0;
}

struct catalog *
catalog_load(const char *path, int flags, char *errbuf, size_t errlen)
{
	struct catalog *c;
	struct table *t;
	int col[CATALOG_NCOLUMNS], status;

	/* The columns money depends on: whose title, new or not, where, taken down or not. */
	static const char *const payout_columns[] = { "track", "holder", "release_date", "territories",
		"status" };
	int ignored[5];

	if ((t = table_open(path, (flags & ~(CATALOG_ALL_COLUMNS | CATALOG_PAYOUT_COLUMNS)) |
	    TABLE_BAD_ROWS, errbuf, errlen)) == NULL) {
		err_status_raise(ERR_EXIT_USAGE);
		return NULL;
	}
	if (table_columns(t, catalog_column_names, (flags & CATALOG_ALL_COLUMNS) ? CATALOG_NCOLUMNS : 1,
	    col, errbuf, errlen) != 0 || ((flags & CATALOG_PAYOUT_COLUMNS) &&
	    table_columns(t, payout_columns, 5, ignored, errbuf, errlen) != 0)) {
		table_close(t);
		err_status_raise(ERR_EXIT_USAGE);
		return NULL;
	}
	for (int i = 1; i < CATALOG_NCOLUMNS; i++)
		col[i] = table_col(t, catalog_column_names[i]);
	c = err_calloc(1, sizeof *c);
	c->tracks = intern_new();
	c->strings = intern_new();
	if (load_rows(c, t, col, &status, errbuf, errlen) != 0) {
		table_close(t);
		catalog_free(c);
		err_status_raise(status);
		return NULL;
	}
	table_close(t);
	if (c->n > 0)
		qsort(c->titles, c->n, sizeof *c->titles, by_track);
	c->index_of = err_malloc((c->n + 1) * sizeof *c->index_of);
	for (size_t i = 0; i <= c->n; i++)
		c->index_of[i] = -1;
	for (size_t i = 0; i < c->n; i++) {
		uint32_t id = intern_find(c->tracks, c->titles[i].track, strlen(c->titles[i].track));

		/* Every track was interned by its C string: found, and below n. */
		if (id != INTERN_NONE && id < c->n)
			c->index_of[id] = (long)i;
	}
	return c;
}

void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	intern_free(c->tracks);
	intern_free(c->strings);
	free(c->titles);
	free(c->index_of);
	free(c);
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

	/* A miss is -1, never an index read out of range. */
	return id == INTERN_NONE || id >= c->n ? -1 : c->index_of[id];
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
		/* ISO 3166 codes name a country whatever their case. */
		if (len == 9 && strncasecmp(p, "Worldwide", 9) == 0)
			return 1;
		if (len == n && strncasecmp(p, territory, n) == 0)
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
