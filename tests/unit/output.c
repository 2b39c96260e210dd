/*
 * Unit tests for common/util/out.c, common/util/rejects.c and common/util/intern.c:
 * atomic output, the rejects file, string interning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "intern.h"
#include "out.h"
#include "rejects.h"
#include "table.h"
#include "tap.h"

static char dir[] = "/tmp/1d-unit-output.XXXXXX";

static char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return strcpy(buf, "(missing)");
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int
main(void)
{
	char path[256], src[256], err[1024];
	struct out o;
	struct rejects *r;
	struct table *t;
	struct intern *in;
	uint32_t a, b, *rank;
	FILE *f;

	mkdtemp(dir);
	plan(14);

	snprintf(path, sizeof path, "%s/out.csv", dir);
	ok(out_open(&o, path, err, sizeof err) == 0, "open an atomic output");
	fputs("half", o.fp);
	fflush(o.fp);
	ok(!exists(path), "nothing at the path before commit");
	ok(out_commit(&o, err, sizeof err) == 0 && strcmp(slurp(path), "half") == 0,
	    "the file appears whole at commit");
	ok(out_open(&o, path, err, sizeof err) == 0, "open it again");
	fputs("second", o.fp);
	out_abort(&o);
	is_str(slurp(path), "half", "an aborted output leaves the old file");
	snprintf(src, sizeof src, "%s/no/such/dir/x", dir);
	ok(out_open(&o, src, err, sizeof err) == -1 && strstr(err, "No such file") != NULL,
	    "an unwritable path is an error");

	snprintf(src, sizeof src, "%s/in.csv", dir);
	f = fopen(src, "w");
	fputs("a,b\n1,\"x,y\"\n2,z\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/rejects.csv", dir);
	r = rejects_open(path, 0, err, sizeof err);
	t = table_open(src, 0, err, sizeof err);
	table_next(t);
	rejects_add(r, t, "bad, very");
	table_next(t);
	rejects_add(r, t, "worse");
	is_int(rejects_count(r), 2, "two rejects counted");
	table_close(t);
	ok(rejects_close(r, err, sizeof err) == 0, "rejects file written");
	snprintf(err, sizeof err, "_file,_line,_reason,a,b\n%s,2,\"bad, very\",1,\"x,y\"\n%s,3,worse,2,z\n", src, src);
	is_str(slurp(path), err, "rejects file has place, reason and the row");

	r = rejects_open(path, 0, err, sizeof err);
	rejects_close(r, err, sizeof err);
	is_str(slurp(path), "_file,_line,_reason\n", "no rejects: a header only");

	in = intern_new();
	a = intern_add(in, "zebra", 5);
	b = intern_add(in, "apple", 5);
	ok(a == 0 && b == 1 && intern_add(in, "zebra", 5) == 0, "ids are dense and stable");
	ok(intern_find(in, "pear", 4) == INTERN_NONE, "unknown string not found");
	for (int i = 0; i < 100000; i++) {
		char s[16];

		snprintf(s, sizeof s, "k%d", i);
		intern_add(in, s, strlen(s));
	}
	ok(intern_count(in) == 100002 && strcmp(intern_str(in, intern_find(in, "k99999", 6)), "k99999") == 0,
	    "100000 strings survive the table growing");
	rank = intern_ranks(in);
	ok(rank[b] == 0 && rank[a] == 100001, "ranks follow byte order");
	free(rank);
	intern_free(in);

	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	if (system(path) != 0)
		return 1;
	return done_testing();
}
