#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drop.h"
#include "err.h"
#include "input.h"

#define RATIO_FLOOR (1 << 20)

struct reader {
	const struct drop_limits *l;
	drop_entry_fn fn;
	void *arg;
	long entries;
	int64_t total;
	unsigned char *buf;
	size_t cap;
	char *errbuf;
	size_t errlen;
	int io;			/* the failure was reading or a limit: DROP_IO */
	struct input *in;	/* an archive's input, NULL for a directory */
	unsigned char inbuf[65536];
	drop_plain_fn plain;
	/* What libarchive read before it found a format, for plain. */
	unsigned char *head;
	size_t headlen;
	int recording;
};

void
drop_limits_default(struct drop_limits *l)
{
	l->max_entries = 1000000;
	l->max_entry = (int64_t)256 << 20;
	l->max_total = (int64_t)16 << 30;
	l->max_ratio = 200;
}

int
drop_name_safe(const char *name)
{
	const char *p = name;

	if (*name == '\0' || *name == '/')
		return 0;
	while (*p != '\0') {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

/* Make room for n more bytes after len. */
static void
grow(struct reader *r, size_t len, size_t n)
{
	if (len + n <= r->cap)
		return;
	size_t cap = r->cap ? r->cap : 65536;
	while (cap < len + n)
		cap *= 2;
	r->buf = err_realloc(r->buf, cap);
	r->cap = cap;
}

static int
count_entry(struct reader *r, const char *name)
{
	if (++r->entries > r->l->max_entries) {
		snprintf(r->errbuf, r->errlen, "%s: more than %ld entries", name,
		    r->l->max_entries);
		return -1;
	}
	return 0;
}

/* Account for n more bytes of name; compressed is what was read so far (0: unknown). */
static int
account(struct reader *r, const char *name, size_t len, size_t n, int64_t compressed)
{
	r->io = 1;
	if ((int64_t)(len + n) > r->l->max_entry) {
		snprintf(r->errbuf, r->errlen, "%s: entry larger than %lld bytes", name,
		    (long long)r->l->max_entry);
		return -1;
	}
	if (__builtin_add_overflow(r->total, (int64_t)n, &r->total) || r->total > r->l->max_total) {
		snprintf(r->errbuf, r->errlen, "%s: drop larger than %lld bytes", name,
		    (long long)r->l->max_total);
		return -1;
	}
	if (compressed > 0 && r->total > RATIO_FLOOR && r->total / compressed > r->l->max_ratio) {
		snprintf(r->errbuf, r->errlen,
		    "%s: compression ratio above %lld (zip bomb?)", name,
		    (long long)r->l->max_ratio);
		return -1;
	}
	r->io = 0;
	return 0;
}

/* libarchive reads the drop through input.h: read once, gzip checked to its end. */
static la_ssize_t
source_read(struct archive *a, void *arg, const void **buf)
{
	struct reader *r = arg;
	ssize_t n = input_read(r->in, r->inbuf, sizeof r->inbuf);

	if (n < 0) {
		archive_set_error(a, EIO, "%s", input_error(r->in));
		return -1;
	}
	if (r->recording && n > 0) {
		r->head = err_realloc(r->head, r->headlen + (size_t)n);
		memcpy(r->head + r->headlen, r->inbuf, (size_t)n);
		r->headlen += (size_t)n;
	}
	*buf = r->inbuf;
	return n;
}

/*
 * After the archive's end: the rest of the input is read too, so that a
 * drop is read whole (a gzip checked to its end, a tar's zero padding
 * counted against the limits); anything but padding after a tar's end
 * is refused.
 */
static int
drain(struct reader *r, const char *path, int is_tar, FILE *copy)
{
	ssize_t n;

	while ((n = input_read(r->in, r->inbuf, sizeof r->inbuf)) > 0) {
		r->io = 1;
		if (copy && fwrite(r->inbuf, 1, (size_t)n, copy) != (size_t)n) {
			snprintf(r->errbuf, r->errlen, "%s: cannot buffer: %s", path, strerror(errno));
			return -1;
		}
		if (__builtin_add_overflow(r->total, (int64_t)n, &r->total) || r->total > r->l->max_total) {
			snprintf(r->errbuf, r->errlen, "%s: drop larger than %lld bytes", path,
			    (long long)r->l->max_total);
			return -1;
		}
		if (r->total > RATIO_FLOOR && r->total / (input_raw_bytes(r->in) + 1) > r->l->max_ratio) {
			snprintf(r->errbuf, r->errlen, "%s: compression ratio above %lld (zip bomb?)", path,
			    (long long)r->l->max_ratio);
			return -1;
		}
		for (ssize_t i = 0; is_tar && i < n; i++)
			if (r->inbuf[i] != 0) {
				snprintf(r->errbuf, r->errlen, "%s: data after the end of the archive", path);
				return -1;
			}
		r->io = 0;
	}
	if (n < 0) {
		r->io = 1;
		snprintf(r->errbuf, r->errlen, "%s", input_error(r->in));
		return -1;
	}
	return 0;
}

/*
 * The input is no archive: it goes whole (what libarchive read of it,
 * then the rest) to a temporary file handed to r->plain.
 */
static int
plain(struct reader *r)
{
	FILE *tmp = tmpfile();
	int rc;

	r->io = 1;
	if (tmp == NULL || fwrite(r->head, 1, r->headlen, tmp) != r->headlen) {
		snprintf(r->errbuf, r->errlen, "%s: cannot buffer: %s", input_name(r->in), strerror(errno));
		if (tmp)
			fclose(tmp);
		return -1;
	}
	r->total = (int64_t)r->headlen;
	if (drain(r, input_name(r->in), 0, tmp) != 0 || fflush(tmp) != 0 ||
	    lseek(fileno(tmp), 0, SEEK_SET) != 0) {
		if (r->errbuf[0] == '\0')
			snprintf(r->errbuf, r->errlen, "%s: cannot buffer", input_name(r->in));
		fclose(tmp);
		return -1;
	}
	rc = r->plain(r->arg, input_name(r->in), dup(fileno(tmp)), r->errbuf, r->errlen);
	fclose(tmp);
	return rc;
}

/*
 * One entry of an archive: its name and links checked, a regular file
 * read whole under the limits and handed to the callback.  0, or -1 with
 * errbuf (r->io set when the drop cannot be read whole).
 */
static int
read_entry(struct reader *r, struct archive *a, struct archive_entry *e)
{
	const char *name = archive_entry_pathname(e);
	const char *link = archive_entry_symlink(e);
	const char *hard = archive_entry_hardlink(e);
	size_t len = 0;

	r->recording = 0;
	if (name == NULL)
		name = "";
	if (count_entry(r, name) != 0)
		return -1;
	if (!drop_name_safe(name)) {
		snprintf(r->errbuf, r->errlen, "%s: unsafe entry name", name);
		return -1;
	}
	if ((link != NULL && !drop_name_safe(link)) || (hard != NULL && !drop_name_safe(hard))) {
		snprintf(r->errbuf, r->errlen, "%s: link points outside the drop", name);
		return -1;
	}
	if (archive_entry_filetype(e) != AE_IFREG || link != NULL || hard != NULL)
		return 0;
	if (archive_entry_size_is_set(e) && archive_entry_size(e) > r->l->max_entry) {
		snprintf(r->errbuf, r->errlen, "%s: entry larger than %lld bytes", name,
		    (long long)r->l->max_entry);
		r->io = 1;
		return -1;
	}
	for (;;) {
		la_ssize_t n;

		grow(r, len, 65536);
		if ((n = archive_read_data(a, r->buf + len, 65536)) < 0) {
			snprintf(r->errbuf, r->errlen, "%s: %s", name, archive_error_string(a));
			r->io = 1;
			return -1;
		}
		if (n == 0)
			break;
		if (account(r, name, len, (size_t)n, input_raw_bytes(r->in)) != 0)
			return -1;
		len += (size_t)n;
	}
	return r->fn(r->arg, name, r->buf, len) != 0 ? -1 : 0;
}

static int
read_archive(struct reader *r, const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int rc = 0, st;

	archive_read_support_filter_all(a);
	/*
	 * A drop is a zip or a tar: no other format, mtree least of all (its
	 * entries name files on this machine, which it would read).
	 */
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_format_zip(a);
	r->io = 1;
	if ((r->in = input_open(path, r->errbuf, r->errlen)) == NULL) {
		archive_read_free(a);
		return -1;
	}
	r->recording = r->plain != NULL;
	if (archive_read_open(a, r, NULL, source_read, NULL) != ARCHIVE_OK) {
		if (r->plain && archive_errno(a) == EILSEQ) {
			rc = plain(r);
			goto done;
		}
		snprintf(r->errbuf, r->errlen, "%s: %s", input_name(r->in), archive_error_string(a));
		goto fail;
	}
	r->io = 0;
	while ((st = archive_read_next_header(a, &e)) == ARCHIVE_OK)
		if (read_entry(r, a, e) != 0)
			goto fail;
	if (st != ARCHIVE_EOF && r->entries == 0 && r->plain &&
	    archive_errno(a) == EILSEQ) {
		rc = plain(r);
		goto done;
	}
	if (st != ARCHIVE_EOF) {
		snprintf(r->errbuf, r->errlen, "%s", archive_error_string(a));
		r->io = 1;
		goto fail;
	}
	if (r->entries == 0 && r->plain) {
		rc = plain(r);
		goto done;
	}
	if (drain(r, input_name(r->in), (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) ==
	    ARCHIVE_FORMAT_TAR, NULL) != 0)
		goto fail;
	/* An archive with no entry at all is not a drop (a raw gzip of zeros reads as one). */
	if (r->entries == 0) {
		snprintf(r->errbuf, r->errlen, "%s: an archive with no entries", input_name(r->in));
		r->io = 1;
		goto fail;
	}
	goto done;
fail:
	rc = -1;
done:
	archive_read_free(a);
	input_close(r->in);
	r->in = NULL;
	return rc;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_dir(struct reader *r, const char *root, const char *rel);

static int
read_file(struct reader *r, const char *path, const char *rel)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	size_t len = 0;
	ssize_t n;

	if (fd < 0) {
		snprintf(r->errbuf, r->errlen, "%s: %s", rel, strerror(errno));
		r->io = 1;
		return -1;
	}
	for (;;) {
		grow(r, len, 65536);
		n = read(fd, r->buf + len, 65536);
		if (n <= 0)
			break;
		if (account(r, rel, len, (size_t)n, 0) != 0) {
			close(fd);
			return -1;
		}
		len += (size_t)n;
	}
	close(fd);
	if (n < 0) {
		snprintf(r->errbuf, r->errlen, "%s: %s", rel, strerror(errno));
		r->io = 1;
		return -1;
	}
	return r->fn(r->arg, rel, r->buf, len);
}

static int
read_dir(struct reader *r, const char *root, const char *rel)
{
	char *dirpath = *rel ? NULL : err_strdup(root);
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (dirpath == NULL) {
		dirpath = err_malloc(strlen(root) + strlen(rel) + 2);
		sprintf(dirpath, "%s/%s", root, rel);
	}
	if ((d = opendir(dirpath)) == NULL) {
		snprintf(r->errbuf, r->errlen, "%s: %s", dirpath, strerror(errno));
		free(dirpath);
		r->io = 1;
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = err_realloc(names, cap * sizeof *names);
		}
		names[n++] = err_strdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmpstr);
	for (size_t i = 0; i < n; i++) {
		char *sub = err_malloc(strlen(rel) + strlen(names[i]) + 2);
		char *full = err_malloc(strlen(dirpath) + strlen(names[i]) + 2);
		struct stat st;

		sprintf(sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		sprintf(full, "%s/%s", dirpath, names[i]);
		if (rc == 0 && count_entry(r, sub) != 0)
			rc = -1;
		if (rc == 0 && lstat(full, &st) != 0) {
			snprintf(r->errbuf, r->errlen, "%s: %s", sub, strerror(errno));
			rc = -1;
		}
		if (rc == 0) {
			if (S_ISLNK(st.st_mode)) {
				snprintf(r->errbuf, r->errlen, "%s: symbolic link refused", sub);
				rc = -1;
			} else if (S_ISDIR(st.st_mode))
				rc = read_dir(r, root, sub);
			else if (S_ISREG(st.st_mode))
				rc = read_file(r, full, sub);
		}
		free(sub);
		free(full);
		free(names[i]);
	}
	free(names);
	free(dirpath);
	return rc;
}

int
drop_read(const char *path, const struct drop_limits *l, drop_entry_fn fn, drop_plain_fn plain,
    void *arg, char *errbuf, size_t errlen)
{
	struct reader *r = err_calloc(1, sizeof *r);
	struct stat st;
	int rc;

	*r = (struct reader){ .l = l, .fn = fn, .plain = plain, .arg = arg, .errbuf = errbuf,
	    .errlen = errlen };
	errbuf[0] = '\0';
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = read_dir(r, path, "");
		/* An empty directory delivers nothing: a wrong path, or a copy not yet made. */
		if (rc == 0 && r->entries == 0) {
			snprintf(errbuf, errlen, "%s: is a directory with no files: not a drop", path);
			r->io = 1;
			rc = -1;
		}
	} else
		rc = read_archive(r, path);
	if (rc != 0 && r->io)
		rc = DROP_IO;
	free(r->buf);
	free(r->head);
	free(r);
	return rc;
}
