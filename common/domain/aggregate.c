#define _GNU_SOURCE	/* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "hmap.h"
#include "intern.h"
#include "num.h"
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
	uint32_t *order;	/* the cells in key order, once sorted */
	/* (cell, user) pairs already counted, for distinct listeners. */
	struct hmap *listeners;
	int listeners_by_pair;	/* or the caller says which are new */
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
	u->cells_by_key = hmap_new_map();
	if (u->count_users && !sum_users)
		u->listeners = hmap_new_set();
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
	hmap_free(u->listeners);
	free(u->cells);
	free(u->order);
	free(u);
}

int
aggregate_count_listeners_by_pair(struct aggregate *u)
{
	/* Keyed by month and track, (cell, user) is (month, user, track). */
	if (!u->count_users || u->sum_users || u->keys != (1u << AGGREGATE_MONTH | 1u << AGGREGATE_TRACK))
		return 0;
	u->listeners_by_pair = 1;
	hmap_free(u->listeners);
	u->listeners = NULL;
	return 1;
}

uint32_t
aggregate_id(struct aggregate *u, enum aggregate_dim dim, const char *s, size_t n)
{
	return intern_add(u->names[dim], s, n);
}

int
aggregate_add(struct aggregate *u, int month, uint32_t structure, uint32_t user, uint32_t track,
    int64_t plays, int64_t listens, int64_t ms, int64_t users, const char **column)
{
	unsigned k = u->keys;
	/* Ids are stored plus one so that a dimension left out packs as 0. */
	uint64_t a = ((uint64_t)(k & 1u << AGGREGATE_MONTH ? (uint32_t)month + 1 : 0) << 32) |
	    (k & 1u << AGGREGATE_STRUCTURE ? structure + 1 : 0);
	uint64_t b = ((uint64_t)(k & 1u << AGGREGATE_USER ? user + 1 : 0) << 32) |
	    (k & 1u << AGGREGATE_TRACK ? track + 1 : 0);
	int added;
	uint32_t i = hmap_index(u->cells_by_key, a, b, &added);
	struct cell *c, sum;

	*column = NULL;
	if (i == HMAP_FULL)
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
	/* Every sum is checked before any is stored: all or nothing. */
	sum = *c;
	if (num_add(&sum.plays, plays) != 0)
		*column = "plays";
	else if (num_add(&sum.listens, listens) != 0)
		*column = "listens";
	else if (num_add(&sum.ms, ms) != 0)
		*column = "ms";
	else if (u->count_users && u->sum_users && num_add(&sum.users, users) != 0)
		*column = "users";
	if (*column)
		return -1;
	if (u->count_users && !u->sum_users)
		sum.users += u->listeners_by_pair ? (users != 0) : hmap_add(u->listeners, (uint64_t)i + 1, user);
	*c = sum;
	return 0;
}

uint32_t
aggregate_rows(const struct aggregate *u)
{
	return u->ncells;
}

/* Sorting by key columns in byte order: months by index, names by rank. */
struct sort_context {
	const struct aggregate *u;
	uint32_t *rank[AGGREGATE_NDIMS];
};

static int
by_keys(const void *x, const void *y, void *ctx)
{
	const struct sort_context *sc = ctx;
	const struct cell *a = &sc->u->cells[*(const uint32_t *)x];
	const struct cell *b = &sc->u->cells[*(const uint32_t *)y];
	unsigned k = sc->u->keys;
	uint32_t ka[AGGREGATE_NDIMS] = { 0, a->structure, a->user, a->track };
	uint32_t kb[AGGREGATE_NDIMS] = { 0, b->structure, b->user, b->track };

	if ((k & 1u << AGGREGATE_MONTH) && a->month != b->month)
		return a->month < b->month ? -1 : 1;
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		if ((k & 1u << d) && ka[d] != kb[d])
			return sc->rank[d][ka[d]] < sc->rank[d][kb[d]] ? -1 : 1;
	return 0;
}

void
aggregate_sort(struct aggregate *u)
{
	struct sort_context sc = { .u = u };

	free(u->order);
	u->order = err_malloc((u->ncells + 1) * sizeof *u->order);
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		sc.rank[d] = u->keys & 1u << d ? intern_ranks(u->names[d]) : NULL;
	for (uint32_t i = 0; i < u->ncells; i++)
		u->order[i] = i;
	qsort_r(u->order, u->ncells, sizeof *u->order, by_keys, &sc);
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		free(sc.rank[d]);
}

static uint32_t
cell_id(const struct cell *c, int d)
{
	return d == AGGREGATE_STRUCTURE ? c->structure : d == AGGREGATE_USER ? c->user : c->track;
}

/* Cells of two aggregates with the same keys, in byte order of their keys. */
static int
cell_cmp(const struct aggregate *u, const struct cell *a, const struct aggregate *v,
    const struct cell *b)
{
	if ((u->keys & 1u << AGGREGATE_MONTH) && a->month != b->month)
		return a->month < b->month ? -1 : 1;
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++) {
		if (!(u->keys & 1u << d))
			continue;
		uint32_t x = cell_id(a, d), y = cell_id(b, d);
		size_t lx = intern_len(u->names[d], x), ly = intern_len(v->names[d], y);
		int c = memcmp(intern_str(u->names[d], x), intern_str(v->names[d], y), lx < ly ? lx : ly);

		if (c != 0 || lx != ly)
			return c ? c : lx < ly ? -1 : 1;
	}
	return 0;
}

void
aggregate_write(struct aggregate *u, struct table_writer *w)
{
	aggregate_write_all(&u, 1, w);
}

void
aggregate_write_all(struct aggregate **all, int n, struct table_writer *w)
{
	const struct aggregate *u = all[0];
	uint32_t *next = err_calloc((size_t)n, sizeof *next);
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

	for (int k = 0; k < n; k++)
		if (all[k]->order == NULL)
			aggregate_sort(all[k]);
	for (;;) {
		int k = -1;
		const struct cell *c = NULL;

		/* The least of the next cells of each aggregate. */
		for (int j = 0; j < n; j++) {
			const struct cell *cj;

			if (next[j] == all[j]->ncells)
				continue;
			cj = &all[j]->cells[all[j]->order[next[j]]];
			if (k < 0 || cell_cmp(all[j], cj, all[k], c) < 0) {
				k = j;
				c = cj;
			}
		}
		if (k < 0)
			break;
		next[k]++;
		u = all[k];
		if (u->keys & 1u << AGGREGATE_MONTH)
			table_put(w, date_format_month(c->month / 12, c->month % 12 + 1, month));
		for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
			if (u->keys & 1u << d)
				table_putn(w, intern_str(u->names[d], cell_id(c, d)),
				    intern_len(u->names[d], cell_id(c, d)));
		table_put_int(w, c->plays);
		table_put_int(w, c->listens);
		table_put_int(w, c->ms);
		if (u->count_users)
			table_put_int(w, c->users);
		table_end_row(w);
	}
	free(next);
}

int
aggregate_columns(const struct table *t, struct aggregate_columns *c)
{
	c->keys = 0;
	for (int d = 0; d < AGGREGATE_NDIMS; d++)
		if ((c->key[d] = table_col(t, aggregate_dim_names[d])) >= 0)
			c->keys |= 1u << d;
	c->plays = table_col(t, "plays");
	c->listens = table_col(t, "listens");
	c->ms = table_col(t, "ms");
	c->users = table_col(t, "users");
	c->has_users = c->users >= 0;
	return c->keys == 0 || c->plays < 0 || c->listens < 0 || c->ms < 0 ? -1 : 0;
}

struct aggregate *
aggregate_new_merge(const struct aggregate_columns *c)
{
	return aggregate_new(c->keys, c->has_users, 1);
}

int
aggregate_same_columns(const struct aggregate_columns *a, const struct aggregate_columns *b)
{
	return a->keys == b->keys && a->has_users == b->has_users;
}

int
aggregate_add_row(struct aggregate *u, const struct table *t, const struct aggregate_columns *c,
    const char **field, char *why, size_t whylen)
{
	static const char *const names[4] = { "plays", "listens", "ms", "users" };
	int col[4] = { c->plays, c->listens, c->ms, c->users };
	int64_t v[4] = { 0, 0, 0, 0 };
	uint32_t id[AGGREGATE_NDIMS] = { 0, 0, 0, 0 };
	int year = 0, month = 1, rc;

	if ((c->keys & 1u << AGGREGATE_MONTH) &&
	    date_parse_month(table_field(t, c->key[AGGREGATE_MONTH]), &year, &month) != 0) {
		*field = "month";
		snprintf(why, whylen, "not a month: \"%.64s\"", table_field(t, c->key[AGGREGATE_MONTH]));
		return AGGREGATE_ROW_BAD;
	}
	for (int k = 0; k < 4; k++) {
		if (col[k] < 0)
			continue;
		rc = num_parse_count(table_field(t, col[k]), table_fieldlen(t, col[k]), &v[k]);
		if (rc != NUM_OK) {
			*field = names[k];
			snprintf(why, whylen, "%s: \"%.64s\"", num_strerror(rc), table_field(t, col[k]));
			return AGGREGATE_ROW_BAD;
		}
	}
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		if (c->keys & 1u << d)
			id[d] = aggregate_id(u, (enum aggregate_dim)d, table_field(t, c->key[d]),
			    table_fieldlen(t, c->key[d]));
	if (aggregate_add(u, date_month_index(year, month), id[AGGREGATE_STRUCTURE], id[AGGREGATE_USER],
	    id[AGGREGATE_TRACK], v[0], v[1], v[2], v[3], field) != 0)
		return AGGREGATE_ROW_OVERFLOW;
	return AGGREGATE_ROW_OK;
}

struct aggregate_shards {
	struct intern *seen, *mine;	/* "month user" of earlier shards, of this one */
	const char **file;		/* by id in seen: the shard it came from */
	uint32_t nfile;
};

struct aggregate_shards *
aggregate_shards_new(void)
{
	struct aggregate_shards *s = err_calloc(1, sizeof *s);

	s->seen = intern_new();
	s->mine = intern_new();
	return s;
}

const char *
aggregate_shards_check(struct aggregate_shards *s, const char *month, const char *user)
{
	size_t n = strlen(month) + strlen(user) + 2;
	char *key = err_malloc(n);
	uint32_t id;

	snprintf(key, n, "%s %s", month, user);
	id = intern_find(s->seen, key, n - 1);
	if (id == INTERN_NONE)
		intern_add(s->mine, key, n - 1);
	free(key);
	return id == INTERN_NONE ? NULL : s->file[id];
}

void
aggregate_shards_next(struct aggregate_shards *s, const char *file)
{
	for (uint32_t i = 0; i < intern_count(s->mine); i++) {
		uint32_t id = intern_add(s->seen, intern_str(s->mine, i), intern_len(s->mine, i));

		if (id >= s->nfile) {
			s->file = err_realloc(s->file, (id + 1) * sizeof *s->file);
			s->nfile = id + 1;
		}
		s->file[id] = file;
	}
	intern_free(s->mine);
	s->mine = intern_new();
}

void
aggregate_shards_free(struct aggregate_shards *s)
{
	if (s == NULL)
		return;
	intern_free(s->seen);
	intern_free(s->mine);
	free(s->file);
	free(s);
}
