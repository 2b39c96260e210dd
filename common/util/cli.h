/*
 * cli.h - what every tool's command line shares: --help, --version,
 * usage errors and progress.
 */
#ifndef CLI_H
#define CLI_H

#include <stdnoreturn.h>

/*
 * Print the usage (the man page's SYNOPSIS, word for word) and exit: to
 * stdout with 0 for --help, to stderr with ERR_EXIT_USAGE otherwise.
 */
noreturn void cli_usage(const char *usage, int to_stdout);
/* "1d-listens 0.1.0" on stdout, exit 0. */
noreturn void cli_version(void);
/* Progress goes to stderr only when it is a terminal or --progress was given. */
int cli_progress(int forced);

/*
 * Open an output (out.h) with a table writer on it, and commit it; an
 * I/O error ends the tool with ERR_EXIT_USAGE, naming the file.
 */
struct out;
struct table_writer;
void cli_open_output(struct out *o, const char *path, struct table_writer *w, int flags);
void cli_commit_output(struct out *o);

#endif
