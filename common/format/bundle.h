/*
 * bundle.h - a month's bundle: a deterministic tar.gz (libarchive) of the
 * month's inputs and outputs with a MANIFEST of their sizes and SHA-256,
 * optionally signed with Ed25519 (OpenSSL), and its safe extraction.
 */
#ifndef BUNDLE_H
#define BUNDLE_H

#include <stddef.h>

/*
 * Write out (a .tar.gz) with every path (directories recursively, stored
 * under their base name), a MANIFEST whose header lines are `header`, and
 * MANIFEST.sig when key_path is given.  0, or -1 with errbuf.
 */
int bundle_write(const char *out, char **paths, int npaths, const char *header,
    const char *key_path, char *errbuf, size_t errlen);
/*
 * Extract bundle into dir (which must exist): regular files and
 * directories only, no absolute path, no "..", at most 10,000 entries of
 * at most 1 GiB each, and in all at most BUNDLE_MAX_RATIO times the
 * bundle's size (plus BUNDLE_RATIO_FREE), checked before an entry is
 * written.  0, or -1 with errbuf.
 */
#define BUNDLE_MAX_RATIO 100
#define BUNDLE_RATIO_FREE (64LL << 20)
int bundle_extract(const char *bundle, const char *dir, char *errbuf, size_t errlen);
/* Make an Ed25519 key pair: PREFIX.pem (private) and PREFIX.pub. */
int bundle_keygen(const char *prefix, char *errbuf, size_t errlen);
/* Check sig (raw 64 bytes) of data with the public key at pub_path. */
int bundle_verify_signature(const char *pub_path, const void *data, size_t n, const void *sig,
    size_t siglen, char *errbuf, size_t errlen);

#endif
