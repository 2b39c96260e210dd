/*
 * catalog.h - catalogue rows (the stream 1d-ingest writes and 1d-catalog
 * exports) loaded into memory, and the rule that says whether a title is
 * active in a month.
 *
 * Columns, found by name: track,isrc,upc,title,artists,release_title,
 * label,holder,distributor,release_date,duration_ms,media,genre,
 * territories,available_from,available_until,status,source,sha256.
 * Only `track` is required by the loader; what a tool needs beyond it, it
 * checks itself with catalog_has_column().
 */
#ifndef CATALOG_H
#define CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

#define CATALOG_COLUMNS "track,isrc,upc,title,artists,release_title,label,holder," \
	"distributor,release_date,duration_ms,media,genre,territories,available_from," \
	"available_until,status,source,sha256"

enum catalog_status { CATALOG_ACTIVE, CATALOG_TAKEDOWN };

struct catalog_title {
	const char *track, *isrc, *upc, *title, *artists, *release_title, *label;
	const char *holder, *distributor, *media, *genre, *territories, *source, *sha256;
	struct date release_date, available_from, available_until;
	int has_release_date, has_available_from, has_available_until;
	int64_t duration_ms;	/* -1 when unknown */
	enum catalog_status status;
	long line;		/* where it was read */
};

struct catalog;

/*
 * Load a catalogue file ("-" is standard input; table flags as in
 * table.h).  Every row is validated (dates, duration, status, a track
 * appearing once); the first bad row makes the load fail with
 * "file:line: column: what" in errbuf.
 */
struct catalog *catalog_load(const char *path, int flags, char *errbuf, size_t errlen);
void catalog_free(struct catalog *c);
int catalog_has_column(const struct catalog *c, const char *name);
size_t catalog_count(const struct catalog *c);
/* Titles in ascending byte order of track. */
const struct catalog_title *catalog_title(const struct catalog *c, size_t i);
/* The title with this track id, or NULL. */
const struct catalog_title *catalog_find(const struct catalog *c, const char *track);
/* Its index (as catalog_title), or -1. */
long catalog_index(const struct catalog *c, const char *track);

/* Does a territories list ("FR BE", "Worldwide") include the territory? */
int catalog_in_territory(const char *territories, const char *territory);
/*
 * Active in the month: status active, available on at least one day of
 * the month (available_from <= last day; available_until empty or >= first
 * day; both inclusive, an empty available_from means always) and in the
 * territory (or Worldwide).  territory NULL skips the territory test.
 */
int catalog_active_in_month(const struct catalog_title *t, int year, int month,
    const char *territory);
/* Active on one day, by the same rule. */
int catalog_active_on(const struct catalog_title *t, struct date day, const char *territory);

#endif
