/*
 * out.h - atomic output files.
 *
 * "-o FILE" is written to a temporary file in the same directory and
 * renamed over FILE only when everything was written, so a crash or an
 * error never leaves half a statement behind.  Temporary files still open
 * when the process exits, or is ended by SIGINT, SIGTERM or SIGHUP, are
 * removed.
 */
#ifndef OUT_H
#define OUT_H

#include <stdio.h>

struct out {
	FILE *fp;
	char *path;		/* NULL for standard output */
	char *tmp;
};

/* Open path for writing; NULL or "-" is standard output.  0 or -1. */
int out_open(struct out *o, const char *path, char *errbuf, size_t errlen);
/* Flush, check for write errors and rename into place.  0 or -1. */
int out_commit(struct out *o, char *errbuf, size_t errlen);
/* Give up: remove the temporary file. */
void out_abort(struct out *o);

#endif
