/*
 * Unit tests for common/domain/listen.c: columns found by name, and each
 * field of a raw listen row checked, counts through num.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "listen.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-listen.XXXXXX";

static struct table *
open_text(const char *text)
{
	char err[256];
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return table_open(path, 0, err, sizeof err);
}

/* The next row is rejected for field (NULL: the row) with the reason want. */
static void
bad(struct table *t, const struct listen_columns *c, const char *field, const char *want,
    const char *name)
{
	struct listen l;
	const char *got;
	char why[256];

	table_next(t);
	ok(listen_parse(t, c, &l, &got, why, sizeof why) == -1 &&
	    (field ? got && strcmp(got, field) == 0 : got == NULL) && strcmp(why, want) == 0, "%s", name);
}

int
main(void)
{
	struct listen_columns c;
	struct listen l;
	struct table *t;
	const char *missing, *field;
	char why[256];

	plan(13);
	close(mkstemp(path));
	t = open_text("ts,user,track,structure\n");
	ok(listen_columns(t, &c, &missing) == -1 && strcmp(missing, "ms_played") == 0,
	    "a log without ms_played names the column");
	table_close(t);

	t = open_text("source,ms_played,track,structure,user,ts\n"
	    "app,205000,FR1,s1,u1,2026-10-01T08:00:00.250+02:00\n"
	    ",9223372036854775807,FR1,s1,u1,2026-10-01T08:00:00Z\n"
	    ",99999999999999999999,FR1,s1,u1,2026-10-01T08:00:00Z\n"
	    ",12a,FR1,s1,u1,2026-10-01T08:00:00Z\n"
	    ",,FR1,s1,u1,2026-10-01T08:00:00Z\n"
	    ",1,FR1,s1,,2026-10-01T08:00:00Z\n"
	    ",1,FR1,s1,u1,2026-10-01T08:00:00\n"
	    ",1,FR1\n");
	ok(listen_columns(t, &c, &missing) == 0 && c.ts == 5 && c.source == 0, "columns in any order");

	table_next(t);
	ok(listen_parse(t, &c, &l, &field, why, sizeof why) == 0, "a good row");
	/* 08:00:00.250 at +02:00 is 06:00:00.250Z, 1790834400250 ms. */
	ok(l.ts_ms == 1790834400250LL && l.ms_played == 205000, "its instant and time played");
	ok(l.user_len == 2 && memcmp(l.user, "u1", 2) == 0 && l.source_len == 3, "its user and source");

	table_next(t);
	ok(listen_parse(t, &c, &l, &field, why, sizeof why) == 0 && l.ms_played == INT64_MAX,
	    "19 digits that fit in int64 are a count");
	bad(t, &c, "ms_played", "too large (above 9223372036854775807): \"99999999999999999999\"",
	    "a count past int64 is too large");
	bad(t, &c, "ms_played", "not a non-negative integer: \"12a\"", "12a is not a count");
	bad(t, &c, "ms_played", "empty: \"\"", "an empty ms_played");
	bad(t, &c, "user", "empty", "an empty user");
	bad(t, &c, "ts", "not an ISO 8601 timestamp with a zone: \"2026-10-01T08:00:00\"", "a timestamp without a zone");
	bad(t, &c, NULL, "3 fields where the header has 6", "a short row");
	ok(table_next(t) == 0, "and nothing more");
	table_close(t);
	remove(path);
	return done_testing();
}
