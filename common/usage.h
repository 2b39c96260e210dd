/*
 * usage.h - usage aggregates: plays, qualified listens and time played per
 * month, structure, user and track, or per any coarser set of those keys
 * with the number of distinct listeners.
 *
 * Memory grows with the number of distinct keys, never with the number of
 * rows added.  Rows are written sorted by their key columns in byte order.
 */
#ifndef USAGE_H
#define USAGE_H

#include <stdint.h>

#include "table.h"

enum usage_dim { USAGE_MONTH, USAGE_STRUCTURE, USAGE_USER, USAGE_TRACK, USAGE_NDIMS };

#define USAGE_ALL_KEYS 0xf	/* bit (1 << dim) for each key kept */

extern const char *const usage_dim_names[USAGE_NDIMS];

/* "month,track" -> bits; -1 for an unknown or repeated name. */
int usage_parse_keys(const char *list, unsigned *keys);

struct usage;

/*
 * keys: the key columns written.  count_users: add a `users` column of
 * distinct listeners (only when the user is not a key); users are then
 * counted from the user ids given to usage_add, or summed from its users
 * argument when sum_users is set (merging rollups of shards that are
 * disjoint in users).
 */
struct usage *usage_new(unsigned keys, int count_users, int sum_users);
void usage_free(struct usage *u);

/* Dense ids for the strings of a dimension (structure, user, track). */
uint32_t usage_id(struct usage *u, enum usage_dim dim, const char *s, size_t n);

/*
 * Add to the aggregate of (month, structure, user, track); month is
 * date_month_index().  Ids of dimensions that are not keys are ignored,
 * but for the user when counting distinct listeners.  Returns 0, or -1
 * when a counter would overflow or there are too many keys.
 */
int usage_add(struct usage *u, int month, uint32_t structure, uint32_t user, uint32_t track,
    int64_t plays, int64_t listens, int64_t ms, int64_t users);

/* Write the header and every row, sorted. */
void usage_write(struct usage *u, struct table_writer *w);
uint32_t usage_rows(const struct usage *u);

#endif
