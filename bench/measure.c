/*
 * measure - run a command and print its wall time in seconds and its peak
 * resident memory in MiB: "1.234 56.7".  Standard output of the command
 * goes to /dev/null unless -k is given.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, keep = argc > 1 && strcmp(argv[1], "-k") == 0;
	pid_t pid;

	if (argc < 2 + keep) {
		fprintf(stderr, "usage: measure [-k] command [arg ...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == 0) {
		if (!keep) {
			int fd = open("/dev/null", O_WRONLY);

			dup2(fd, 1);
		}
		execvp(argv[1 + keep], argv + 1 + keep);
		perror(argv[1 + keep]);
		_exit(127);
	}
	wait4(pid, &status, 0, &ru);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.3f %.1f\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	    ru.ru_maxrss / 1024.0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
