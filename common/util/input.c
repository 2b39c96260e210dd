#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "err.h"
#include "input.h"

#define RAW_CHUNK (256 * 1024)
/* Gzip is inflated on a thread of its own, up to INFLATED buffers ahead. */
#define INFLATED 4
#define INFLATED_SIZE (256 * 1024)

struct input {
	char *name;
	int fd;
	int gzip;		/* 1 once the first bytes are gzip's magic */
	int raw_eof;		/* read() returned 0 */
	int done;		/* the content ended cleanly */
	int failed;
	char errmsg[200];
	unsigned char *raw;	/* bytes read and not yet used */
	size_t raw_off, raw_len;
	long long raw_total;
	long long out_total;
	z_stream z;
	int z_live;		/* inflate is inside a member */
	struct hash_sha256 *sha;
	char hex[HASH_HEX_LEN];

	/*
	 * The inflating thread fills buffers in turn; the last one filled
	 * holds 0 (the end) or -1 (an error, in errmsg) as its length and
	 * stays.  Everything above is the thread's once it runs.
	 */
	int threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct inflated {
		unsigned char *data;
		ssize_t len;
		size_t off;
	} inflated[INFLATED];
	unsigned head, count;
	int stop;
};

static void start_inflating(struct input *in);

static ssize_t
fail(struct input *in, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->errmsg, sizeof in->errmsg, fmt, ap);
	va_end(ap);
	in->failed = 1;
	return -1;
}

/* Read more raw bytes into the buffer; 0 at the end of the file, -1 error. */
static int
fill_raw(struct input *in)
{
	ssize_t n;

	if (in->raw_off > 0 && in->raw_off == in->raw_len)
		in->raw_off = in->raw_len = 0;
	if (in->raw_eof || in->raw_len == RAW_CHUNK)
		return in->raw_eof ? 0 : 1;
	do
		n = read(in->fd, in->raw + in->raw_len, RAW_CHUNK - in->raw_len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return (int)fail(in, "read error: %s", strerror(errno));
	if (n == 0) {
		in->raw_eof = 1;
		return 0;
	}
	hash_sha256_update(in->sha, in->raw + in->raw_len, (size_t)n);
	in->raw_len += (size_t)n;
	/* Read by input_raw_bytes on the caller's thread. */
	__atomic_store_n(&in->raw_total, in->raw_total + n, __ATOMIC_RELAXED);
	return 1;
}

struct input *
input_fdopen(int fd, const char *name, char *errbuf, size_t errlen)
{
	struct input *in;
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(errbuf, errlen, "%s: is a directory", name);
		close(fd);
		return NULL;
	}
	in = err_calloc(1, sizeof *in);
	in->name = err_strdup(name);
	in->fd = fd;
	in->raw = err_malloc(RAW_CHUNK);
	if ((in->sha = hash_sha256_new()) == NULL)
		err_nomem();
	/* Two bytes decide gzip: read until there are two, or the end. */
	while (in->raw_len < 2 && !in->raw_eof && !in->failed)
		fill_raw(in);
	if (in->failed) {
		snprintf(errbuf, errlen, "%s: %s", name, in->errmsg);
		input_close(in);
		return NULL;
	}
	in->gzip = in->raw_len >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b;
	if (in->gzip) {
		if (inflateInit2(&in->z, 15 + 16) != Z_OK)
			err_nomem();
		in->z_live = 1;
		start_inflating(in);
	}
	return in;
}

struct input *
input_open(const char *path, char *errbuf, size_t errlen)
{
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		if ((fd = dup(STDIN_FILENO)) < 0) {
			snprintf(errbuf, errlen, "<stdin>: %s", strerror(errno));
			return NULL;
		}
		return input_fdopen(fd, "<stdin>", errbuf, errlen);
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	return input_fdopen(fd, path, errbuf, errlen);
}

/* Inflate into buf; the same contract as input_read. */
static ssize_t
read_gzip(struct input *in, unsigned char *buf, size_t n)
{
	in->z.next_out = buf;
	in->z.avail_out = (uInt)n;
	while (in->z.avail_out == n) {
		int rc;

		if (in->raw_off == in->raw_len) {
			int r = fill_raw(in);

			if (r < 0)
				return -1;
			if (r == 0) {
				if (in->z_live)
					return fail(in, "truncated gzip stream (%lld bytes read)", in->raw_total);
				in->done = 1;
				return 0;
			}
		}
		if (!in->z_live) {
			/* Between members: only another member may follow. */
			if (in->raw_len - in->raw_off < 2 && fill_raw(in) < 0)
				return -1;
			if (in->raw_len - in->raw_off < 2 || in->raw[in->raw_off] != 0x1f ||
			    in->raw[in->raw_off + 1] != 0x8b)
				return fail(in, "data after the end of the gzip stream");
			if (inflateReset(&in->z) != Z_OK)
				return fail(in, "gzip: %s", in->z.msg ? in->z.msg : "cannot restart");
			in->z_live = 1;
		}
		in->z.next_in = in->raw + in->raw_off;
		in->z.avail_in = (uInt)(in->raw_len - in->raw_off);
		rc = inflate(&in->z, Z_NO_FLUSH);
		in->raw_off = in->raw_len - in->z.avail_in;
		if (rc == Z_STREAM_END)
			in->z_live = 0;
		else if (rc == Z_DATA_ERROR)
			return fail(in, "corrupt gzip stream: %s", in->z.msg ? in->z.msg : "bad data");
		else if (rc == Z_MEM_ERROR)
			err_nomem();
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return fail(in, "gzip: %s", in->z.msg ? in->z.msg : "error");
	}
	in->out_total += (long long)(n - in->z.avail_out);
	if (in->out_total > INPUT_RATIO_FREE && in->out_total / INPUT_MAX_RATIO > in->raw_total)
		return fail(in, "gzip stream decompresses to more than %d times its size",
		    INPUT_MAX_RATIO);
	return (ssize_t)(n - in->z.avail_out);
}

static void *
inflating(void *arg)
{
	struct input *in = arg;
	ssize_t n;

	do {
		struct inflated *b;

		pthread_mutex_lock(&in->lock);
		while (in->count == INFLATED && !in->stop)
			pthread_cond_wait(&in->changed, &in->lock);
		if (in->stop) {
			pthread_mutex_unlock(&in->lock);
			return NULL;
		}
		b = &in->inflated[(in->head + in->count) % INFLATED];
		pthread_mutex_unlock(&in->lock);

		n = read_gzip(in, b->data, INFLATED_SIZE);

		pthread_mutex_lock(&in->lock);
		b->len = n;
		b->off = 0;
		in->count++;
		pthread_cond_broadcast(&in->changed);
		pthread_mutex_unlock(&in->lock);
	} while (n > 0);
	return NULL;
}

/* Start inflating on a thread; without one, input_read inflates itself. */
static void
start_inflating(struct input *in)
{
	for (int i = 0; i < INFLATED; i++)
		in->inflated[i].data = err_malloc(INFLATED_SIZE);
	pthread_mutex_init(&in->lock, NULL);
	pthread_cond_init(&in->changed, NULL);
	in->threaded = pthread_create(&in->thread, NULL, inflating, in) == 0;
}

static void
stop_inflating(struct input *in)
{
	if (!in->threaded)
		return;
	pthread_mutex_lock(&in->lock);
	in->stop = 1;
	pthread_cond_broadcast(&in->changed);
	pthread_mutex_unlock(&in->lock);
	pthread_join(in->thread, NULL);
	in->threaded = 0;
}

static ssize_t
read_inflated(struct input *in, unsigned char *buf, size_t n)
{
	struct inflated *b;
	size_t k;

	pthread_mutex_lock(&in->lock);
	while (in->count == 0)
		pthread_cond_wait(&in->changed, &in->lock);
	b = &in->inflated[in->head];
	pthread_mutex_unlock(&in->lock);
	if (b->len <= 0)
		return b->len;
	k = (size_t)b->len - b->off < n ? (size_t)b->len - b->off : n;
	memcpy(buf, b->data + b->off, k);
	b->off += k;
	if (b->off == (size_t)b->len) {
		pthread_mutex_lock(&in->lock);
		in->head = (in->head + 1) % INFLATED;
		in->count--;
		pthread_cond_broadcast(&in->changed);
		pthread_mutex_unlock(&in->lock);
	}
	return (ssize_t)k;
}

ssize_t
input_read(struct input *in, void *buf, size_t n)
{
	size_t k;

	if (in->threaded)
		return n == 0 ? 0 : read_inflated(in, buf, n);
	if (in->failed)
		return -1;
	if (in->done || n == 0)
		return 0;
	if (in->gzip)
		return read_gzip(in, buf, n > 1u << 30 ? 1u << 30 : n);
	if (in->raw_off == in->raw_len) {
		int r = fill_raw(in);

		if (r <= 0) {
			in->done = r == 0;
			return r;
		}
	}
	k = in->raw_len - in->raw_off < n ? in->raw_len - in->raw_off : n;
	memcpy(buf, in->raw + in->raw_off, k);
	in->raw_off += k;
	in->out_total += (long long)k;
	return (ssize_t)k;
}

const char *
input_name(const struct input *in)
{
	return in->name;
}

const char *
input_error(const struct input *in)
{
	return in->errmsg;
}

int
input_gzipped(const struct input *in)
{
	return in->gzip;
}

long long
input_raw_bytes(const struct input *in)
{
	return __atomic_load_n(&in->raw_total, __ATOMIC_RELAXED);
}

void
input_sha256(struct input *in, char hex[HASH_HEX_LEN])
{
	stop_inflating(in);
	if (in->sha) {
		hash_sha256_final(in->sha, in->hex);
		in->sha = NULL;
	}
	memcpy(hex, in->hex, HASH_HEX_LEN);
}

void
input_close(struct input *in)
{
	char hex[HASH_HEX_LEN];

	if (in == NULL)
		return;
	stop_inflating(in);
	for (int i = 0; i < INFLATED; i++)
		free(in->inflated[i].data);
	if (in->sha)
		hash_sha256_final(in->sha, hex);
	if (in->gzip)
		inflateEnd(&in->z);
	close(in->fd);
	free(in->raw);
	free(in->name);
	free(in);
}
