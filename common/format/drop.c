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
	if ((int64_t)(len + n) > r->l->max_entry) {
		snprintf(r->errbuf, r->errlen, "%s: entry larger than %lld bytes", name,
		    (long long)r->l->max_entry);
		return -1;
	}
	r->total += (int64_t)n;
	if (r->total > r->l->max_total) {
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
	return 0;
}

static int
read_archive(struct reader *r, const char *path)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int rc = 0, st;

	archive_read_support_filter_all(a);
	archive_read_support_format_all(a);
	if (archive_read_open_filename(a, strcmp(path, "-") == 0 ? NULL : path, 65536)
	    != ARCHIVE_OK) {
		snprintf(r->errbuf, r->errlen, "%s", archive_error_string(a));
		archive_read_free(a);
		return -1;
	}
	while ((st = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		const char *link = archive_entry_symlink(e);
		const char *hard = archive_entry_hardlink(e);

		if (name == NULL)
			name = "";
		if (count_entry(r, name) != 0)
			goto fail;
		if (!drop_name_safe(name)) {
			snprintf(r->errbuf, r->errlen, "%s: unsafe entry name", name);
			goto fail;
		}
		if ((link != NULL && !drop_name_safe(link)) ||
		    (hard != NULL && !drop_name_safe(hard))) {
			snprintf(r->errbuf, r->errlen, "%s: link points outside the drop", name);
			goto fail;
		}
		if (archive_entry_filetype(e) != AE_IFREG || link != NULL || hard != NULL)
			continue;
		if (archive_entry_size_is_set(e) && archive_entry_size(e) > r->l->max_entry) {
			snprintf(r->errbuf, r->errlen, "%s: entry larger than %lld bytes", name,
			    (long long)r->l->max_entry);
			goto fail;
		}
		size_t len = 0;
		for (;;) {
			grow(r, len, 65536);
			la_ssize_t n = archive_read_data(a, r->buf + len, 65536);
			if (n < 0) {
				snprintf(r->errbuf, r->errlen, "%s: %s", name, archive_error_string(a));
				goto fail;
			}
			if (n == 0)
				break;
			if (account(r, name, len, (size_t)n, archive_filter_bytes(a, -1)) != 0)
				goto fail;
			len += (size_t)n;
		}
		if (r->fn(r->arg, name, r->buf, len) != 0)
			goto fail;
	}
	if (st != ARCHIVE_EOF) {
		snprintf(r->errbuf, r->errlen, "%s", archive_error_string(a));
		goto fail;
	}
	goto done;
fail:
	rc = -1;
done:
	archive_read_free(a);
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
drop_read(const char *path, const struct drop_limits *l, drop_entry_fn fn, void *arg,
    char *errbuf, size_t errlen)
{
	struct reader r = { .l = l, .fn = fn, .arg = arg, .errbuf = errbuf, .errlen = errlen };
	struct stat st;
	int rc;

	errbuf[0] = '\0';
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		rc = read_dir(&r, path, "");
	else
		rc = read_archive(&r, path);
	free(r.buf);
	return rc;
}
