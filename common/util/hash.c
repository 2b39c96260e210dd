#include <errno.h>
#include <stdlib.h>
#include <strings.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "err.h"
#include "hash.h"

struct hash_sha256 {
	EVP_MD_CTX *ctx;
};

void
hash_to_hex(const unsigned char *md, unsigned n, char *hex)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

struct hash_sha256 *
hash_sha256_new(void)
{
	struct hash_sha256 *h = err_malloc(sizeof *h);

	if ((h->ctx = EVP_MD_CTX_new()) == NULL || !EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL))
		err_nomem();
	return h;
}

void
hash_sha256_update(struct hash_sha256 *h, const void *p, size_t n)
{
	EVP_DigestUpdate(h->ctx, p, n);
}

void
hash_sha256_final(struct hash_sha256 *h, char hex[HASH_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	EVP_DigestFinal_ex(h->ctx, md, &n);
	hash_to_hex(md, n, hex);
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

void
hash_sha256_hex(const void *p, size_t n, char hex[HASH_HEX_LEN])
{
	struct hash_sha256 *h = hash_sha256_new();

	hash_sha256_update(h, p, n);
	hash_sha256_final(h, hex);
}

int
hash_sha256_file(const char *path, char hex[HASH_HEX_LEN])
{
	unsigned char buf[65536];
	struct hash_sha256 *h;
	ssize_t n;
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	h = hash_sha256_new();
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			int saved = errno;

			if (saved == EINTR)
				continue;
			hash_sha256_final(h, hex);
			if (fd != STDIN_FILENO)
				close(fd);
			errno = saved;
			return -1;
		}
		hash_sha256_update(h, buf, (size_t)n);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	hash_sha256_final(h, hex);
	return 0;
}

void
hash_hmac_sha256_hex(const void *key, size_t keylen, const void *msg, size_t n,
    char hex[HASH_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;

	HMAC(EVP_sha256(), key, (int)keylen, msg, n, md, &len);
	hash_to_hex(md, len, hex);
}

uint64_t
hash_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int
hash_algo_parse(const char *name, enum hash_algo *algo)
{
	static const char *const names[HASH_NALGOS] = { "MD5", "SHA1", "SHA256" };
	char a[16];
	size_t k = 0;

	for (const char *p = name; *p && k + 1 < sizeof a; p++)
		if (*p != '-' && *p != '_')
			a[k++] = *p;
	a[k] = '\0';
	for (int i = 0; i < HASH_NALGOS; i++)
		if (strcasecmp(a, names[i]) == 0) {
			*algo = (enum hash_algo)i;
			return 0;
		}
	return -1;
}

void
hash_hex(enum hash_algo algo, const void *p, size_t n, char hex[HASH_HEX_LEN])
{
	const EVP_MD *md = algo == HASH_MD5 ? EVP_md5() : algo == HASH_SHA1 ? EVP_sha1() : EVP_sha256();
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned len = 0;

	if (!EVP_Digest(p, n, digest, &len, md, NULL))
		err_nomem();
	hash_to_hex(digest, len, hex);
}
