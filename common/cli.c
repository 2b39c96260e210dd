#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"

#ifndef ONED_VERSION
#define ONED_VERSION "unknown"
#endif

noreturn void
cli_usage(const char *usage, int to_stdout)
{
	fputs(usage, to_stdout ? stdout : stderr);
	exit(to_stdout ? ERR_EXIT_OK : ERR_EXIT_USAGE);
}

noreturn void
cli_version(void)
{
	printf("%s %s\n", err_prog(), ONED_VERSION);
	exit(ERR_EXIT_OK);
}

int
cli_progress(int forced)
{
	return forced || isatty(STDERR_FILENO);
}
