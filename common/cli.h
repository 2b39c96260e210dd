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

#endif
