/*
 * hmap.h - an open-addressing hash map from 128-bit keys to dense indexes.
 *
 * Keys are two 64-bit words that callers pack from interned ids, so the
 * comparison is exact (no fingerprint collisions) and an entry costs 24
 * bytes.  Each new key gets the next index 0, 1, 2, ...; callers keep the
 * values in their own arrays indexed by it.
 */
#ifndef HMAP_H
#define HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap;

struct hmap *hmap_new(void);
void hmap_free(struct hmap *m);
/*
 * The index of key (a, b), adding it if new (*added is then set to 1);
 * UINT32_MAX when the map already holds 4 billion keys.
 */
uint32_t hmap_put(struct hmap *m, uint64_t a, uint64_t b, int *added);
/* The index of key (a, b), or UINT32_MAX. */
uint32_t hmap_get(const struct hmap *m, uint64_t a, uint64_t b);
uint32_t hmap_count(const struct hmap *m);
/* Memory held by the table, in bytes. */
size_t hmap_bytes(const struct hmap *m);

#endif
