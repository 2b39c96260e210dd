/*
 * Unit tests for common/util/input.c: plain and gzip inputs read once,
 * every way a gzip stream can be damaged refused as an I/O error, the
 * bomb bound, and the digest of the bytes as read.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "hash.h"
#include "input.h"
#include "tap.h"

static char dir[] = "/tmp/1d-unit-input.XXXXXX";
static char path[256];

/* Write n bytes to the test file and return its path. */
static const char *
put(const void *p, size_t n)
{
	FILE *f;

	snprintf(path, sizeof path, "%s/f", dir);
	f = fopen(path, "wb");
	fwrite(p, 1, n, f);
	fclose(f);
	return path;
}

/* Gzip n bytes of p as one member into out; returns its length. */
static size_t
gzip(const void *p, size_t n, unsigned char *out, size_t cap)
{
	z_stream z;
	size_t len;

	memset(&z, 0, sizeof z);
	deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	len = cap - z.avail_out;
	deflateEnd(&z);
	return len;
}

/* Read the whole input at path: its content, or "ERROR: message". */
static char *
slurp(const char *p, char *out, size_t cap)
{
	char err[512];
	struct input *in = input_open(p, err, sizeof err);
	size_t len = 0;
	ssize_t n;

	if (in == NULL) {
		snprintf(out, cap, "OPEN: %s", err);
		return out;
	}
	while ((n = input_read(in, out + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	if (n < 0)
		snprintf(out, cap, "ERROR: %s", input_error(in));
	else
		out[len] = '\0';
	input_close(in);
	return out;
}

int
main(void)
{
	static unsigned char gz[1 << 16], two[1 << 16];
	static char got[1 << 16];
	const char *text = "ts,user\n2026-10-01T00:00:00Z,u1\n";
	char hex[HASH_HEX_LEN], want[HASH_HEX_LEN], err[512];
	struct input *in;
	size_t n, m;

	plan(17);
	if (mkdtemp(dir) == NULL)
		return 1;

	is_str(slurp(put(text, strlen(text)), got, sizeof got), text, "a plain file is read as it is");
	n = gzip(text, strlen(text), gz, sizeof gz);
	is_str(slurp(put(gz, n), got, sizeof got), text, "gzip is recognised by its content");

	/* Two members, as `cat a.gz b.gz` makes. */
	memcpy(two, gz, n);
	m = gzip("x,y\n", 4, two + n, sizeof two - n);
	snprintf(want, sizeof want, "%sx,y\n", text);
	is_str(slurp(put(two, n + m), got, sizeof got), want, "concatenated gzip members are one stream");

	snprintf(want, sizeof want, "ERROR: truncated gzip stream (%zu bytes read)", n - 9);
	is_str(slurp(put(gz, n - 9), got, sizeof got), want,
	    "a gzip stream cut in its trailer is an I/O error");
	is_str(slurp(put(gz, 20), got, sizeof got), "ERROR: truncated gzip stream (20 bytes read)",
	    "a gzip stream cut in its data is an I/O error");
	gz[n - 8] ^= 0xff;	/* the CRC-32 */
	is_str(slurp(put(gz, n), got, sizeof got), "ERROR: corrupt gzip stream: incorrect data check",
	    "a CRC that does not match is an I/O error");
	gz[n - 8] ^= 0xff;
	gz[n - 4] ^= 0x01;	/* the length */
	is_str(slurp(put(gz, n), got, sizeof got), "ERROR: corrupt gzip stream: incorrect length check",
	    "a length that does not match is an I/O error");
	gz[n - 4] ^= 0x01;
	memcpy(two, gz, n);
	memcpy(two + n, "junk", 4);
	is_str(slurp(put(two, n + 4), got, sizeof got), "ERROR: data after the end of the gzip stream",
	    "bytes after the gzip stream are an I/O error");
	is_str(slurp(put("", 0), got, sizeof got), "", "an empty file is empty");
	is_str(slurp(put("\x1f", 1), got, sizeof got), "\x1f", "one byte is not gzip");

	snprintf(got, sizeof got, "%s/missing", dir);
	ok(input_open(got, err, sizeof err) == NULL, "a missing file is not opened");
	snprintf(want, sizeof want, "%s/missing: No such file or directory", dir);
	is_str(err, want, "and the message names it");
	ok(input_open(dir, err, sizeof err) == NULL, "a directory is not opened");
	snprintf(want, sizeof want, "%s: is a directory", dir);
	is_str(err, want, "and the message says so");

	/* The digest is of the bytes as read: the compressed ones. */
	put(gz, n);
	in = input_open(path, err, sizeof err);
	while (input_read(in, got, sizeof got) > 0)
		continue;
	input_sha256(in, hex);
	input_close(in);
	hash_sha256_hex(gz, n, want);
	is_str(hex, want, "the SHA-256 is of the file's bytes, computed while reading");

	/* A bomb: 80 MiB of zeros compress about 1000 to 1. */
	{
		size_t big = 80u << 20, cap = 1u << 20, len;
		char *zeros = calloc(1, big);
		unsigned char *bomb = malloc(cap);
		ssize_t r;
		long long total = 0;

		len = gzip(zeros, big, bomb, cap);
		put(bomb, len);
		in = input_open(path, err, sizeof err);
		while ((r = input_read(in, zeros, 1 << 20)) > 0)
			total += r;
		ok(r < 0 && strstr(input_error(in), "more than 250 times its size") != NULL,
		    "a gzip bomb is refused");
		ok(total <= INPUT_RATIO_FREE + (1 << 20), "after at most the free allowance (%lld bytes)",
		    total);
		input_close(in);
		free(zeros);
		free(bomb);
	}
	unlink(path);
	rmdir(dir);
	return done_testing();
}
