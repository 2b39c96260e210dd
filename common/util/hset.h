/*
 * hset.h - an open-addressing set of 96-bit keys (a 64-bit word and a
 * 32-bit word), 12 bytes a slot.
 *
 * It remembers exact keys, not fingerprints, so a membership answer is
 * never wrong; a key whose 64-bit word is 0 cannot be stored (callers
 * pack ids plus one).
 */
#ifndef HSET_H
#define HSET_H

#include <stddef.h>
#include <stdint.h>

struct hset;

struct hset *hset_new(void);
void hset_free(struct hset *s);
/* Add (a, b): 1 if it was new, 0 if it was there already. */
int hset_add(struct hset *s, uint64_t a, uint32_t b);
size_t hset_count(const struct hset *s);

#endif
