/*
 * capsule_stats.h - what capsules are listened to: per capsule
 * (structure empty) and per capsule and structure, the plays, qualified
 * listens, distinct listeners and distinct titles of the raw listens
 * whose source is capsule:ID.
 */
#ifndef CAPSULE_STATS_H
#define CAPSULE_STATS_H

#include <stdint.h>

#include "capsule.h"
#include "listen.h"
#include "table.h"

#define CAPSULE_STATS_COLUMNS "capsule,structure,plays,listens,users,titles"

struct capsule_stats;

/*
 * Counts for the capsules of set, which must outlive them; every capsule
 * has its total row, listened to or not.  A listen qualifies from min_ms
 * milliseconds played.
 */
struct capsule_stats *capsule_stats_new(struct capsule_set *set, int64_t min_ms);
/* Count one listen: 1 when its source is a capsule of the set, 0 when not. */
int capsule_stats_add(struct capsule_stats *s, const struct listen *l);
/* Write the header and a row per capsule, then per structure, sorted by bytes. */
void capsule_stats_write(const struct capsule_stats *s, struct table_writer *w);
void capsule_stats_free(struct capsule_stats *s);

#endif
