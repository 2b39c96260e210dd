/*
 * Unit tests for common/util/hmap.c, common/util/hset.c and common/util/hash.c: exact
 * keys through growth, and known digests.
 */
#include <stdint.h>
#include <string.h>

#include "hash.h"
#include "hmap.h"
#include "hset.h"
#include "tap.h"

int
main(void)
{
	struct hmap *m = hmap_new();
	struct hset *s = hset_new();
	char hex[HASH_HEX_LEN];
	int added, map_ok = 1, set_ok = 1;

	plan(12);
	for (uint64_t i = 0; i < 300000; i++) {
		uint32_t idx = hmap_put(m, i, i * 7, &added);

		if (!added || idx != i)
			map_ok = 0;
		if (!hset_add(s, i + 1, (uint32_t)i))
			set_ok = 0;
	}
	ok(map_ok, "300000 new map keys get indexes 0, 1, 2, ...");
	ok(set_ok, "300000 new set keys are new");
	ok(hmap_put(m, 123, 861, &added) == 123 && !added, "a map key is found again after growth");
	ok(hmap_get(m, 123, 862) == UINT32_MAX, "a key differing in one word is not found");
	ok(hset_add(s, 124, 123) == 0, "a set key is found again after growth");
	ok(hset_add(s, 124, 124) == 1, "a key differing in its 32-bit word is new");
	is_int((long long)hset_count(s), 300001, "set count");
	is_int(hmap_count(m), 300000, "map count");
	hmap_free(m);
	hset_free(s);

	/* FIPS 180-2 "abc" and RFC 4231 test case 2. */
	hash_sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc");
	hash_hmac_sha256_hex("Jefe", 4, "what do ya want for nothing?", 28, hex);
	is_str(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "HMAC-SHA-256, RFC 4231 case 2");
	ok(hash_fnv1a("a", 1) == 0xaf63dc4c8601ec8cULL, "FNV-1a 64 of a");
	ok(hash_fnv1a("foobar", 6) == 0x85944171f73967e8ULL, "FNV-1a 64 of foobar");
	return done_testing();
}
