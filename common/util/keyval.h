/*
 * keyval.h - "key = value" files with # comments: the month end's config
 * (and the policy's syntax).
 *
 * A line is blank, a comment (# to the end of the line, at its start or
 * after white space), or "key = value"; white space around both is
 * dropped.  Lines may be of any length.  A key given twice is an error
 * naming both lines: which one would win is not a guess left to the user.
 */
#ifndef KEYVAL_H
#define KEYVAL_H

#include <stddef.h>

struct keyval {
	char *key, *value;
	long line;
};

struct keyval_file {
	char *name;
	struct keyval *kv;
	size_t n;
};

/* Read path; 0, or -1 with "path[:line]: what" in errbuf. */
int keyval_read(const char *path, struct keyval_file *f, char *errbuf, size_t errlen);
/* The value of key, or NULL. */
const struct keyval *keyval_get(const struct keyval_file *f, const char *key);
void keyval_free(struct keyval_file *f);

#endif
