#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "bundle.h"
#include "err.h"
#include "file.h"
#include "hash.h"

#define MAX_ENTRIES 10000
#define MAX_ENTRY_SIZE (1LL << 30)

struct member {
	char *path;		/* on disk */
	char *name;		/* in the bundle */
};

static void
add_member(struct member **m, int *n, const char *path, const char *name)
{
	*m = err_realloc(*m, (size_t)(*n + 1) * sizeof **m);
	(*m)[*n].path = err_strdup(path);
	(*m)[*n].name = err_strdup(name);
	(*n)++;
}

/* Walk a directory in name order so that the bundle does not depend on readdir. */
static int
collect(struct member **m, int *n, const char *path, const char *name, char *errbuf, size_t errlen)
{
	struct stat st;
	struct dirent **list;
	int count;

	if (stat(path, &st) != 0) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (strchr(name, '\n') || strchr(name, ' ')) {
		snprintf(errbuf, errlen, "%s: a space or a newline in a name cannot go in MANIFEST", path);
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		add_member(m, n, path, name);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(errbuf, errlen, "%s: not a file or a directory", path);
		return -1;
	}
	if ((count = scandir(path, &list, NULL, alphasort)) < 0) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < count; i++) {
		char sub[4096], subname[4096];
		int rc = 0;

		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
			snprintf(sub, sizeof sub, "%s/%s", path, list[i]->d_name);
			snprintf(subname, sizeof subname, "%s/%s", name, list[i]->d_name);
			rc = collect(m, n, sub, subname, errbuf, errlen);
		}
		free(list[i]);
		if (rc != 0) {
			for (int j = i + 1; j < count; j++)
				free(list[j]);
			free(list);
			return -1;
		}
	}
	free(list);
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->name, ((const struct member *)b)->name);
}

static int
write_entry(struct archive *a, const char *name, const void *data, size_t n)
{
	struct archive_entry *e = archive_entry_new();
	int rc;

	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)n);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	rc = archive_write_header(a, e) == ARCHIVE_OK &&
	    (n == 0 || archive_write_data(a, data, n) == (la_ssize_t)n) ? 0 : -1;
	archive_entry_free(e);
	return rc;
}

static int
sign(const char *key_path, const void *data, size_t n, unsigned char *sig, size_t *siglen,
    char *errbuf, size_t errlen)
{
	FILE *f = fopen(key_path, "r");
	EVP_PKEY *key;
	EVP_MD_CTX *ctx;
	int ok;

	if (f == NULL) {
		snprintf(errbuf, errlen, "%s: %s", key_path, strerror(errno));
		return -1;
	}
	key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (key == NULL || EVP_PKEY_id(key) != EVP_PKEY_ED25519) {
		snprintf(errbuf, errlen, "%s: not an Ed25519 private key", key_path);
		EVP_PKEY_free(key);
		return -1;
	}
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 &&
	    EVP_DigestSign(ctx, sig, siglen, data, n) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	if (!ok)
		snprintf(errbuf, errlen, "%s: signing failed", key_path);
	return ok ? 0 : -1;
}

static void
free_members(struct member *m, int n)
{
	for (int i = 0; i < n; i++) {
		free(m[i].path);
		free(m[i].name);
	}
	free(m);
}

/* The files of the bundle into *mp, each under its name, sorted; 0, or -1 (errbuf). */
static int
members(char **paths, int npaths, struct member **mp, int *n, char *errbuf, size_t errlen)
{
	struct member *m = NULL;

	*n = 0;
	*mp = NULL;
	for (int i = 0; i < npaths; i++) {
		const char *base = strrchr(paths[i], '/');
		char name[4096];

		snprintf(name, sizeof name, "%s", base && base[1] ? base + 1 : paths[i]);
		/* "statements/" has its own name without the slash. */
		if (base && !base[1]) {
			snprintf(name, sizeof name, "%.*s", (int)(base - paths[i]), paths[i]);
			if (strrchr(name, '/'))
				memmove(name, strrchr(name, '/') + 1, strlen(strrchr(name, '/')));
		}
		if (collect(&m, n, paths[i], name, errbuf, errlen) != 0) {
			free_members(m, *n);
			return -1;
		}
	}
	if (*n > 0)
		qsort(m, (size_t)*n, sizeof *m, by_name);
	for (int i = 0; i + 1 < *n; i++)
		if (strcmp(m[i].name, m[i + 1].name) == 0) {
			snprintf(errbuf, errlen, "%s and %s have the same name in the bundle", m[i].path,
			    m[i + 1].path);
			free_members(m, *n);
			return -1;
		}
	*mp = m;
	return 0;
}

/* MANIFEST: the header, then "file sha256 size name" for every file; NULL (errbuf). */
static char *
manifest_of(const struct member *m, int n, const char *header, size_t *mlen, char *errbuf,
    size_t errlen)
{
	char *manifest = err_strdup(header);

	*mlen = strlen(manifest);
	for (int i = 0; i < n; i++) {
		char hex[HASH_HEX_LEN], line[8192];
		struct stat st;

		if (hash_sha256_file(m[i].path, hex) != 0 || stat(m[i].path, &st) != 0) {
			snprintf(errbuf, errlen, "%s: %s", m[i].path, strerror(errno));
			free(manifest);
			return NULL;
		}
		snprintf(line, sizeof line, "file %s %lld %s\n", hex, (long long)st.st_size, m[i].name);
		manifest = err_realloc(manifest, *mlen + strlen(line) + 1);
		memcpy(manifest + *mlen, line, strlen(line) + 1);
		*mlen += strlen(line);
	}
	return manifest;
}

/* The MANIFEST, its signature and every file into the archive a; 0 or -1 (errbuf). */
static int
write_members(struct archive *a, const struct member *m, int n, const char *manifest, size_t mlen,
    const char *key_path, char *errbuf, size_t errlen)
{
	if (write_entry(a, "MANIFEST", manifest, mlen) != 0)
		return -1;
	if (key_path) {
		unsigned char sig[64];
		size_t siglen = sizeof sig;

		if (sign(key_path, manifest, mlen, sig, &siglen, errbuf, errlen) != 0 ||
		    write_entry(a, "MANIFEST.sig", sig, siglen) != 0)
			return -1;
	}
	for (int i = 0; i < n; i++) {
		size_t len;
		char *data = file_read(m[i].path, &len);
		int rc = data == NULL ? -1 : write_entry(a, m[i].name, data, len);

		free(data);
		if (rc != 0)
			return -1;
	}
	return archive_write_close(a) == ARCHIVE_OK ? 0 : -1;
}

int
bundle_write(const char *out, char **paths, int npaths, const char *header,
    const char *key_path, char *errbuf, size_t errlen)
{
	struct member *m;
	struct archive *a;
	char *manifest, tmp[4096];
	size_t mlen;
	int n, rc = -1;

	*errbuf = '\0';
	if (members(paths, npaths, &m, &n, errbuf, errlen) != 0)
		return -1;
	if ((manifest = manifest_of(m, n, header, &mlen, errbuf, errlen)) == NULL) {
		free_members(m, n);
		return -1;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", out);
	a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	/* No time stamp in the gzip header: the same month, the same bytes. */
	archive_write_set_options(a, "gzip:!timestamp");
	if (archive_write_open_filename(a, tmp) != ARCHIVE_OK)
		snprintf(errbuf, errlen, "%s: %s", out, archive_error_string(a));
	else if (write_members(a, m, n, manifest, mlen, key_path, errbuf, errlen) != 0) {
		if (*errbuf == '\0')
			snprintf(errbuf, errlen, "%s: %s", out, archive_error_string(a) ?
			    archive_error_string(a) : "write error");
		unlink(tmp);
	} else if (rename(tmp, out) != 0) {
		snprintf(errbuf, errlen, "%s: %s", out, strerror(errno));
		unlink(tmp);
	} else {
		rc = 0;
	}
	archive_write_free(a);
	free_members(m, n);
	free(manifest);
	return rc;
}

static int
safe_name(const char *name)
{
	if (name[0] == '/' || name[0] == '\0')
		return 0;
	for (const char *p = name; *p; ) {
		size_t len = strcspn(p, "/");

		if ((len == 2 && strncmp(p, "..", 2) == 0) || (len == 1 && *p == '.'))
			return 0;
		p += len;
		while (*p == '/')
			p++;
	}
	return 1;
}

/* Make the directories leading to path inside dir. */
static int
make_parents(const char *path)
{
	char buf[8192];

	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = strchr(buf + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

int
bundle_extract(const char *bundle, const char *dir, char *errbuf, size_t errlen)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct stat st;
	int64_t budget;
	int entries = 0, rc = 0, r;

	/*
	 * What the bundle may unpack to: a month's files compress a few times
	 * over, not a hundred; a bomb is refused before it is written.
	 */
	budget = stat(bundle, &st) == 0 ? (int64_t)st.st_size * BUNDLE_MAX_RATIO + BUNDLE_RATIO_FREE : 0;
	archive_read_support_filter_gzip(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, bundle, 65536) != ARCHIVE_OK) {
		snprintf(errbuf, errlen, "%s: %s", bundle, archive_error_string(a));
		archive_read_free(a);
		return -1;
	}
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		char path[8192];
		int fd;

		if (++entries > MAX_ENTRIES) {
			snprintf(errbuf, errlen, "%s: more than %d entries", bundle, MAX_ENTRIES);
			rc = -1;
			break;
		}
		if (!safe_name(name)) {
			snprintf(errbuf, errlen, "%s: %s: a path outside the bundle", bundle, name);
			rc = -1;
			break;
		}
		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		if (archive_entry_filetype(e) != AE_IFREG || archive_entry_size(e) > MAX_ENTRY_SIZE) {
			snprintf(errbuf, errlen, "%s: %s: not a regular file of at most 1 GiB", bundle, name);
			rc = -1;
			break;
		}
		if ((budget -= archive_entry_size(e)) < 0) {
			snprintf(errbuf, errlen, "%s: %s: would unpack to more than %d times the bundle's size",
			    bundle, name, BUNDLE_MAX_RATIO);
			rc = -1;
			break;
		}
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (make_parents(path) != 0 ||
		    (fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
			snprintf(errbuf, errlen, "%s: %s: %s", bundle, name, strerror(errno));
			rc = -1;
			break;
		}
		if (archive_read_data_into_fd(a, fd) != ARCHIVE_OK) {
			snprintf(errbuf, errlen, "%s: %s: %s", bundle, name, archive_error_string(a));
			close(fd);
			rc = -1;
			break;
		}
		close(fd);
	}
	if (rc == 0 && r != ARCHIVE_EOF) {
		snprintf(errbuf, errlen, "%s: %s", bundle, archive_error_string(a));
		rc = -1;
	}
	archive_read_free(a);
	return rc;
}

int
bundle_keygen(const char *prefix, char *errbuf, size_t errlen)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
	EVP_PKEY *key = NULL;
	char path[4096];
	FILE *f;
	int fd, ok;

	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, &key) != 1) {
		snprintf(errbuf, errlen, "cannot make an Ed25519 key");
		EVP_PKEY_CTX_free(ctx);
		return -1;
	}
	EVP_PKEY_CTX_free(ctx);
	snprintf(path, sizeof path, "%s.pem", prefix);
	/* The private key is readable by its owner only. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		EVP_PKEY_free(key);
		return -1;
	}
	ok = PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) == 1;
	ok = fclose(f) == 0 && ok;
	snprintf(path, sizeof path, "%s.pub", prefix);
	if (ok && (f = fopen(path, "w")) != NULL) {
		ok = PEM_write_PUBKEY(f, key) == 1;
		ok = fclose(f) == 0 && ok;
	} else {
		ok = 0;
	}
	EVP_PKEY_free(key);
	if (!ok)
		snprintf(errbuf, errlen, "%s: cannot write the key", path);
	return ok ? 0 : -1;
}

int
bundle_verify_signature(const char *pub_path, const void *data, size_t n, const void *sig,
    size_t siglen, char *errbuf, size_t errlen)
{
	FILE *f = fopen(pub_path, "r");
	EVP_PKEY *key;
	EVP_MD_CTX *ctx;
	int ok;

	if (f == NULL) {
		snprintf(errbuf, errlen, "%s: %s", pub_path, strerror(errno));
		return -1;
	}
	key = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (key == NULL || EVP_PKEY_id(key) != EVP_PKEY_ED25519) {
		snprintf(errbuf, errlen, "%s: not an Ed25519 public key", pub_path);
		EVP_PKEY_free(key);
		return -1;
	}
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 &&
	    EVP_DigestVerify(ctx, sig, siglen, data, n) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	if (!ok)
		snprintf(errbuf, errlen, "MANIFEST.sig: the signature does not match %s", pub_path);
	return ok ? 0 : -1;
}
