#define _GNU_SOURCE	/* vasprintf */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "spawn.h"

void
spawn_tool_path(const char *name, char *path, size_t n)
{
	char self[PATH_MAX - 64];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);

	if (len > 0) {
		self[len] = '\0';
		*strrchr(self, '/') = '\0';
		snprintf(path, n, "%s/%s", self, name);
		if (access(path, X_OK) == 0)
			return;
	}
	snprintf(path, n, "%s", name);
}

/* In the child: fd to the file at path, opened for writing; 0 or -1. */
static int
redirect(int fd, const char *path, int flags)
{
	int f = open(path, flags, 0666);

	if (f < 0 || dup2(f, fd) < 0)
		return -1;
	close(f);
	return 0;
}

int
spawn_run(char *const argv[], const char *out, const char *err)
{
	char path[PATH_MAX];
	pid_t pid;
	int status;

	spawn_tool_path(argv[0], path, sizeof path);
	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		if (redirect(STDIN_FILENO, "/dev/null", O_RDONLY) != 0 ||
		    (out && redirect(STDOUT_FILENO, out, O_WRONLY | O_CREAT |
		    (err && strcmp(out, err) == 0 ? O_APPEND : O_TRUNC)) != 0) ||
		    (err && redirect(STDERR_FILENO, err, O_WRONLY | O_CREAT | O_APPEND) != 0))
			_exit(127);
		execvp(path, argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}

void
spawn_arg(struct spawn_args *a, const char *fmt, ...)
{
	va_list ap;
	char *word;

	va_start(ap, fmt);
	if (vasprintf(&word, fmt, ap) < 0)
		err_nomem();
	va_end(ap);
	a->v = err_realloc(a->v, (a->n + 2) * sizeof *a->v);
	a->v[a->n++] = word;
	a->v[a->n] = NULL;
}

void
spawn_args_free(struct spawn_args *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = 0;
}
