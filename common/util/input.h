/*
 * input.h - the one way every 1d tool reads an input.
 *
 * A path, or "-" (and NULL) for standard input, named "<stdin>" in
 * messages, is read exactly once, from start to end.  Gzip is recognised
 * by its content, not its name, and decompressed on the way; a gzip
 * stream that is truncated, corrupt (a CRC or length that does not match)
 * or followed by anything but another gzip member is an I/O error, never
 * a shorter input.  A stream that decompresses to more than
 * INPUT_MAX_RATIO times its size (past the first INPUT_RATIO_FREE bytes)
 * is refused as a bomb.  The SHA-256 of the bytes as they were read (the
 * compressed ones for gzip) is computed while streaming, so a tool that
 * records the digest of its input never reads it twice.
 */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <sys/types.h>

#include "hash.h"

#define INPUT_MAX_RATIO 250
#define INPUT_RATIO_FREE (64 * 1024 * 1024)

struct input;

/*
 * Open path; NULL with "path: reason" in errbuf when it cannot be opened
 * or is a directory.
 */
struct input *input_open(const char *path, char *errbuf, size_t errlen);
/* Read from an open descriptor, which input_close closes. */
struct input *input_fdopen(int fd, const char *name, char *errbuf, size_t errlen);
/*
 * Up to n bytes of the (decompressed) content: the count, 0 at the end,
 * or -1 on an I/O error, which input_error() describes (without the name).
 */
ssize_t input_read(struct input *in, void *buf, size_t n);
const char *input_name(const struct input *in);
const char *input_error(const struct input *in);
/* Whether the content was gzip-compressed. */
int input_gzipped(const struct input *in);
/* Bytes read from the file so far, before decompression. */
long long input_raw_bytes(const struct input *in);
/*
 * The SHA-256 of every byte read from the file; only meaningful once
 * input_read() has returned 0.
 */
void input_sha256(struct input *in, char hex[HASH_HEX_LEN]);
void input_close(struct input *in);

#endif
