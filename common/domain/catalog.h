/*
 * catalog.h - catalogue rows (the stream 1d-ingest writes and 1d-catalog
 * exports): their columns and the one rule for a valid row, defined once;
 * a catalogue loaded into memory; and the rule that says whether a title
 * is active in a month.
 */
#ifndef CATALOG_H
#define CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

/*
 * The columns in their order (DESIGN.md section 4), as X(ID, name,
 * required, rule).  track comes first and is the key; the others are a
 * title's fields, which is what catdb keeps per version.  A reader finds
 * the columns by name and treats an absent one as empty; an empty value
 * is allowed unless the column is required.
 */
#define CATALOG_FIELD_LIST(X) \
	X(ISRC, "isrc", 0, CATALOG_IS_TEXT) \
	X(UPC, "upc", 0, CATALOG_IS_TEXT) \
	X(TITLE, "title", 0, CATALOG_IS_TEXT) \
	X(ARTISTS, "artists", 0, CATALOG_IS_TEXT) \
	X(RELEASE_TITLE, "release_title", 0, CATALOG_IS_TEXT) \
	X(LABEL, "label", 0, CATALOG_IS_TEXT) \
	X(HOLDER, "holder", 0, CATALOG_IS_TEXT) \
	X(DISTRIBUTOR, "distributor", 0, CATALOG_IS_TEXT) \
	X(RELEASE_DATE, "release_date", 0, CATALOG_IS_DAY) \
	X(DURATION_MS, "duration_ms", 0, CATALOG_IS_COUNT) \
	X(MEDIA, "media", 0, CATALOG_IS_MEDIA) \
	X(GENRE, "genre", 0, CATALOG_IS_TEXT) \
	X(TERRITORIES, "territories", 0, CATALOG_IS_TERRITORIES) \
	X(AVAILABLE_FROM, "available_from", 0, CATALOG_IS_DAY) \
	X(AVAILABLE_UNTIL, "available_until", 0, CATALOG_IS_DAY) \
	X(STATUS, "status", 0, CATALOG_IS_STATUS) \
	X(SOURCE, "source", 0, CATALOG_IS_TEXT) \
	X(SHA256, "sha256", 0, CATALOG_IS_SHA256)
#define CATALOG_COLUMN_LIST(X) \
	X(TRACK, "track", 1, CATALOG_IS_TEXT) \
	CATALOG_FIELD_LIST(X)

/* What a column's values must be. */
enum catalog_rule {
	CATALOG_IS_TEXT,	/* anything */
	CATALOG_IS_DAY,		/* YYYY-MM-DD */
	CATALOG_IS_COUNT,	/* a count (num.h) */
	CATALOG_IS_MEDIA,	/* audio, video, ebook or game */
	CATALOG_IS_STATUS,	/* active (the default) or takedown */
	CATALOG_IS_TERRITORIES,	/* Worldwide, or ISO 3166 codes separated by spaces */
	CATALOG_IS_SHA256,	/* 64 lowercase hex digits */
};

enum catalog_column {
#define CATALOG_ENUM_(id, name, required, rule) CATALOG_##id,
	CATALOG_COLUMN_LIST(CATALOG_ENUM_)
#undef CATALOG_ENUM_
	CATALOG_NCOLUMNS
};

/* The header of the stream: "track,isrc,...,sha256". */
#define CATALOG_NAME_COMMA_(id, name, required, rule) "," name
#define CATALOG_COLUMNS "track" CATALOG_FIELD_LIST(CATALOG_NAME_COMMA_)

/* Column names by enum catalog_column. */
extern const char *const catalog_column_names[CATALOG_NCOLUMNS];

/*
 * The one rule for a catalogue row, f[i] the value of column i ("" when
 * absent): -1 when the row is good, else the first failing column, with
 * why in why[0..n).
 */
int catalog_check_row(const char *const f[CATALOG_NCOLUMNS], char *why, size_t n);

enum catalog_media { CATALOG_AUDIO, CATALOG_VIDEO, CATALOG_EBOOK, CATALOG_GAME };
enum catalog_status { CATALOG_ACTIVE, CATALOG_TAKEDOWN };

/* "audio", "video", "ebook" or "game" into *m: 0, or -1 for anything else. */
int catalog_media_parse(const char *s, enum catalog_media *m);
/* "active" (or "", the default) or "takedown" into *st: 0, or -1. */
int catalog_status_parse(const char *s, enum catalog_status *st);
const char *catalog_media_name(enum catalog_media m);
const char *catalog_status_name(enum catalog_status st);

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

/* catalog_load flag: every catalogue column must be in the header. */
#define CATALOG_ALL_COLUMNS 0x100
/* Flag: require the columns payouts depend on (track, holder, release_date, territories, status). */
#define CATALOG_PAYOUT_COLUMNS 0x200

/*
 * Load a catalogue file ("-" is standard input, read once; table flags
 * as in table.h, and CATALOG_ALL_COLUMNS).  The track column is required
 * ("FILE:1: track: no such column"), every column with
 * CATALOG_ALL_COLUMNS.  Every row is checked by catalog_check_row(), must
 * be UTF-8 text without a NUL byte and with no more fields than the
 * header, and a track must appear once; the first bad row makes the load
 * fail with "file:line: column: what" in errbuf.  On failure the run's
 * status is raised (err.h): ERR_EXIT_DATA for a bad row, ERR_EXIT_USAGE
 * when the file cannot be opened, has no header or lacks a column, is
 * malformed or cannot be read whole (a truncated gzip): the caller exits
 * with err_status().
 */
struct catalog *catalog_load(const char *path, int flags, char *errbuf, size_t errlen);
void catalog_free(struct catalog *c);
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
