/*
 * pool.h - the intake of listens (intake.h) spread over threads.
 *
 * The caller reads and checks rows in order, on its own thread, and hands
 * each listen to pool_add.  Listens are partitioned by a field that every
 * exact key contains: the track when it is a key of the usage, else the
 * user when it is one (a duplicate, the daily cap and distinct listeners
 * all key on both user and track, and a usage row then lives on one
 * thread); with neither, one thread does it all.  Each thread has its own
 * intake and usage, written as one at the end, sorted: the usage and
 * counts are the same bytes whatever the number of threads.
 *
 * A sum can only overflow once the milliseconds of all listens handed in
 * pass int64; from there on pool_add waits for each listen to be added,
 * so the overflow is reported on the same row as with one thread.
 */
#ifndef POOL_H
#define POOL_H

#include "aggregate.h"
#include "intake.h"
#include "listen.h"

struct pool;

/*
 * nthreads threads (1: none, the caller's thread adds every listen)
 * adding into usage with these keys (aggregate_new(keys, 1, 0)).
 */
struct pool *pool_new(const struct intake_rules *rules, unsigned keys, int nthreads);
/* As intake_add. */
int pool_add(struct pool *p, const struct listen *l, const char **column);
/*
 * Wait for every listen to be added (each thread then sorts its usage);
 * 0, or -1 with *column as for aggregate_add when a thread could not add
 * a listen.
 */
int pool_finish(struct pool *p, const char **column);
/* After pool_finish: the usage of all threads as one, its rows, the counts. */
void pool_write(struct pool *p, struct table_writer *w);
uint32_t pool_rows(const struct pool *p);
const struct intake_counts *pool_counts(const struct pool *p);
void pool_free(struct pool *p);

#endif
