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

/*
 * An output directory written whole: its files go into a new directory
 * beside it, which then takes its place by renames, so that the directory
 * never mixes two runs.  out_dir_open refuses a directory that holds
 * anything but files whose names end in one of the extensions (it would
 * be replaced); the staging directory is removed if the process ends
 * before out_dir_commit.
 */
struct out_dir {
	char *path;		/* DIR, without trailing slashes */
	char *staging;		/* where the files are written */
};

int out_dir_open(struct out_dir *d, const char *path, const char *const *extensions, char *errbuf,
    size_t errlen);
int out_dir_commit(struct out_dir *d, char *errbuf, size_t errlen);

#endif
