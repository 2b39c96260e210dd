/*
 * usage_merge.h - usage files added up as sorted streams.
 *
 * Every usage file 1d-listens writes is sorted by its key columns (month,
 * then structure, user, track, each in byte order: aggregate.h), so files
 * with the same key columns add up the way sort -m merges: one current
 * row per input, the smallest key written once its rows of every input
 * are summed.  Memory grows with the number of inputs, not of keys, but
 * for the check that shards are disjoint in users, which keeps each
 * (month, user) seen with the input it came from.
 *
 * The sums are those of aggregate_add_row(): the same checks, the same
 * errors, the same bytes out (aggregate_write()).  A key that comes
 * before the one just summed means an input that is not sorted, whose
 * rows would be summed apart: that is an error, never a wrong total.
 */
#ifndef USAGE_MERGE_H
#define USAGE_MERGE_H

#include "aggregate.h"
#include "table.h"

struct usage_merge;

/* A merge of usage files with columns c (aggregate_columns()). */
struct usage_merge *usage_merge_new(const struct aggregate_columns *c);
/*
 * Add an input, its header read, its columns c (the same keys, users or
 * not, as those given to usage_merge_new(), in any order); the merge
 * owns t from now on and closes it.
 */
void usage_merge_add(struct usage_merge *m, struct table *t, const struct aggregate_columns *c);
void usage_merge_free(struct usage_merge *m);
/* table_name() of input i, in the order of usage_merge_add(). */
const char *usage_merge_name(const struct usage_merge *m, int i);

enum usage_merge_kind {
	USAGE_MERGE_END,	/* every input read to its end or dropped */
	USAGE_MERGE_ROW,	/* a row of the sum: usage_merge_write_row() */
	USAGE_MERGE_BAD_TEXT,	/* a row that is not text: table_error(t); left out */
	USAGE_MERGE_BAD,	/* a wrong field: field, why; the row is left out */
	USAGE_MERGE_OVERFLOW,	/* a sum would pass int64: field; the merge cannot go on */
	USAGE_MERGE_UNSORTED,	/* the row's key comes before the previous one: input dropped */
	USAGE_MERGE_SHARED_USER,/* (month, user) also in the input named other: input dropped */
	USAGE_MERGE_READ_ERROR,	/* the input cannot be read on: table_error(t); input dropped */
};

/* What usage_merge_next() found; t is the input (its current row and line). */
struct usage_merge_event {
	enum usage_merge_kind kind;
	int input;		/* in the order of usage_merge_add() */
	const struct table *t;
	const char *field;
	const char *other;	/* SHARED_USER: table_name() of the other input */
	char why[256];
};

/*
 * The next thing found: a row to write or an event to report.  After
 * USAGE_MERGE_OVERFLOW the merge must not be called again.
 */
void usage_merge_next(struct usage_merge *m, struct usage_merge_event *ev);

/* The header of the sum, then each row usage_merge_next() found. */
void usage_merge_write_header(const struct usage_merge *m, struct table_writer *w);
void usage_merge_write_row(const struct usage_merge *m, struct table_writer *w);

#endif
