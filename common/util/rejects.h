/*
 * rejects.h - the --rejects file: every rejected row, with where it came
 * from and why, in columns _file,_line,_reason followed by the row's own
 * columns (those of the first table a row was rejected from).
 */
#ifndef REJECTS_H
#define REJECTS_H

#include "table.h"

struct rejects;

/* path NULL: count only, write nothing.  NULL return with errbuf set. */
struct rejects *rejects_open(const char *path, int flags, char *errbuf, size_t errlen);
/* Record the current row of t as rejected for reason. */
void rejects_add(struct rejects *r, const struct table *t, const char *reason);
/* Record a rejection that is not a table row (file, line may be 0). */
void rejects_add_note(struct rejects *r, const char *file, long line, const char *reason);
long rejects_count(const struct rejects *r);
/* Write the file into place; 0 or -1 with errbuf set.  Frees r. */
int rejects_close(struct rejects *r, char *errbuf, size_t errlen);

#endif
