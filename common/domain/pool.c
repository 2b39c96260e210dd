#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "num.h"
#include "pool.h"

/* Listens a batch holds, and batches queued per thread. */
#define BATCH 4096
#define QUEUE 4

struct item {
	int64_t ts_ms, ms_played;
	uint32_t user, structure, track;	/* offsets into the batch's bytes */
	uint32_t user_len, structure_len, track_len;
};

struct batch {
	struct item item[BATCH];
	size_t n;
	char *bytes;
	size_t len, cap;
};

struct worker {
	pthread_t thread;
	struct intake_rules rules;	/* with a zone of its own */
	struct intake *intake;
	struct aggregate *usage;
	struct batch queue[QUEUE];
	unsigned head, count;		/* batches queued, from head */
	int closed;			/* no more batches will come */
	int overflow;			/* intake_add said INTAKE_OVERFLOW */
	const char *column;
	pthread_mutex_t lock;
	pthread_cond_t more, less;
};

struct pool {
	struct intake_rules rules;
	unsigned keys;
	int nworkers;
	enum aggregate_dim by;		/* the field listens are partitioned by */
	struct worker *w;
	struct intake *intake;		/* one thread: the caller's */
	struct aggregate *usage;
	struct aggregate **all;		/* the threads' usage, after pool_finish */
	uint32_t rows;
	struct intake_counts n;
	int64_t ms;			/* milliseconds handed in so far */
	int exact;			/* ms passed int64: add one listen at a time */
};

static void *
work(void *arg)
{
	struct worker *w = arg;

	for (;;) {
		struct batch *b;

		pthread_mutex_lock(&w->lock);
		while (w->count == 0 && !w->closed)
			pthread_cond_wait(&w->more, &w->lock);
		if (w->count == 0) {
			pthread_mutex_unlock(&w->lock);
			aggregate_sort(w->usage);
			return NULL;
		}
		b = &w->queue[w->head];
		pthread_mutex_unlock(&w->lock);

		for (size_t i = 0; i < b->n && !w->overflow; i++) {
			const struct item *it = &b->item[i];
			struct listen l = {
				.ts_ms = it->ts_ms, .ms_played = it->ms_played,
				.user = b->bytes + it->user, .user_len = it->user_len,
				.structure = b->bytes + it->structure, .structure_len = it->structure_len,
				.track = b->bytes + it->track, .track_len = it->track_len,
			};

			if (intake_add(w->intake, &l, &w->column) == INTAKE_OVERFLOW)
				w->overflow = 1;
		}
		b->n = b->len = 0;

		pthread_mutex_lock(&w->lock);
		w->head = (w->head + 1) % QUEUE;
		w->count--;
		pthread_cond_signal(&w->less);
		pthread_mutex_unlock(&w->lock);
	}
}

struct pool *
pool_new(const struct intake_rules *rules, unsigned keys, int nthreads)
{
	struct pool *p = err_calloc(1, sizeof *p);

	p->rules = *rules;
	p->keys = keys;
	p->by = keys & 1u << AGGREGATE_TRACK ? AGGREGATE_TRACK : AGGREGATE_USER;
	if (nthreads < 2 || !(keys & (1u << AGGREGATE_TRACK | 1u << AGGREGATE_USER))) {
		p->usage = aggregate_new(keys, 1, 0);
		p->intake = intake_new(rules, p->usage);
		return p;
	}
	p->nworkers = nthreads;
	p->w = err_calloc((size_t)nthreads, sizeof *p->w);
	for (int i = 0; i < nthreads; i++) {
		struct worker *w = &p->w[i];

		w->rules = *rules;
		w->rules.zone = date_zone_copy(rules->zone);
		w->usage = aggregate_new(keys, 1, 0);
		w->intake = intake_new(&w->rules, w->usage);
		pthread_mutex_init(&w->lock, NULL);
		pthread_cond_init(&w->more, NULL);
		pthread_cond_init(&w->less, NULL);
		if (pthread_create(&w->thread, NULL, work, w) != 0)
			err_exit(ERR_EXIT_USAGE, "cannot start a thread");
	}
	return p;
}

/* The batch being filled: the one after the queued ones, once it is free. */
static struct batch *
filling(struct worker *w)
{
	struct batch *b;

	pthread_mutex_lock(&w->lock);
	while (w->count == QUEUE)
		pthread_cond_wait(&w->less, &w->lock);
	b = &w->queue[(w->head + w->count) % QUEUE];
	pthread_mutex_unlock(&w->lock);
	return b;
}

/* Queue the batch being filled; with wait, until the worker is done with all. */
static void
send(struct worker *w, int wait)
{
	pthread_mutex_lock(&w->lock);
	if (w->count < QUEUE && w->queue[(w->head + w->count) % QUEUE].n > 0) {
		w->count++;
		pthread_cond_signal(&w->more);
	}
	while (wait && w->count > 0)
		pthread_cond_wait(&w->less, &w->lock);
	pthread_mutex_unlock(&w->lock);
}

static uint32_t
keep(struct batch *b, const char *s, size_t n)
{
	uint32_t off = (uint32_t)b->len;

	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->bytes = err_realloc(b->bytes, b->cap);
	}
	memcpy(b->bytes + b->len, s, n);
	b->len += n;
	return off;
}

int
pool_add(struct pool *p, const struct listen *l, const char **column)
{
	const char *key = p->by == AGGREGATE_TRACK ? l->track : l->user;
	size_t keylen = p->by == AGGREGATE_TRACK ? l->track_len : l->user_len;
	struct worker *w;
	struct batch *b;
	struct item *it;

	if (p->intake)
		return intake_add(p->intake, l, column);
	/* No sum of a thread can pass int64 before the sum of all listens does. */
	if (!p->exact && num_add(&p->ms, l->ms_played) != 0)
		p->exact = 1;
	w = &p->w[hash_fnv1a(key, keylen) % (uint64_t)p->nworkers];
	b = filling(w);
	it = &b->item[b->n++];
	it->ts_ms = l->ts_ms;
	it->ms_played = l->ms_played;
	it->user = keep(b, l->user, l->user_len);
	it->user_len = (uint32_t)l->user_len;
	it->structure = keep(b, l->structure, l->structure_len);
	it->structure_len = (uint32_t)l->structure_len;
	it->track = keep(b, l->track, l->track_len);
	it->track_len = (uint32_t)l->track_len;
	if (b->n == BATCH || p->exact)
		send(w, p->exact);
	if (p->exact && w->overflow) {
		*column = w->column;
		return INTAKE_OVERFLOW;
	}
	return INTAKE_KEPT;
}

int
pool_finish(struct pool *p, const char **column)
{
	*column = NULL;
	if (p->intake) {
		p->n = *intake_counts(p->intake);
		return 0;
	}
	for (int i = 0; i < p->nworkers; i++) {
		struct worker *w = &p->w[i];

		send(w, 0);
		pthread_mutex_lock(&w->lock);
		w->closed = 1;
		pthread_cond_signal(&w->more);
		pthread_mutex_unlock(&w->lock);
	}
	p->all = err_calloc((size_t)p->nworkers, sizeof *p->all);
	for (int i = 0; i < p->nworkers; i++) {
		struct worker *w = &p->w[i];
		const struct intake_counts *c;

		pthread_join(w->thread, NULL);
		c = intake_counts(w->intake);
		p->n.kept += c->kept;
		p->n.duplicates += c->duplicates;
		p->n.other_months += c->other_months;
		p->n.qualified += c->qualified;
		p->n.capped += c->capped;
		p->rows += aggregate_rows(w->usage);
		p->all[i] = w->usage;
		/* What found duplicates is done with: its memory goes before the output's. */
		intake_free(w->intake);
		w->intake = NULL;
		if (w->overflow) {
			*column = w->column;
			return -1;
		}
	}
	return 0;
}

void
pool_write(struct pool *p, struct table_writer *w)
{
	if (p->intake)
		aggregate_write(p->usage, w);
	else
		aggregate_write_all(p->all, p->nworkers, w);
}

uint32_t
pool_rows(const struct pool *p)
{
	return p->intake ? aggregate_rows(p->usage) : p->rows;
}

const struct intake_counts *
pool_counts(const struct pool *p)
{
	return &p->n;
}

void
pool_free(struct pool *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->nworkers; i++) {
		struct worker *w = &p->w[i];

		intake_free(w->intake);
		aggregate_free(w->usage);
		for (int k = 0; k < QUEUE; k++)
			free(w->queue[k].bytes);
		date_zone_close(w->rules.zone);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->more);
		pthread_cond_destroy(&w->less);
	}
	free(p->w);
	free(p->all);
	intake_free(p->intake);
	aggregate_free(p->usage);
	free(p);
}
