/*
 * aggregate.h - listen aggregates (the usage stream): plays, qualified listens and time played per
 * month, structure, user and track, or per any coarser set of those keys
 * with the number of distinct listeners.
 *
 * Memory grows with the number of distinct keys, never with the number of
 * rows added.  Rows are written sorted by their key columns in byte order.
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

/* Dense ids for the strings of a dimension (structure, user, track). */
uint32_t aggregate_id(struct aggregate *u, enum aggregate_dim dim, const char *s, size_t n);

/*
 * Add to the aggregate of (month, structure, user, track); month is
 * date_month_index().  Ids of dimensions that are not keys are ignored,
 * but for the user when counting distinct listeners.  Returns 0, or -1
 * when a counter would overflow or there are too many keys.
 */
int aggregate_add(struct aggregate *u, int month, uint32_t structure, uint32_t user, uint32_t track,
    int64_t plays, int64_t listens, int64_t ms, int64_t users);

/* Write the header and every row, sorted. */
void aggregate_write(struct aggregate *u, struct table_writer *w);
uint32_t aggregate_rows(const struct aggregate *u);

#endif
