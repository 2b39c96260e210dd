/*
 * shuffle.h - the lines between a mapper and a reducer of listens, under
 * the contract of Hadoop Streaming: lines "key TAB value", sorted by key
 * between the two, any number of reducers each receiving whole keys, and
 * no header line (it would be sorted among the records).
 *
 * A line is one listen of the log, in TSV, keyed by its user and its
 * place in the logs:
 *
 *	user  file  start  line  ts  user  structure  track  ms_played  source
 *
 * The first SHUFFLE_KEY_FIELDS fields are the key.  Partitioned on the
 * first, the user, each reducer receives all of a user's listens, so that
 * exact duplicates, daily caps and distinct listeners are decided where
 * every listen of the user is.  Sorted on all four, a user's listens
 * reach the reducer in the order of the logs (file, then the byte where
 * the map task's split starts, then the line within the split), so the
 * first of two duplicates is the one a single run keeps.  start and line
 * are zero-padded so that byte order is numeric order.
 */
#ifndef SHUFFLE_H
#define SHUFFLE_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

#define SHUFFLE_KEY_FIELDS 4

/* The log's columns, in the one order a mapper can read without a header. */
#define SHUFFLE_LOG_NCOLUMNS 6
extern const char *const shuffle_log_columns[SHUFFLE_LOG_NCOLUMNS];
/* The columns of a shuffled line, as the reducer reads them. */
#define SHUFFLE_NCOLUMNS (SHUFFLE_KEY_FIELDS + SHUFFLE_LOG_NCOLUMNS)
extern const char *const shuffle_columns[SHUFFLE_NCOLUMNS];

/* Where a map task's rows come from. */
struct shuffle_place {
	const char *file;
	int64_t start;		/* byte of the file where the split starts */
};

/*
 * The place of the input named name: for standard input, the split that
 * Hadoop Streaming names in the task's environment (mapreduce_map_input_file
 * and mapreduce_map_input_start, or map_input_file and map_input_start of
 * Hadoop 1) when it does; otherwise name, from byte 0.  -1 with the
 * reason in err when the environment's start is not a count.
 */
int shuffle_place(struct shuffle_place *p, const char *name, char *err, size_t errlen);

/*
 * Is the current row of a log read without a header its header line?  1
 * when it is the line of shuffle_log_columns, -1 when it is another header
 * (its first field is "ts"), 0 for a row.
 */
int shuffle_is_header(const struct table *t);

/* Write the current row of a log read with shuffle_log_columns, keyed. */
void shuffle_put(struct table_writer *w, const struct shuffle_place *p, const struct table *t);

#endif
