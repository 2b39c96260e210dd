/*
 * hash.h - SHA-256 and HMAC-SHA-256 (OpenSSL libcrypto) and a stable
 * non-cryptographic hash.
 */
#ifndef HASH_H
#define HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_HEX_LEN 65		/* 64 hex digits and a NUL */

struct hash_sha256;
struct hash_sha256 *hash_sha256_new(void);
void hash_sha256_update(struct hash_sha256 *h, const void *p, size_t n);
/* Write the digest as lowercase hex and free h. */
void hash_sha256_final(struct hash_sha256 *h, char hex[HASH_HEX_LEN]);

/* n bytes as 2n lowercase hex digits and a NUL. */
void hash_to_hex(const unsigned char *md, unsigned n, char *hex);
void hash_sha256_hex(const void *p, size_t n, char hex[HASH_HEX_LEN]);
/* SHA-256 of a file ("-" is standard input); 0, or -1 with errno set. */
int hash_sha256_file(const char *path, char hex[HASH_HEX_LEN]);
void hash_hmac_sha256_hex(const void *key, size_t keylen, const void *msg, size_t n,
    char hex[HASH_HEX_LEN]);

/* The digests a delivery may name for its files. */
enum hash_algo { HASH_MD5, HASH_SHA1, HASH_SHA256, HASH_NALGOS };

/*
 * An algorithm by the name a DDEX message gives it ("MD5", "SHA-1",
 * "SHA_256", any case; '-' and '_' ignored): 0, or -1 when unknown.
 */
int hash_algo_parse(const char *name, enum hash_algo *algo);
/* The digest of p[0..n) as lowercase hex (at most HASH_HEX_LEN bytes with the NUL). */
void hash_hex(enum hash_algo algo, const void *p, size_t n, char hex[HASH_HEX_LEN]);

/*
 * 64-bit FNV-1a: the same on every machine and in every run, so that
 * partitions made on one machine match those made on another.
 */
uint64_t hash_fnv1a(const void *p, size_t n);

/* Mix two words into a well-spread 64-bit hash (MurmurHash3's finaliser),
 * for hash tables keyed by packed ids. */
static inline uint64_t
hash_mix(uint64_t a, uint64_t b)
{
	uint64_t h = a * 0x9e3779b97f4a7c15ULL ^ b;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
