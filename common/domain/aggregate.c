#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "hmap.h"
#include "hset.h"
#include "intern.h"
#include "aggregate.h"

const char *const aggregate_dim_names[AGGREGATE_NDIMS] = { "month", "structure", "user", "track" };

struct cell {
	int month;
	uint32_t structure, user, track;
	int64_t plays, listens, ms, users;
};

struct aggregate {
	unsigned keys;
	int count_users, sum_users;
	struct intern *names[AGGREGATE_NDIMS];	/* month is not interned */
	struct hmap *cells_by_key;
	struct cell *cells;
	uint32_t ncells, cap;
	/* (cell, user) pairs already counted, for distinct listeners. */
	struct hset *listeners;
};

int
aggregate_parse_keys(const char *list, unsigned *keys)
{
	const char *p = list;

	*keys = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		int found = -1;

		for (int d = 0; d < AGGREGATE_NDIMS; d++)
			if (strlen(aggregate_dim_names[d]) == n && strncmp(p, aggregate_dim_names[d], n) == 0)
				found = d;
		if (found < 0 || (*keys & (1u << found)))
			return -1;
		*keys |= 1u << found;
		p += n;
		if (*p == ',')
			p++;
	}
	return *keys ? 0 : -1;
}

struct aggregate *
aggregate_new(unsigned keys, int count_users, int sum_users)
{
	struct aggregate *u = err_calloc(1, sizeof *u);

	u->keys = keys;
	u->count_users = count_users && !(keys & (1u << AGGREGATE_USER));
	u->sum_users = sum_users;
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		u->names[d] = intern_new();
	u->cells_by_key = hmap_new();
	if (u->count_users && !sum_users)
		u->listeners = hset_new();
	return u;
}

void
aggregate_free(struct aggregate *u)
{
	if (u == NULL)
		return;
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		intern_free(u->names[d]);
	hmap_free(u->cells_by_key);
	hset_free(u->listeners);
	free(u->cells);
	free(u);
}

uint32_t
aggregate_id(struct aggregate *u, enum aggregate_dim dim, const char *s, size_t n)
{
	return intern_add(u->names[dim], s, n);
}

static int
add64(int64_t *to, int64_t v)
{
	return __builtin_add_overflow(*to, v, to) ? -1 : 0;
}

int
aggregate_add(struct aggregate *u, int month, uint32_t structure, uint32_t user, uint32_t track,
    int64_t plays, int64_t listens, int64_t ms, int64_t users)
{
	unsigned k = u->keys;
	/* Ids are stored plus one so that a dimension left out packs as 0. */
	uint64_t a = ((uint64_t)(k & 1u << AGGREGATE_MONTH ? (uint32_t)month + 1 : 0) << 32) |
	    (k & 1u << AGGREGATE_STRUCTURE ? structure + 1 : 0);
	uint64_t b = ((uint64_t)(k & 1u << AGGREGATE_USER ? user + 1 : 0) << 32) |
	    (k & 1u << AGGREGATE_TRACK ? track + 1 : 0);
	int added;
	uint32_t i = hmap_put(u->cells_by_key, a, b, &added);
	struct cell *c;

	if (i == UINT32_MAX)
		return -1;
	if (added) {
		if (u->ncells == u->cap) {
			u->cap = u->cap ? u->cap * 2 : 1024;
			u->cells = err_realloc(u->cells, u->cap * sizeof *u->cells);
		}
		c = &u->cells[u->ncells++];
		memset(c, 0, sizeof *c);
		c->month = month;
		c->structure = structure;
		c->user = user;
		c->track = track;
	}
	c = &u->cells[i];
	if (add64(&c->plays, plays) || add64(&c->listens, listens) || add64(&c->ms, ms))
		return -1;
	if (u->count_users) {
		if (u->sum_users)
			return add64(&c->users, users);
		c->users += hset_add(u->listeners, (uint64_t)i + 1, user);
	}
	return 0;
}

uint32_t
aggregate_rows(const struct aggregate *u)
{
	return u->ncells;
}

/* Sorting by key columns in byte order: months by index, names by rank. */
static const struct aggregate *sort_usage;
static uint32_t *sort_rank[AGGREGATE_NDIMS];

static int
by_keys(const void *x, const void *y)
{
	const struct cell *a = &sort_usage->cells[*(const uint32_t *)x];
	const struct cell *b = &sort_usage->cells[*(const uint32_t *)y];
	unsigned k = sort_usage->keys;

	if ((k & 1u << AGGREGATE_MONTH) && a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if ((k & 1u << AGGREGATE_STRUCTURE) && a->structure != b->structure)
		return sort_rank[AGGREGATE_STRUCTURE][a->structure] < sort_rank[AGGREGATE_STRUCTURE][b->structure] ? -1 : 1;
	if ((k & 1u << AGGREGATE_USER) && a->user != b->user)
		return sort_rank[AGGREGATE_USER][a->user] < sort_rank[AGGREGATE_USER][b->user] ? -1 : 1;
	if ((k & 1u << AGGREGATE_TRACK) && a->track != b->track)
		return sort_rank[AGGREGATE_TRACK][a->track] < sort_rank[AGGREGATE_TRACK][b->track] ? -1 : 1;
	return 0;
}

void
aggregate_write(struct aggregate *u, struct table_writer *w)
{
	uint32_t *order = err_malloc((u->ncells + 1) * sizeof *order);
	char month[8];

	for (int d = 0; d < AGGREGATE_NDIMS; d++)
		if (u->keys & 1u << d)
			table_put(w, aggregate_dim_names[d]);
	table_put(w, "plays");
	table_put(w, "listens");
	table_put(w, "ms");
	if (u->count_users)
		table_put(w, "users");
	table_end_row(w);

	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		sort_rank[d] = u->keys & 1u << d ? intern_ranks(u->names[d]) : NULL;
	for (uint32_t i = 0; i < u->ncells; i++)
		order[i] = i;
	sort_usage = u;
	qsort(order, u->ncells, sizeof *order, by_keys);

	for (uint32_t i = 0; i < u->ncells; i++) {
		const struct cell *c = &u->cells[order[i]];

		if (u->keys & 1u << AGGREGATE_MONTH)
			table_put(w, date_format_month(c->month / 12, c->month % 12 + 1, month));
		if (u->keys & 1u << AGGREGATE_STRUCTURE)
			table_putn(w, intern_str(u->names[AGGREGATE_STRUCTURE], c->structure),
			    intern_len(u->names[AGGREGATE_STRUCTURE], c->structure));
		if (u->keys & 1u << AGGREGATE_USER)
			table_putn(w, intern_str(u->names[AGGREGATE_USER], c->user),
			    intern_len(u->names[AGGREGATE_USER], c->user));
		if (u->keys & 1u << AGGREGATE_TRACK)
			table_putn(w, intern_str(u->names[AGGREGATE_TRACK], c->track),
			    intern_len(u->names[AGGREGATE_TRACK], c->track));
		table_put_int(w, c->plays);
		table_put_int(w, c->listens);
		table_put_int(w, c->ms);
		if (u->count_users)
			table_put_int(w, c->users);
		table_end_row(w);
	}
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		free(sort_rank[d]);
	free(order);
}
