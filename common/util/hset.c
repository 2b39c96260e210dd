#include <stdlib.h>

#include "err.h"
#include "hash.h"
#include "hset.h"

struct slot {
	uint64_t a;		/* 0: empty */
	uint32_t b;
} __attribute__((packed));

struct hset {
	struct slot *slots;
	size_t mask, count;
};


struct hset *
hset_new(void)
{
	struct hset *s = err_calloc(1, sizeof *s);

	s->mask = 1023;
	s->slots = err_calloc(s->mask + 1, sizeof *s->slots);
	return s;
}

void
hset_free(struct hset *s)
{
	if (s == NULL)
		return;
	free(s->slots);
	free(s);
}

static void
grow(struct hset *s)
{
	size_t mask = s->mask * 2 + 1;
	struct slot *slots = err_calloc(mask + 1, sizeof *slots);

	for (size_t i = 0; i <= s->mask; i++) {
		size_t j;

		if (s->slots[i].a == 0)
			continue;
		for (j = hash_mix(s->slots[i].a, s->slots[i].b) & mask; slots[j].a; j = (j + 1) & mask)
			;
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->mask = mask;
}

int
hset_add(struct hset *s, uint64_t a, uint32_t b)
{
	size_t j;

	for (j = hash_mix(a, b) & s->mask; s->slots[j].a; j = (j + 1) & s->mask)
		if (s->slots[j].a == a && s->slots[j].b == b)
			return 0;
	s->slots[j].a = a;
	s->slots[j].b = b;
	/* Grow at 7/8 full: slots are small and linear probes stay cheap. */
	if (++s->count * 8 > (s->mask + 1) * 7)
		grow(s);
	return 1;
}

size_t
hset_count(const struct hset *s)
{
	return s->count;
}
