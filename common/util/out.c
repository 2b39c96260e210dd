#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "file.h"
#include "out.h"

/* Temporary files to remove if the process exits before committing them. */
static char **volatile pending;
static volatile size_t npending;
static int cleanup_registered;

static void
remove_pending(void)
{
	for (size_t i = 0; i < npending; i++)
		if (pending[i])
			unlink(pending[i]);
}

/*
 * A signal that ends the process removes the temporary files too, then
 * ends it the way the signal would have (so the shell sees the signal).
 */
static void
on_signal(int sig)
{
	remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
register_cleanup(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	atexit(remove_pending);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old;

		/* A signal the caller ignores (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
	cleanup_registered = 1;
}

static void
forget(const char *tmp)
{
	for (size_t i = 0; i < npending; i++)
		if (pending[i] == tmp)
			pending[i] = NULL;
}

int
out_open(struct out *o, const char *path, char *errbuf, size_t errlen)
{
	int fd;
	size_t n;
	mode_t mask;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	n = strlen(path) + sizeof ".tmpXXXXXX";
	o->path = err_strdup(path);
	o->tmp = err_malloc(n);
	snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(o->tmp)) < 0) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		free(o->path);
		free(o->tmp);
		return -1;
	}
	/* mkstemp makes the file 0600: give it the mode a plain open would. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->path);
		free(o->tmp);
		return -1;
	}
	if (!cleanup_registered)
		register_cleanup();
	/* The slot is filled before it is counted, for the signal handler. */
	pending = err_realloc(pending, (npending + 1) * sizeof *pending);
	pending[npending] = o->tmp;
	npending++;
	return 0;
}

int
out_commit(struct out *o, char *errbuf, size_t errlen)
{
	const char *name = o->path ? o->path : "<stdout>";

	if (fflush(o->fp) != 0 || ferror(o->fp)) {
		snprintf(errbuf, errlen, "%s: write error: %s", name, strerror(errno));
		out_abort(o);
		return -1;
	}
	if (o->path == NULL)
		return 0;
	if (fsync(fileno(o->fp)) != 0 && errno != EINVAL) {
		snprintf(errbuf, errlen, "%s: %s", name, strerror(errno));
		out_abort(o);
		return -1;
	}
	if (fclose(o->fp) != 0) {
		o->fp = NULL;
		snprintf(errbuf, errlen, "%s: %s", name, strerror(errno));
		out_abort(o);
		return -1;
	}
	o->fp = NULL;
	if (rename(o->tmp, o->path) != 0) {
		snprintf(errbuf, errlen, "%s: %s", name, strerror(errno));
		out_abort(o);
		return -1;
	}
	forget(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return 0;
}

void
out_abort(struct out *o)
{
	if (o->path == NULL)
		return;
	if (o->fp)
		fclose(o->fp);
	unlink(o->tmp);
	forget(o->tmp);
	free(o->tmp);
	free(o->path);
	o->fp = NULL;
	o->tmp = o->path = NULL;
}

/* The staging directory of an out_dir not yet committed, removed at exit. */
static char *staging_dir;

static void
remove_staging(void)
{
	if (staging_dir)
		file_remove_tree(staging_dir);
}

/* DIR may be replaced: absent, empty, or holding only files with those extensions. */
static int
replaceable(const char *dir, const char *const *ext, char *errbuf, size_t errlen)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(errbuf, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name), k = 0;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		while (ext[k] && (len <= strlen(ext[k]) || strcmp(e->d_name + len - strlen(ext[k]), ext[k]) != 0))
			k++;
		if (ext[k] == NULL || e->d_type == DT_DIR) {
			snprintf(errbuf, errlen, "%s: holds %s, which it does not write: give a new or empty "
			    "directory", dir, e->d_name);
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

int
out_dir_open(struct out_dir *d, const char *path, const char *const *extensions, char *errbuf,
    size_t errlen)
{
	size_t n = strlen(path);
	mode_t mask = umask(0);

	umask(mask);
	while (n > 1 && path[n - 1] == '/')
		n--;
	d->path = err_malloc(n + 1);
	memcpy(d->path, path, n);
	d->path[n] = '\0';
	if (replaceable(d->path, extensions, errbuf, errlen) != 0) {
		free(d->path);
		return -1;
	}
	d->staging = err_malloc(n + sizeof ".tmpXXXXXX");
	snprintf(d->staging, n + sizeof ".tmpXXXXXX", "%s.tmpXXXXXX", d->path);
	if (mkdtemp(d->staging) == NULL) {
		snprintf(errbuf, errlen, "%s: %s", d->path, strerror(errno));
		free(d->path);
		free(d->staging);
		return -1;
	}
	chmod(d->staging, 0777 & ~mask);
	if (staging_dir == NULL)
		atexit(remove_staging);
	staging_dir = d->staging;
	return 0;
}

int
out_dir_commit(struct out_dir *d, char *errbuf, size_t errlen)
{
	size_t n = strlen(d->path) + 32;
	char *old = err_malloc(n);
	int rc = 0;

	snprintf(old, n, "%s.old.%ld", d->path, (long)getpid());
	if (rename(d->path, old) != 0 && errno != ENOENT) {
		snprintf(errbuf, errlen, "%s: %s", d->path, strerror(errno));
		rc = -1;
	} else if (rename(d->staging, d->path) != 0) {
		snprintf(errbuf, errlen, "%s: %s", d->path, strerror(errno));
		rename(old, d->path);
		rc = -1;
	} else {
		staging_dir = NULL;
		file_remove_tree(old);
	}
	free(old);
	if (rc == 0) {
		free(d->staging);
		free(d->path);
		d->staging = d->path = NULL;
	}
	return rc;
}
