/*
 * Unit tests for common/util/hmap.c and common/util/hash.c: a set and a
 * map keep exact keys through collisions and growth, and the digests are
 * the published ones.
 */
#include <stdint.h>
#include <string.h>

#include "hash.h"
#include "hmap.h"
#include "tap.h"

/* Keys whose first probe is the same slot of a fresh table (1024 slots). */
static int
colliding(uint64_t *a, uint64_t *b, int n)
{
	uint64_t slot = hash_mix(1, 1) & 1023;
	int k = 0;

	for (uint64_t i = 1; k < n && i < 10000000; i++)
		if ((hash_mix(i, 7) & 1023) == slot) {
			a[k] = i;
			b[k++] = 7;
		}
	return k;
}

static void
test_collisions(void)
{
	uint64_t a[8], b[8];
	struct hmap *s = hmap_new_set(), *m = hmap_new_map();
	int n = colliding(a, b, 8), set_new = 1, map_ok = 1, added;

	is_int(n, 8, "eight keys found that start on the same slot");
	for (int i = 0; i < n; i++) {
		set_new &= hmap_add(s, a[i], b[i]) == 1;
		map_ok &= hmap_index(m, a[i], b[i], &added) == (uint32_t)i && added;
	}
	ok(set_new, "colliding keys are all new to a set");
	ok(map_ok, "colliding keys get indexes 0 to 7 in a map");
	ok(hmap_add(s, a[5], b[5]) == 0 && hmap_add(s, a[0], b[0]) == 0, "and are found again past the others");
	ok(hmap_index(m, a[7], b[7], &added) == 7 && !added, "the last of a probe chain keeps its index");
	ok(hmap_add(s, a[3], b[3] + 1) == 1, "a key differing in b from one in the chain is new");
	is_int((long long)hmap_count(s), 9, "set count after the chain");
	hmap_free(s);
	hmap_free(m);
}

static void
test_growth(void)
{
	struct hmap *m = hmap_new_map(), *s = hmap_new_set();
	int added, map_ok = 1, set_ok = 1;

	for (uint64_t i = 1; i <= 300000; i++) {
		uint32_t idx = hmap_index(m, i, i * 7, &added);

		if (!added || idx != i - 1)
			map_ok = 0;
		if (hmap_add(s, i + 1, (uint32_t)i) != 1)
			set_ok = 0;
	}
	ok(map_ok, "300000 new map keys get indexes 0, 1, 2, ... through growth");
	ok(set_ok, "300000 new set keys are new through growth");
	ok(hmap_index(m, 123, 861, &added) == 122 && !added, "a map key is found again after growth");
	ok(hmap_index(m, 123, 862, &added) == 300000 && added, "a key differing in one word is a new key");
	ok(hmap_index(m, 0, 0, &added) == HMAP_FULL && !added && hmap_add(s, 0, 0) == -1,
	    "the key (0, 0), the mark of an empty slot, is refused");
	ok(hmap_add(s, 124, 123) == 0, "a set key is found again after growth");
	ok(hmap_add(s, 124, 124) == 1, "a key differing in its 32-bit word is new");
	ok(hmap_add(s, 124 + (1ULL << 40), 123) == 1, "a key differing in the high bits of a is new");
	ok(hmap_add(m, UINT64_MAX, UINT64_MAX) == 1 && hmap_add(m, UINT64_MAX, UINT64_MAX) == 0,
	    "a map keeps all 64 bits of b");
	is_int((long long)hmap_count(s), 300002, "set count");
	is_int((long long)hmap_count(m), 300002, "map count");
	hmap_free(m);
	hmap_free(s);
}

int
main(void)
{
	char hex[HASH_HEX_LEN];

	plan(22);
	test_collisions();
	test_growth();
	/* FIPS 180-2 "abc" and RFC 4231 test case 2. */
	hash_sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc");
	hash_hmac_sha256_hex("Jefe", 4, "what do ya want for nothing?", 28, hex);
	is_str(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "HMAC-SHA-256, RFC 4231 case 2");
	ok(hash_fnv1a("a", 1) == 0xaf63dc4c8601ec8cULL, "FNV-1a 64 of a");
	ok(hash_fnv1a("foobar", 6) == 0x85944171f73967e8ULL, "FNV-1a 64 of foobar");
	return done_testing();
}
