#include <stdlib.h>

#include "err.h"
#include "hash.h"
#include "hmap.h"

struct slot {
	uint64_t a, b;
	uint32_t index1;	/* index + 1; 0 marks an empty slot */
};

struct hmap {
	struct slot *slots;
	size_t mask;
	uint32_t count;
};


struct hmap *
hmap_new(void)
{
	struct hmap *m = err_calloc(1, sizeof *m);

	m->mask = 1023;
	m->slots = err_calloc(m->mask + 1, sizeof *m->slots);
	return m;
}

void
hmap_free(struct hmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m);
}

static void
grow(struct hmap *m)
{
	size_t mask = m->mask * 2 + 1;
	struct slot *slots = err_calloc(mask + 1, sizeof *slots);

	for (size_t i = 0; i <= m->mask; i++) {
		size_t j;

		if (m->slots[i].index1 == 0)
			continue;
		for (j = hash_mix(m->slots[i].a, m->slots[i].b) & mask; slots[j].index1; j = (j + 1) & mask)
			;
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->mask = mask;
}

uint32_t
hmap_put(struct hmap *m, uint64_t a, uint64_t b, int *added)
{
	size_t j;

	*added = 0;
	for (j = hash_mix(a, b) & m->mask; m->slots[j].index1; j = (j + 1) & m->mask)
		if (m->slots[j].a == a && m->slots[j].b == b)
			return m->slots[j].index1 - 1;
	if (m->count == UINT32_MAX - 1)
		return UINT32_MAX;
	m->slots[j].a = a;
	m->slots[j].b = b;
	m->slots[j].index1 = ++m->count;
	*added = 1;
	/* Keep the load under 3/4 so probes stay short. */
	if ((size_t)m->count * 4 > (m->mask + 1) * 3)
		grow(m);
	return m->count - 1;
}

uint32_t
hmap_get(const struct hmap *m, uint64_t a, uint64_t b)
{
	for (size_t j = hash_mix(a, b) & m->mask; m->slots[j].index1; j = (j + 1) & m->mask)
		if (m->slots[j].a == a && m->slots[j].b == b)
			return m->slots[j].index1 - 1;
	return UINT32_MAX;
}

uint32_t
hmap_count(const struct hmap *m)
{
	return m->count;
}

size_t
hmap_bytes(const struct hmap *m)
{
	return (m->mask + 1) * sizeof *m->slots;
}
