#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "hmap.h"

/*
 * Slots are byte arrays so that a set's stay 12 bytes: the word a, the
 * word b (4 bytes in a set, 8 in a map), then in a map the index.
 */
struct hmap {
	unsigned char *slots;
	size_t mask, count;
	size_t width;		/* bytes a slot */
	size_t blen;		/* bytes of the word b: 4 or 8 */
	unsigned max_load;	/* in eighths of the slots */
};

static struct hmap *
hmap_new(size_t blen, size_t width, unsigned max_load)
{
	struct hmap *m = err_calloc(1, sizeof *m);

	m->blen = blen;
	m->width = width;
	m->max_load = max_load;
	m->mask = 1023;
	m->slots = err_calloc(m->mask + 1, width);
	return m;
}

/* Sets grow at 7/8 full, their slots being small; maps at 3/4. */
struct hmap *
hmap_new_set(void)
{
	return hmap_new(4, 12, 7);
}

struct hmap *
hmap_new_map(void)
{
	return hmap_new(8, 20, 6);
}

void
hmap_free(struct hmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

static uint64_t
slot_a(const unsigned char *s)
{
	uint64_t a;

	memcpy(&a, s, 8);
	return a;
}

static uint64_t
slot_b(const struct hmap *m, const unsigned char *s)
{
	uint64_t b;
	uint32_t b32;

	if (m->blen == 8) {
		memcpy(&b, s + 8, 8);
		return b;
	}
	memcpy(&b32, s + 8, 4);
	return b32;
}

/* The slot holding key (a, b), or the empty slot where it would go. */
static unsigned char *
probe(const struct hmap *m, unsigned char *slots, size_t mask, uint64_t a, uint64_t b)
{
	for (size_t j = hash_mix(a, b) & mask;; j = (j + 1) & mask) {
		unsigned char *s = slots + j * m->width;
		uint64_t sa = slot_a(s), sb = slot_b(m, s);

		if ((sa == a && sb == b) || (sa == 0 && sb == 0))
			return s;
	}
}

static void
grow(struct hmap *m)
{
	size_t mask = m->mask * 2 + 1;
	unsigned char *slots = err_calloc(mask + 1, m->width);

	for (size_t i = 0; i <= m->mask; i++) {
		unsigned char *s = m->slots + i * m->width;
		uint64_t a = slot_a(s), b = slot_b(m, s);

		if (a != 0 || b != 0)
			memcpy(probe(m, slots, mask, a, b), s, m->width);
	}
	free(m->slots);
	m->slots = slots;
	m->mask = mask;
}

/* Add key (a, b) to the table: its index (count - 1 when new), *added. */
static size_t
put(struct hmap *m, uint64_t a, uint64_t b, int *added)
{
	unsigned char *s = probe(m, m->slots, m->mask, a, b);
	uint32_t index;

	*added = 0;
	if (a == 0 && b == 0)
		return HMAP_FULL;
	if (slot_a(s) != 0 || slot_b(m, s) != 0) {
		if (m->width == 12)
			return 0;
		memcpy(&index, s + 16, 4);
		return index;
	}
	if (m->width == 20) {
		if (m->count >= HMAP_FULL)
			return HMAP_FULL;
		index = (uint32_t)m->count;
		memcpy(s + 16, &index, 4);
	}
	memcpy(s, &a, 8);
	if (m->blen == 8) {
		memcpy(s + 8, &b, 8);
	} else {
		uint32_t b32 = (uint32_t)b;

		memcpy(s + 8, &b32, 4);
	}
	*added = 1;
	if (++m->count * 8 > (m->mask + 1) * m->max_load)
		grow(m);
	return m->count - 1;
}

int
hmap_add(struct hmap *m, uint64_t a, uint64_t b)
{
	int added;

	if (put(m, a, b, &added) == HMAP_FULL && (m->width == 20 || (a == 0 && b == 0)))
		return -1;
	return added;
}

uint32_t
hmap_index(struct hmap *m, uint64_t a, uint64_t b, int *added)
{
	return (uint32_t)put(m, a, b, added);
}

size_t
hmap_count(const struct hmap *m)
{
	return m->count;
}
