/*
 * sheet.h - distributors' CSV metadata sheets mapped to catalogue rows.
 *
 * A map says which of their headers is which of our columns, one
 * "their_header = our_column" a line ('#' starts a comment); our column
 * is a catalogue column or "id", the distributor's own id, which makes
 * the track "distributor:id" when the row has no ISRC.
 */
#ifndef SHEET_H
#define SHEET_H

#include <stddef.h>

#include "catalog.h"
#include "table.h"

/* The pseudo-column "id", after the catalogue's. */
#define SHEET_ID CATALOG_NCOLUMNS

struct sheet_map;

struct sheet_map *sheet_map_new(void);
/* Map their header to our column: 0, or -1 when ours is not a column. */
int sheet_map_add(struct sheet_map *m, const char *theirs, const char *ours);
/* Read a map file: the map, or NULL with "file:line: why" (or "file: why") in errbuf. */
struct sheet_map *sheet_map_load(const char *path, char *errbuf, size_t errlen);
void sheet_map_free(struct sheet_map *m);

/*
 * Every header the map names must be in t: 0, or -1 with "FILE:1: NAME:
 * no such column (named by MAP:LINE)" in errbuf, the map's place given
 * when it was read from a file.
 */
int sheet_check_columns(const struct sheet_map *m, const struct table *t, char *errbuf, size_t errlen);

/*
 * Our column (a catalogue column, SHEET_ID, or -1 when unmapped) for each
 * of t's columns, in a new array of table_ncols(t).
 */
int *sheet_columns(const struct sheet_map *m, const struct table *t);

/*
 * The current row of t as a catalogue row in f (new strings): the mapped
 * values, the track from the ISRC or distributor:id, the distributor,
 * media audio and status active by default, source and sha256 as given.
 * 0, or -1 with "column: why" in why (and f freed) when the row is not a
 * valid catalogue row or has no title; the column is named by their
 * header when one maps to it.
 */
int sheet_row(const struct table *t, const int *ours, const char *distributor, const char *source,
    const char *sha256, char *f[CATALOG_NCOLUMNS], char *why, size_t n);

#endif
