#define _GNU_SOURCE	/* qsort_r */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "intern.h"

#define BLOCK (1 << 20)
#define INLINE 16

struct intern {
	/* Strings: pointers into blocks, with their lengths. */
	char **str;
	uint32_t *len;
	uint32_t n, cap;
	/*
	 * Open addressing on the hash.  A slot holds the hash, id + 1 (0
	 * marks it empty), the length and the string's first INLINE bytes,
	 * so that a lookup of a short string (most ids: ISRCs, user ids)
	 * touches one cache line and never the string's block.
	 */
	struct intern_slot {
		uint64_t hash;
		uint32_t id1, len;
		char head[INLINE];
	} *slot;
	size_t nslots;
	/* Blocks of string bytes. */
	char **blocks;
	size_t nblocks;
	size_t used;		/* bytes used in the last block */
	size_t block_size;	/* size of the last block */
};

struct intern *
intern_new(void)
{
	struct intern *in = err_calloc(1, sizeof *in);

	in->nslots = 1024;
	in->slot = err_calloc(in->nslots, sizeof *in->slot);
	return in;
}

void
intern_free(struct intern *in)
{
	if (in == NULL)
		return;
	for (size_t i = 0; i < in->nblocks; i++)
		free(in->blocks[i]);
	free(in->blocks);
	free(in->str);
	free(in->len);
	free(in->slot);
	free(in);
}

static char *
store(struct intern *in, const char *s, size_t n)
{
	char *p;

	if (in->nblocks == 0 || in->used + n + 1 > in->block_size) {
		in->block_size = n + 1 > BLOCK ? n + 1 : BLOCK;
		in->blocks = err_realloc(in->blocks, (in->nblocks + 1) * sizeof *in->blocks);
		in->blocks[in->nblocks++] = err_malloc(in->block_size);
		in->used = 0;
	}
	p = in->blocks[in->nblocks - 1] + in->used;
	memcpy(p, s, n);
	p[n] = '\0';
	in->used += n + 1;
	return p;
}

static void
grow(struct intern *in)
{
	size_t nslots = in->nslots * 2;
	struct intern_slot *slot = err_calloc(nslots, sizeof *slot);

	for (size_t i = 0; i < in->nslots; i++) {
		size_t j;

		if (in->slot[i].id1 == 0)
			continue;
		for (j = in->slot[i].hash & (nslots - 1); slot[j].id1; j = (j + 1) & (nslots - 1))
			;
		slot[j] = in->slot[i];
	}
	free(in->slot);
	in->slot = slot;
	in->nslots = nslots;
}

static size_t
lookup(const struct intern *in, const char *s, size_t n, uint64_t h)
{
	size_t j;

	for (j = h & (in->nslots - 1); in->slot[j].id1; j = (j + 1) & (in->nslots - 1)) {
		const struct intern_slot *sl = &in->slot[j];

		if (sl->hash != h || sl->len != n)
			continue;
		if (n <= INLINE ? memcmp(sl->head, s, n) == 0 :
		    memcmp(sl->head, s, INLINE) == 0 && memcmp(in->str[sl->id1 - 1] + INLINE, s + INLINE,
		    n - INLINE) == 0)
			break;
	}
	return j;
}

uint32_t
intern_add(struct intern *in, const char *s, size_t n)
{
	uint64_t h = hash_fnv1a(s, n);
	size_t j = lookup(in, s, n, h);

	if (in->slot[j].id1)
		return in->slot[j].id1 - 1;
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 1024;
		in->str = err_realloc(in->str, in->cap * sizeof *in->str);
		in->len = err_realloc(in->len, in->cap * sizeof *in->len);
	}
	in->str[in->n] = store(in, s, n);
	in->len[in->n] = (uint32_t)n;
	in->slot[j].hash = h;
	memcpy(in->slot[j].head, s, n < INLINE ? n : INLINE);
	in->slot[j].len = (uint32_t)n;
	in->slot[j].id1 = in->n + 1;
	in->n++;
	if ((size_t)in->n * 2 > in->nslots)
		grow(in);
	return in->n - 1;
}

uint32_t
intern_find(const struct intern *in, const char *s, size_t n)
{
	size_t j = lookup(in, s, n, hash_fnv1a(s, n));

	return in->slot[j].id1 ? in->slot[j].id1 - 1 : INTERN_NONE;
}

const char *
intern_str(const struct intern *in, uint32_t id)
{
	return in->str[id];
}

size_t
intern_len(const struct intern *in, uint32_t id)
{
	return in->len[id];
}

uint32_t
intern_count(const struct intern *in)
{
	return in->n;
}

static int
by_string(const void *a, const void *b, void *ctx)
{
	const struct intern *in = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	size_t lx = in->len[x], ly = in->len[y];
	int c = memcmp(in->str[x], in->str[y], lx < ly ? lx : ly);

	return c ? c : (lx > ly) - (lx < ly);
}

uint32_t *
intern_ranks(const struct intern *in)
{
	uint32_t *order = err_malloc((in->n + 1) * sizeof *order);
	uint32_t *rank = err_malloc((in->n + 1) * sizeof *rank);

	for (uint32_t i = 0; i < in->n; i++)
		order[i] = i;
	qsort_r(order, in->n, sizeof *order, by_string, (void *)in);
	for (uint32_t i = 0; i < in->n; i++)
		rank[order[i]] = i;
	free(order);
	return rank;
}
