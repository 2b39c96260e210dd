/*
 * catdb.h - the catalogue in SQLite, with its history.
 *
 * Every version of a title is kept with the day it became known
 * (valid_from) and the day a later version replaced it (valid_to, empty
 * while current), so the catalogue can be exported exactly as it was
 * known on any day.  One import is one transaction; the database is in
 * WAL mode with a busy timeout, and writers take an exclusive lock file
 * so that two cron jobs never interleave.
 */
#ifndef CATDB_H
#define CATDB_H

#include <stddef.h>

#include "table.h"

struct catdb;

struct catdb_counts {
	long read, added, changed, unchanged, taken_down, rejected;
};

/* Open (creating and migrating) the database; writers lock it. */
struct catdb *catdb_open(const char *path, int writer, char *errbuf, size_t errlen);
void catdb_close(struct catdb *db);

/*
 * Import catalogue rows from path ("-" standard input), known from day
 * (YYYY-MM-DD).  Every catalogue column must be in the header.  The
 * input is read once; a file whose SHA-256 (computed while reading) was
 * imported before is skipped (returns 1, the transaction rolled back)
 * unless force.  Bad rows go to reject(t, field, why) (field NULL when
 * why names it) and are not imported.  0 imported, 1 skipped, -1 error
 * (errbuf; nothing changed).
 */
int catdb_import(struct catdb *db, const char *path, int flags, const char *day, int force,
    struct catdb_counts *n, void (*reject)(const struct table *t, const char *field, const char *why),
    char *errbuf, size_t errlen);
/*
 * Undo one import, named by its SHA-256 or the file it was read from:
 * its versions are removed and the ones they closed or replaced come
 * back.  0 (*versions removed), 1 no such import or the name is
 * ambiguous, -1 error (errbuf; nothing changed).
 */
int catdb_revert(struct catdb *db, const char *what, long *versions, char *errbuf, size_t errlen);
/* A new version with status takedown, known from day.  -1 when unknown. */
int catdb_takedown(struct catdb *db, const char *track, const char *day, char *errbuf, size_t errlen);
/* Write the catalogue as known on day (NULL: now), optionally filtered. */
int catdb_export(struct catdb *db, const char *day, const char *holder, const char *status,
    struct table_writer *w, char *errbuf, size_t errlen);
/* Write every version of a track, oldest first, with valid_from and valid_to. */
int catdb_show(struct catdb *db, const char *track, struct table_writer *w, char *errbuf, size_t errlen);
int catdb_holders_import(struct catdb *db, const char *path, int flags, long *count, char *errbuf,
    size_t errlen);
int catdb_holders_export(struct catdb *db, struct table_writer *w, char *errbuf, size_t errlen);
/* Current titles per holder, media and status. */
int catdb_stats(struct catdb *db, struct table_writer *w, char *errbuf, size_t errlen);

#endif
