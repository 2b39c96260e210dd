/*
 * spawn.h - running the sibling 1d tools from a tool that drives others
 * (1d-month-end, 1d-report verify).
 */
#ifndef SPAWN_H
#define SPAWN_H

#include <stddef.h>

/*
 * The path of the sibling tool name: next to this executable, else the
 * bare name, found on PATH.
 */
void spawn_tool_path(const char *name, char *path, size_t n);
/*
 * Run argv (argv[0] a sibling tool's name) with standard input from
 * /dev/null, standard output to out and standard error to err (NULL:
 * inherited; "/dev/null" to drop); err is appended to, and so is out
 * when it is the same file (a log).  Its exit status, 128 + the signal
 * that ended it, or -1 when it could not be started.
 */
int spawn_run(char *const argv[], const char *out, const char *err);

/* An argv being built, NULL-terminated after each word. */
struct spawn_args {
	char **v;
	size_t n;
};

/* Append a word made with printf's format. */
void spawn_arg(struct spawn_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void spawn_args_free(struct spawn_args *a);

#endif
