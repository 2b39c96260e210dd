/*
 * aggregate.h - listen aggregates (the usage stream): plays, qualified
 * listens and time played per month, structure, user and track, or per
 * any coarser set of those keys with the number of distinct listeners.
 *
 * Memory grows with the number of distinct keys, never with the number of
 * rows added.  Rows are written sorted by their key columns in byte order,
 * and usage files read back (to merge shards) through the same columns.
 */
#ifndef AGGREGATE_H
#define AGGREGATE_H

#include <stdint.h>

#include "table.h"

enum aggregate_dim { AGGREGATE_MONTH, AGGREGATE_STRUCTURE, AGGREGATE_USER, AGGREGATE_TRACK, AGGREGATE_NDIMS };

#define AGGREGATE_ALL_KEYS 0xf	/* bit (1 << dim) for each key kept */

extern const char *const aggregate_dim_names[AGGREGATE_NDIMS];

/* "month,track" -> bits; -1 for an unknown or repeated name. */
int aggregate_parse_keys(const char *list, unsigned *keys);

struct aggregate;

/*
 * keys: the key columns written.  count_users: add a `users` column of
 * distinct listeners (only when the user is not a key); users are then
 * counted from the user ids given to aggregate_add, or summed from its users
 * argument when sum_users is set (merging rollups of shards that are
 * disjoint in users).
 */
struct aggregate *aggregate_new(unsigned keys, int count_users, int sum_users);
void aggregate_free(struct aggregate *u);

/*
 * When the keys are month and track and distinct listeners are counted,
 * a listener is new to a row exactly when its (month, user, track) is:
 * from then on aggregate_add takes that from its users argument (1: a new
 * pair) instead of keeping (row, user) pairs itself.  Whether it did.
 */
int aggregate_count_listeners_by_pair(struct aggregate *u);

/* Dense ids for the strings of a dimension (structure, user, track). */
uint32_t aggregate_id(struct aggregate *u, enum aggregate_dim dim, const char *s, size_t n);

/*
 * Add to the aggregate of (month, structure, user, track); month is
 * date_month_index().  Ids of dimensions that are not keys are ignored,
 * but for the user when counting distinct listeners (users is then 1 for
 * a new listener after aggregate_count_listeners_by_pair, or what is
 * summed when merging).  Returns 0, or -1
 * with nothing added when a sum would overflow (*column names it) or
 * there are too many keys (*column is NULL).
 */
int aggregate_add(struct aggregate *u, int month, uint32_t structure, uint32_t user, uint32_t track,
    int64_t plays, int64_t listens, int64_t ms, int64_t users, const char **column);

/* Write the header and every row, sorted. */
void aggregate_write(struct aggregate *u, struct table_writer *w);
/*
 * Sort the rows now (aggregate_write does it when not done), so that
 * threads can sort their own aggregates.
 */
void aggregate_sort(struct aggregate *u);
/*
 * Write n aggregates with the same keys and no key in common (the rows
 * of threads that shared the listens out by a key) as one, sorted.
 */
void aggregate_write_all(struct aggregate **all, int n, struct table_writer *w);
uint32_t aggregate_rows(const struct aggregate *u);

/* The columns of a usage file, found by name. */
struct aggregate_columns {
	unsigned keys;
	int has_users;
	int key[AGGREGATE_NDIMS];
	int plays, listens, ms, users;
};

/* 0, or -1 when t lacks key columns or one of plays, listens, ms. */
int aggregate_columns(const struct table *t, struct aggregate_columns *c);
/* An aggregate to merge usage files with these columns into. */
struct aggregate *aggregate_new_merge(const struct aggregate_columns *c);
/* Do usage files with columns a and b merge (the same keys, users or not)? */
int aggregate_same_columns(const struct aggregate_columns *a, const struct aggregate_columns *b);

enum { AGGREGATE_ROW_OK, AGGREGATE_ROW_BAD, AGGREGATE_ROW_OVERFLOW };

/*
 * Add the current row of a usage file to u, made by aggregate_new_merge.
 * AGGREGATE_ROW_BAD: a field is wrong (*field, and the reason in why);
 * the row is left out.  AGGREGATE_ROW_OVERFLOW: a sum would overflow
 * (*field names it) or there are too many keys (*field is NULL).
 */
int aggregate_add_row(struct aggregate *u, const struct table *t, const struct aggregate_columns *c,
    const char **field, char *why, size_t whylen);

/*
 * Shards merged must be disjoint in users (split makes them so): a user
 * of a month in two files is a shard merged twice, or a stale one, and
 * would be counted twice.  aggregate_shards_check() gives the file of an
 * earlier shard that has (month, user), or NULL, noting the pair for the
 * shard being read; aggregate_shards_next() closes that shard, naming its
 * file (kept by pointer).
 */
struct aggregate_shards;
struct aggregate_shards *aggregate_shards_new(void);
const char *aggregate_shards_check(struct aggregate_shards *s, const char *month, const char *user);
void aggregate_shards_next(struct aggregate_shards *s, const char *file);
void aggregate_shards_free(struct aggregate_shards *s);

#endif
