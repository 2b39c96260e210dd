/*
 * ingest.h - distributors' drops into catalogue rows: the titles of DDEX
 * messages and mapped sheets, checked against the resource files of their
 * drop, and resolved when several deliveries name the same track.
 *
 * Resolution: the newest delivery of a track (by MessageCreatedDateTime;
 * a sheet counts as oldest) wins; between deliveries of one file, the
 * later one (by line) wins.  A purge that wins turns the newest
 * earlier delivery into a takedown; a purge of a release by UPC takes
 * down every older delivery with that UPC.  Rows come out sorted by
 * track.
 */
#ifndef INGEST_H
#define INGEST_H

#include <stddef.h>

#include "catalog.h"
#include "sheet.h"
#include "table.h"

/* One delivery of a title. */
struct ingest_delivery {
	const char *f[CATALOG_NCOLUMNS];	/* a valid catalogue row */
	const char *created;	/* of the message; "" for sheets */
	int purge;		/* a purge: only the status counts */
	const char *where;	/* drop:entry */
	long line;
	const char *file, *algo, *hash;	/* a resource to check, or NULL */
};

struct ingest_hooks {
	/* A title, row or entry refused: where (drop:entry), line and why. */
	void (*reject)(void *ctx, const char *where, long line, const char *why);
	/*
	 * A delivery of track replaced by a newer one, each by where
	 * (drop:entry), line and created ("" for a sheet).
	 */
	void (*replaced)(void *ctx, const char *track, const char *old_where, long old_line,
	    const char *old_created, const char *by_where, long by_line, const char *by_created);
	void *ctx;
	/* Optional: something read leniently, at where (drop:entry) and line. */
	void (*warn)(void *ctx, const char *where, long line, const char *what);
	/*
	 * Optional: a track listed twice in one file (where): the row on
	 * first_line gives way to the later one on kept_line.
	 */
	void (*twice)(void *ctx, const char *track, const char *where, long first_line,
	    long kept_line);
	/*
	 * Optional: a sheet row refused, with its table positioned on it, so
	 * that the row's own columns can be kept; reject is called otherwise.
	 */
	void (*reject_row)(void *ctx, const struct table *t, const char *where, long line,
	    const char *why);
};

struct ingest_counts {
	long read, rejected, duplicates;
};

struct ingest;

/* map NULL: CSV files are resources, not sheets. */
struct ingest *ingest_new(const struct ingest_hooks *hooks, const struct sheet_map *map,
    int max_depth);
void ingest_free(struct ingest *in);
/* Table flags (TABLE_LATIN1, TABLE_CP1252) for the sheets found inside drops. */
void ingest_set_sheet_flags(struct ingest *in, int flags);

/* Start a drop: its name in messages and its distributor. */
void ingest_drop_begin(struct ingest *in, const char *drop, const char *distributor);
/* One entry of the drop, as drop_read() calls it (arg is the ingest); 0. */
int ingest_entry(void *arg, const char *name, const unsigned char *data, size_t len);
/* A sheet read on its own. */
void ingest_sheet(struct ingest *in, const char *name, const unsigned char *data, size_t len);
/*
 * How sheets are opened: a bad row, even one with a stray quote, is
 * rejected and the rows after it are still read.
 */
#define INGEST_SHEET_TABLE_FLAGS (TABLE_BAD_ROWS | TABLE_RESYNC)

/*
 * A sheet given on its own, open in t (opened with INGEST_SHEET_TABLE_FLAGS), named
 * where in messages: its rows are read (bad ones rejected), its digest
 * taken while reading.  0, or -1 with "where:line: why" in errbuf when it
 * lacks a column the map names or cannot be read to its end (an I/O or
 * usage error: nothing of it is kept).
 */
int ingest_sheet_table(struct ingest *in, struct table *t, const char *where, char *errbuf,
    size_t errlen);
/* The drop could not be read: forget its rows. */
void ingest_drop_abandon(struct ingest *in);
/* End the drop: check its titles' resources against its files. */
void ingest_drop_end(struct ingest *in);

/* Add a delivery (copied) or a purge of a release by UPC, as a message would. */
void ingest_add(struct ingest *in, const struct ingest_delivery *d);
void ingest_add_upc_purge(struct ingest *in, const char *upc, const char *created,
    const char *source, const char *sha256);
/* Add a resource file of the current drop, by the base of its name. */
void ingest_add_file(struct ingest *in, const char *name, const void *data, size_t len);

/* Resolve the deliveries and write the catalogue rows, header first. */
void ingest_write(struct ingest *in, struct table_writer *w);
void ingest_get_counts(const struct ingest *in, struct ingest_counts *n);

#endif
