/*
 * capsule.h - capsule files: editors' selections of items, one row per
 * item, with the capsule's own columns repeated on each row:
 * capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,
 * media,note.
 */
#ifndef CAPSULE_H
#define CAPSULE_H

#include <stddef.h>

#include <stdint.h>

#include "catalog.h"
#include "date.h"
#include "table.h"

#define CAPSULE_COLUMNS "capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note"
#define CAPSULE_NCOLS 13

struct capsule_item {
	char *item, *media, *note;
	char *position_text;
	long position;		/* 0 when not a positive integer */
	const char *file;
	long line;
	int mismatch;		/* first capsule-level column unlike the first row's, or -1 */
};

struct capsule {
	/* title, curator, structure, place, lat, lon, starts, ends as written */
	char *id, *field[8];
	const char *file;
	long line;		/* first row */
	struct capsule_item *items;
	size_t nitems;
};

enum { CAPSULE_TITLE, CAPSULE_CURATOR, CAPSULE_STRUCTURE, CAPSULE_PLACE, CAPSULE_LAT,
	CAPSULE_LON, CAPSULE_STARTS, CAPSULE_ENDS };

/* Names of the capsule's own columns, in the order of field[]. */
extern const char *const capsule_field_names[8];

struct capsule_set {
	struct capsule *c;
	size_t n;
	char **files;		/* names the items point to */
	size_t nfiles;
};

/*
 * Add the capsules of a file to set (rows of one capsule may be anywhere
 * in it).  A capsule id already in the set from another file is a
 * conflict unless identical: conflict(file, line, id, other_file) is
 * called and the rows are left out.  A row that is not UTF-8 text, has a
 * field too many or a position past any count is left out through
 * bad(file, line, "field: why") (which may be NULL).  0, or -1 with errbuf
 * set when the file cannot be read or lacks a column.
 */
int capsule_load(struct capsule_set *set, const char *path, int flags,
    void (*conflict)(const char *file, long line, const char *id, const char *other),
    void (*bad)(const char *file, long line, const char *msg), char *errbuf, size_t errlen);
void capsule_set_free(struct capsule_set *set);
/* Sort capsules by id and items by position (then item). */
void capsule_sort(struct capsule_set *set);
struct capsule *capsule_find(struct capsule_set *set, const char *id);
/* Write every row, sorted. */
void capsule_write(const struct capsule_set *set, struct table_writer *w);
/* Renumber a capsule's items 1, 2, 3, ... in their current order. */
void capsule_renumber(struct capsule *c);
/* Remove item i of a capsule (renumbering the others), or capsule i of a set. */
void capsule_remove_item(struct capsule *c, size_t i);
void capsule_remove(struct capsule_set *set, size_t i);

/* Parse a coordinate in [-limit, limit] written as -?digits(.digits)?. */
int capsule_coordinate(const char *s, double limit, double *out);
/* Great-circle distance in km (haversine, mean Earth radius 6371.0088 km). */
double capsule_distance_km(double lat1, double lon1, double lat2, double lon2);


/*
 * Checking a capsule before it is published: its own columns (title,
 * coordinates, dates, the same on every row), its positions, and every
 * item against the catalogue (media, takedown, territory, availability
 * on the day rules->on when has_on, else over the capsule's whole run).
 */
struct capsule_rules {
	const char *territory;	/* the platform's territory */
	int has_on;
	struct date on;
};
/* One problem: item is "" for a problem of the capsule itself. */
typedef void capsule_problem_fn(void *ctx, const char *capsule, const char *item, const char *reason);
/* Call fn once per problem of c, in a stable order; returns how many. */
long capsule_check(const struct capsule *c, const struct catalog *cat, const struct capsule_rules *rules,
    capsule_problem_fn *fn, void *ctx);

/*
 * Edits.  capsule_new adds a capsule without items (fields NULL are
 * empty), or returns NULL when the id is taken; capsule_add_item appends
 * an item (media NULL is audio), or returns -1 when the capsule has it
 * already; capsule_move_item puts item i at 1-based position pos,
 * clamped to the end.  Each renumbers the items 1 to N.
 */
struct capsule *capsule_new(struct capsule_set *set, const char *id, const char *const field[8]);
int capsule_add_item(struct capsule *c, const char *item, const char *media, const char *note);
void capsule_move_item(struct capsule *c, size_t i, int64_t pos);
/* The index of an item in c, or -1. */
long capsule_item_index(const struct capsule *c, const char *item);

/* Running on a day: within its dates, an open end being no limit. */
int capsule_running_on(const struct capsule *c, struct date day);
struct capsule_nearby {
	const struct capsule *c;
	double km;
};
/*
 * The capsules with coordinates within radius km of (lat, lon), running
 * on *on when on is not NULL, nearest first (ties by id); *n of them in
 * an array to free.
 */
struct capsule_nearby *capsule_near(const struct capsule_set *set, double lat, double lon,
    double radius, const struct date *on, size_t *n);
/* Write them with a header, the distance to a tenth of a km. */
#define CAPSULE_NEAR_COLUMNS "capsule,title,place,km"
void capsule_near_write(const struct capsule_nearby *found, size_t n, struct table_writer *w);

#endif
