#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "out.h"
#include "table.h"

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

void
cli_open_output(struct out *o, const char *path, struct table_writer *w, int flags)
{
	char err[512];

	if (out_open(o, path, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (w)
		table_writer_init(w, o->fp, flags);
}

void
cli_commit_output(struct out *o)
{
	char err[512];

	if (out_commit(o, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
}
