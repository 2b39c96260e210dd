#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
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
