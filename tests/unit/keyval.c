/* Unit tests for common/util/keyval.c: the config syntax, every error with its line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keyval.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-keyval.XXXXXX";

static int
load(const char *text, struct keyval_file *f, char *err, size_t n)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
	return keyval_read(path, f, err, n);
}

int
main(void)
{
	struct keyval_file f;
	char err[512], want[600], *longline;
	int fd = mkstemp(path);

	close(fd);
	plan(12);
	ok(load("# a config\n\ndrops = drops/%M   # one a month\n  logs=logs/%M-*.csv.gz\nkey = a#b\n", &f, err,
	    sizeof err) == 0, "a config with comments and spacing is read");
	is_str(keyval_get(&f, "drops")->value, "drops/%M", "a trailing comment is cut, spaces trimmed");
	is_str(keyval_get(&f, "logs")->value, "logs/%M-*.csv.gz", "no spaces around = is fine");
	is_str(keyval_get(&f, "key")->value, "a#b", "a # inside a word is kept");
	is_int(keyval_get(&f, "logs")->line, 4, "the line of each key is kept");
	ok(keyval_get(&f, "out") == NULL, "an absent key is NULL");
	keyval_free(&f);

	ok(load("out = a\nledger = l\nout = b\n", &f, err, sizeof err) == -1, "a key given twice is refused");
	snprintf(want, sizeof want, "%s:3: out: given again (first on line 1)", path);
	is_str(err, want, "naming both lines");
	ok(load("just words\n", &f, err, sizeof err) == -1, "a line without = is refused");
	snprintf(want, sizeof want, "%s:1: not \"key = value\"", path);
	is_str(err, want, "with its line");

	/* A comment past any buffer size stays a comment. */
	longline = malloc(20000);
	memset(longline, 'x', 19990);
	memcpy(longline, "# ", 2);
	strcpy(longline + 19990, " out = z\n");
	ok(load(longline, &f, err, sizeof err) == 0 && f.n == 0, "a 20 kB comment is all comment");
	keyval_free(&f);
	free(longline);
	ok(load("= v\n", &f, err, sizeof err) == -1, "an empty key is refused");
	unlink(path);
	return done_testing();
}
