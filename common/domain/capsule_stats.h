/*
 * capsule_stats.h - what capsules are listened to: per capsule
 * (structure empty) and per capsule and structure, the plays, qualified
 * listens, distinct listeners and distinct titles of the raw listens
 * whose source is capsule:ID.  Which listens are kept and which qualify
 * is decided before (by intake, as 1d-listens decides); the ids of
 * capsules that the set does not hold are tallied apart.
 */
#ifndef CAPSULE_STATS_H
#define CAPSULE_STATS_H

#include <stdint.h>

#include "capsule.h"
#include "listen.h"
#include "table.h"

#define CAPSULE_STATS_COLUMNS "capsule,structure,plays,listens,users,titles"

struct capsule_stats;

/* A capsule id named by listens but held by no capsule file. */
struct capsule_unknown {
	const char *id;
	int64_t plays;
};

/*
 * Counts for the capsules of set, which must outlive them; every capsule
 * has its total row, listened to or not.
 */
struct capsule_stats *capsule_stats_new(struct capsule_set *set);
/*
 * Count one kept listen, qualified or not: 1 when its source is a
 * capsule of the set, 0 when its source is no capsule, -1 when it names
 * a capsule the set does not hold (tallied for capsule_stats_unknown).
 */
int capsule_stats_add(struct capsule_stats *s, const struct listen *l, int qualified);
/* The unknown capsule ids in byte order, *n of them; valid until the next add. */
const struct capsule_unknown *capsule_stats_unknown(struct capsule_stats *s, size_t *n);
/* Write the header and a row per capsule, then per structure, sorted by bytes. */
void capsule_stats_write(const struct capsule_stats *s, struct table_writer *w);
void capsule_stats_free(struct capsule_stats *s);

#endif
