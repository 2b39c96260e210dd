/*
 * Unit tests for common/domain/usage_merge.c: sorted usage files summed
 * as streams give the bytes of the hash merge of aggregate.c, and every
 * fault (a bad row, a key going backwards, a sum past int64, a user in
 * two shards) is found at its file and line.  Each run is compared whole
 * as a transcript: the rows written, and one line per event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "tap.h"
#include "usage_merge.h"

#define MAXFILES 4

static char dir[] = "/tmp/1d-unit-usage_merge.XXXXXX";
static char paths[MAXFILES][64];

/* Write the files (NULL ends the list), as a.csv, b.csv, ... */
static int
write_files(const char *const *texts)
{
	int n = 0;

	for (; texts[n]; n++) {
		FILE *f;

		snprintf(paths[n], sizeof paths[n], "%s/%c.csv", dir, 'a' + n);
		f = fopen(paths[n], "w");
		fputs(texts[n], f);
		fclose(f);
	}
	return n;
}

/* The streaming merge of the files: rows and events, as text. */
static const char *
merged(const char *const *texts)
{
	static char buf[4096];
	int n = write_files(texts);
	FILE *f = fmemopen(buf, sizeof buf, "w");
	struct table_writer w;
	struct usage_merge *m = NULL;
	struct usage_merge_event ev;
	char err[256];

	table_writer_init(&w, f, 0);
	for (int i = 0; i < n; i++) {
		struct table *t = table_open(paths[i], TABLE_BAD_ROWS, err, sizeof err);
		struct aggregate_columns c;

		aggregate_columns(t, &c);
		if (m == NULL) {
			m = usage_merge_new(&c);
			usage_merge_write_header(m, &w);
		}
		usage_merge_add(m, t, &c);
	}
	for (usage_merge_next(m, &ev); ev.kind != USAGE_MERGE_END; usage_merge_next(m, &ev)) {
		const char *name = ev.t ? strrchr(table_name(ev.t), '/') + 1 : "";
		long line = ev.t ? table_line(ev.t) : 0;

		switch (ev.kind) {
		case USAGE_MERGE_ROW:
			usage_merge_write_row(m, &w);
			break;
		case USAGE_MERGE_BAD:
			fprintf(f, "! %s:%ld: %s: %s\n", name, line, ev.field, ev.why);
			break;
		case USAGE_MERGE_BAD_TEXT:
			fprintf(f, "! %s:%ld: not text\n", name, line);
			break;
		case USAGE_MERGE_UNSORTED:
			fprintf(f, "! %s:%ld: unsorted\n", name, line);
			break;
		case USAGE_MERGE_SHARED_USER:
			fprintf(f, "! %s:%ld: also in %s\n", name, line, strrchr(ev.other, '/') + 1);
			break;
		case USAGE_MERGE_READ_ERROR:
			fprintf(f, "! %s:%ld: read error\n", name, line);
			break;
		case USAGE_MERGE_OVERFLOW:
			fprintf(f, "! %s:%ld: %s: overflow\n", name, line, ev.field);
			goto out;
		case USAGE_MERGE_END:
			break;
		}
	}
out:
	fclose(f);
	usage_merge_free(m);
	return buf;
}

/* The hash merge of aggregate.c over the same files, as text. */
static const char *
hashed(const char *const *texts)
{
	static char buf[4096];
	int n = write_files(texts);
	FILE *f = fmemopen(buf, sizeof buf, "w");
	struct table_writer w;
	struct aggregate *u = NULL;
	char err[256], why[256];
	const char *field;

	for (int i = 0; i < n; i++) {
		struct table *t = table_open(paths[i], 0, err, sizeof err);
		struct aggregate_columns c;

		aggregate_columns(t, &c);
		if (u == NULL)
			u = aggregate_new_merge(&c);
		while (table_next(t) == 1)
			aggregate_add_row(u, t, &c, &field, why, sizeof why);
		table_close(t);
	}
	table_writer_init(&w, f, 0);
	aggregate_write(u, &w);
	fclose(f);
	aggregate_free(u);
	return buf;
}

static const char *const full_a =
    "month,structure,user,track,plays,listens,ms\n"
    "2026-09,s,u1,t,1,1,100\n"
    "2026-10,s,u1,t,1,0,10\n"
    "2026-10,s,u1,tA,2,1,40000\n"
    "2026-10,s1,u3,t,1,1,31000\n";
static const char *const full_b =
    "track,user,month,structure,ms,listens,plays\n"	/* columns in another order */
    "t,u2,2026-10,s,5,0,1\n"
    "tA,u2,2026-10,s,60000,1,1\n"
    "t,u4,2026-10,s1,7,0,3\n";

static void
test_full(void)
{
	const char *files[] = { full_a, full_b, NULL };
	/* Byte order per column: "s" before "s1", "t" before "tA", then the month first of all. */
	const char *want = "month,structure,user,track,plays,listens,ms\n"
	    "2026-09,s,u1,t,1,1,100\n"
	    "2026-10,s,u1,t,1,0,10\n"
	    "2026-10,s,u1,tA,2,1,40000\n"
	    "2026-10,s,u2,t,1,0,5\n"
	    "2026-10,s,u2,tA,1,1,60000\n"
	    "2026-10,s1,u3,t,1,1,31000\n"
	    "2026-10,s1,u4,t,3,0,7\n";

	is_str(merged(files), want, "two shards of full usage, interleaved");
	is_str(hashed(files), want, "the hash merge gives the same bytes");
}

static void
test_rollup(void)
{
	const char *files[] = {
		"month,track,plays,listens,ms,users\n2026-10,t,1,1,1,1\n2026-10,t0,5,5,5,2\n",
		"month,track,plays,listens,ms,users\n2026-10,,1,0,0,1\n2026-10,t,2,2,2,2\n2026-10,t,1,1,1,1\n",
		"month,track,plays,listens,ms,users\n",
		NULL };
	/* t: 1 + 2 + 1 (a key twice in one file is summed too), users 1 + 2 + 1. */
	const char *want = "month,track,plays,listens,ms,users\n"
	    "2026-10,,1,0,0,1\n"
	    "2026-10,t,4,4,4,4\n"
	    "2026-10,t0,5,5,5,2\n";

	is_str(merged(files), want, "rollups with users summed, an empty key, a file without rows");
	is_str(hashed(files), want, "the hash merge gives the same bytes");
	files[0] = "month,user,plays,listens,ms,users\n2026-10,u1,1,1,1,7\n";
	files[1] = "month,user,plays,listens,ms,users\n2026-10,u2,1,1,1,x\n2026-10,u3,1,1,1,1\n";
	files[2] = NULL;
	is_str(merged(files), "month,user,plays,listens,ms\n"
	    "! b.csv:2: users: not a non-negative integer: \"x\"\n"
	    "2026-10,u1,1,1,1\n"
	    "2026-10,u3,1,1,1\n", "users by user: checked, not written, as aggregate.c does");
}

static void
test_faults(void)
{
	const char *files[] = {
		"month,track,plays,listens,ms\n2026-10,a,1,1,1\n2026-10,c,1,1,1\n2026-10,b,1,1,1\n2026-10,d,1,1,1\n",
		"month,track,plays,listens,ms\n2026-13,a,1,1,1\n2026-10,b,1,1,1\n2026-10,c,x,1,1\n",
		NULL };

	is_str(merged(files), "month,track,plays,listens,ms\n"
	    "! b.csv:2: month: not a month: \"2026-13\"\n"
	    "2026-10,a,1,1,1\n"
	    "! b.csv:4: plays: not a non-negative integer: \"x\"\n"
	    "2026-10,b,1,1,1\n"
	    "! a.csv:4: unsorted\n"
	    "2026-10,c,1,1,1\n",
	    "bad rows left out; a key going backwards is found at its line and its file dropped");
	files[0] = "month,track,plays,listens,ms,users\n2026-10,t,9223372036854775807,1,1,1\n";
	files[1] = "month,track,plays,listens,ms,users\n2026-10,t,1,1,1,1\n";
	is_str(merged(files), "month,track,plays,listens,ms,users\n! b.csv:2: plays: overflow\n",
	    "a sum past int64 is found at the row that would pass it");
	files[0] = "month,track,plays,listens,ms,users\n2026-10,t,1,1,1,9223372036854775807\n";
	is_str(merged(files), "month,track,plays,listens,ms,users\n! b.csv:2: users: overflow\n",
	    "users summed are checked too");
	files[0] = "month,user,plays,listens,ms\n2026-10,u1,1,1,1\n2026-10,u2,1,1,1\n";
	files[1] = "month,user,plays,listens,ms\n2026-09,u2,1,1,1\n2026-10,u2,1,1,1\n";
	/* b's 2026-09 row comes first, so b holds u2 of 2026-10 when a reads it. */
	is_str(merged(files), "month,user,plays,listens,ms\n"
	    "2026-09,u2,1,1,1\n"
	    "! a.csv:3: also in b.csv\n"
	    "2026-10,u1,1,1,1\n"
	    "2026-10,u2,1,1,1\n",
	    "a user of a month in two shards is found, the same user in another month is not");
	files[0] = "month,track,plays,listens,ms\n2026-10,a,1,1,1,9\n2026-10,b,1,1,1\n";
	files[1] = NULL;
	is_str(merged(files), "month,track,plays,listens,ms\n! a.csv:2: not text\n2026-10,b,1,1,1\n",
	    "a row with more fields than the header is handed out as bad");
}

int
main(void)
{
	plan(10);
	if (mkdtemp(dir) == NULL)
		return 2;
	test_full();
	test_rollup();
	test_faults();
	for (int i = 0; i < MAXFILES; i++) {
		char p[64];

		snprintf(p, sizeof p, "%s/%c.csv", dir, 'a' + i);
		remove(p);
	}
	rmdir(dir);
	return done_testing();
}
