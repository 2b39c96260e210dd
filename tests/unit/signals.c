/*
 * Unit tests for common/util/out.c under signals: a process ended by
 * SIGINT, SIGTERM or SIGHUP while writing -o FILE leaves neither FILE nor
 * its temporary behind, and still dies of the signal.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "out.h"
#include "tap.h"

static char dir[] = "/tmp/1d-unit-signals.XXXXXX";

static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

int
main(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	static const char *const names[] = { "SIGINT", "SIGTERM", "SIGHUP" };
	char path[256], err[256];

	plan(9);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/statement.csv", dir);
	for (int i = 0; i < 3; i++) {
		int fds[2], status;
		char c;
		pid_t pid;

		if (pipe(fds) != 0)
			return 1;
		if ((pid = fork()) == 0) {
			struct out o;

			close(fds[0]);
			/* A test run in the background may have inherited SIGINT ignored. */
			signal(sigs[i], SIG_DFL);
			if (out_open(&o, path, err, sizeof err) != 0)
				_exit(3);
			fputs("holder,amount\n", o.fp);
			fflush(o.fp);
			/* Tell the parent the temporary exists, then wait to be killed. */
			if (write(fds[1], "x", 1) != 1)
				_exit(3);
			pause();
			_exit(4);
		}
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			return 1;
		close(fds[0]);
		ok(entries() == 1, "%s: the temporary is there while writing", names[i]);
		kill(pid, sigs[i]);
		waitpid(pid, &status, 0);
		ok(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i], "%s: the process dies of it",
		    names[i]);
		ok(entries() == 0, "%s: nothing is left behind", names[i]);
	}
	rmdir(dir);
	return done_testing();
}
