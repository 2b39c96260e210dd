/*
 * capsule_stats.c - capsule listens counted per capsule and structure.
 */
#include <stdlib.h>
#include <string.h>

#include "capsule_stats.h"
#include "err.h"
#include "hmap.h"
#include "intern.h"

struct tally {
	int64_t plays, listens, users, titles;
};

struct capsule_stats {
	struct capsule_set *set;
	/* Cells keyed "ID\0STRUCTURE", so that byte order sorts a capsule's total first. */
	struct intern *cells, *names;
	/* (cell, user) and (cell, track) already counted. */
	struct hmap *seen;
	struct tally *tally;
	size_t cap;
	/* Capsule ids held by no file, with their plays. */
	struct intern *unknown;
	int64_t *unknown_plays;
	size_t unknown_cap;
	struct capsule_unknown *unknown_list;
};

/* The tally of (capsule, structure), made when new. */
static struct tally *
cell(struct capsule_stats *s, const char *id, const char *structure, uint32_t *index)
{
	size_t idlen = strlen(id), n = idlen + 1 + strlen(structure);
	char *key = err_malloc(n + 1);

	memcpy(key, id, idlen + 1);
	memcpy(key + idlen + 1, structure, strlen(structure));
	*index = intern_add(s->cells, key, n);
	free(key);
	if (*index >= s->cap) {
		size_t old = s->cap;

		s->cap = s->cap ? s->cap * 2 : 64;
		s->tally = err_realloc(s->tally, s->cap * sizeof *s->tally);
		memset(s->tally + old, 0, (s->cap - old) * sizeof *s->tally);
	}
	return &s->tally[*index];
}

struct capsule_stats *
capsule_stats_new(struct capsule_set *set)
{
	struct capsule_stats *s = err_calloc(1, sizeof *s);
	uint32_t index;

	s->set = set;
	s->unknown = intern_new();
	s->cells = intern_new();
	s->names = intern_new();
	s->seen = hmap_new_set();
	for (size_t i = 0; i < set->n; i++)
		cell(s, set->c[i].id, "", &index);
	return s;
}

/* One more play of a capsule id that no file holds. */
static void
add_unknown(struct capsule_stats *s, const char *id, size_t len)
{
	uint32_t i = intern_add(s->unknown, id, len);

	if (i >= s->unknown_cap) {
		size_t old = s->unknown_cap;

		s->unknown_cap = s->unknown_cap ? s->unknown_cap * 2 : 16;
		s->unknown_plays = err_realloc(s->unknown_plays, s->unknown_cap * sizeof *s->unknown_plays);
		memset(s->unknown_plays + old, 0, (s->unknown_cap - old) * sizeof *s->unknown_plays);
	}
	s->unknown_plays[i]++;
}

int
capsule_stats_add(struct capsule_stats *s, const struct listen *l, int qualified)
{
	uint32_t user, track;

	if (l->source_len < 8 || strncmp(l->source, "capsule:", 8) != 0)
		return 0;
	if (capsule_find(s->set, l->source + 8) == NULL) {
		add_unknown(s, l->source + 8, l->source_len - 8);
		return -1;
	}
	user = intern_add(s->names, l->user, l->user_len);
	track = intern_add(s->names, l->track, l->track_len);
	/* The capsule's total and its structure's row. */
	for (int pass = 0; pass < 2; pass++) {
		uint32_t i;
		struct tally *t = cell(s, l->source + 8, pass ? l->structure : "", &i);

		t->plays++;
		t->listens += qualified != 0;
		t->users += hmap_add(s->seen, (uint64_t)(i + 1) << 1, user);
		t->titles += hmap_add(s->seen, (uint64_t)(i + 1) << 1 | 1, track);
	}
	return 1;
}

void
capsule_stats_write(const struct capsule_stats *s, struct table_writer *w)
{
	uint32_t n = intern_count(s->cells), *rank = intern_ranks(s->cells);
	uint32_t *order = err_calloc(n + 1, sizeof *order);

	for (uint32_t i = 0; i < n; i++)
		order[rank[i]] = i;
	table_put_header(w, CAPSULE_STATS_COLUMNS);
	for (uint32_t i = 0; i < n; i++) {
		const char *k = intern_str(s->cells, order[i]);
		const struct tally *t = &s->tally[order[i]];

		table_put(w, k);
		table_put(w, k + strlen(k) + 1);
		table_put_int(w, t->plays);
		table_put_int(w, t->listens);
		table_put_int(w, t->users);
		table_put_int(w, t->titles);
		table_end_row(w);
	}
	free(order);
	free(rank);
}

const struct capsule_unknown *
capsule_stats_unknown(struct capsule_stats *s, size_t *n)
{
	uint32_t count = intern_count(s->unknown), *rank = intern_ranks(s->unknown);

	free(s->unknown_list);
	s->unknown_list = err_calloc(count + 1, sizeof *s->unknown_list);
	for (uint32_t i = 0; i < count; i++) {
		s->unknown_list[rank[i]].id = intern_str(s->unknown, i);
		s->unknown_list[rank[i]].plays = s->unknown_plays[i];
	}
	free(rank);
	*n = count;
	return s->unknown_list;
}

void
capsule_stats_free(struct capsule_stats *s)
{
	if (s == NULL)
		return;
	free(s->unknown_list);
	free(s->unknown_plays);
	intern_free(s->unknown);
	free(s->tally);
	hmap_free(s->seen);
	intern_free(s->cells);
	intern_free(s->names);
	free(s);
}
