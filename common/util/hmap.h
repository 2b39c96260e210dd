/*
 * hmap.h - one open-addressing hash table of exact keys, for two uses: a
 * set (is this key new?) and a map from keys to dense indexes 0, 1, 2, ...
 * whose values callers keep in their own arrays.
 *
 * A key is two words, a and b, that callers pack from interned ids, so
 * comparisons are exact: never a fingerprint collision.  A set keeps b to
 * 32 bits and costs 12 bytes a slot; a map keeps b to 64 bits and the
 * index, 20 bytes a slot.  The key (0, 0) marks an empty slot and cannot
 * be stored: callers pack ids plus one.
 */
#ifndef HMAP_H
#define HMAP_H

#include <stddef.h>
#include <stdint.h>

#define HMAP_FULL UINT32_MAX

struct hmap;

/* A set of keys (a, b) with b below 2^32. */
struct hmap *hmap_new_set(void);
/* A map from keys (a, b) to dense indexes. */
struct hmap *hmap_new_map(void);
void hmap_free(struct hmap *m);
/*
 * Add key (a, b): 1 if it was new, 0 if it was there already.  In a map a
 * new key gets the next index.  -1 for the key (0, 0), or when a map
 * already holds 2^32 - 1 keys.
 */
int hmap_add(struct hmap *m, uint64_t a, uint64_t b);
/*
 * In a map, the index of key (a, b), adding it if new (*added is then 1);
 * HMAP_FULL for the key (0, 0), or when the map already holds
 * 2^32 - 1 keys.
 */
uint32_t hmap_index(struct hmap *m, uint64_t a, uint64_t b, int *added);
size_t hmap_count(const struct hmap *m);

#endif
