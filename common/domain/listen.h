/*
 * listen.h - rows of the raw listen log: ts,user,structure,track,
 * ms_played,source (source optional), checked field by field.
 */
#ifndef LISTEN_H
#define LISTEN_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

struct listen_columns {
	int ts, user, structure, track, ms_played, source;
};

struct listen {
	int64_t ts_ms;		/* milliseconds since the epoch, UTC */
	const char *user, *structure, *track, *source;
	size_t user_len, structure_len, track_len, source_len;
	int64_t ms_played;
};

/* Find the columns by name; -1 and *missing set when a required one is absent. */
int listen_columns(const struct table *t, struct listen_columns *c, const char **missing);
/*
 * Check and read the current row.  0, or -1 with *field naming the bad
 * column (NULL for the row as a whole) and the reason in why.
 */
int listen_parse(const struct table *t, const struct listen_columns *c, struct listen *l,
    const char **field, char *why, size_t whylen);

#endif
