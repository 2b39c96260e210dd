/*
 * Unit tests for common/domain/aggregate.c: sums per key, rollups with
 * distinct listeners, rows written sorted, usage files merged, and sums
 * that would overflow refused whole.  Expected values are worked out by
 * hand in the comments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "tap.h"
#include "usage_text.h"

#define OCT 24321	/* date_month_index(2026, 10): 2026 * 12 + 9 */

static char path[] = "/tmp/1d-unit-aggregate.XXXXXX";

static void
test_keys(void)
{
	unsigned keys;

	ok(aggregate_parse_keys("track,month", &keys) == 0 && keys == 0x9, "track,month is bits 0 and 3");
	ok(aggregate_parse_keys("month,month", &keys) == -1, "a repeated key is refused");
	ok(aggregate_parse_keys("month,album", &keys) == -1, "an unknown key is refused");
	ok(aggregate_parse_keys("", &keys) == -1, "no key is refused");
}

static void
test_full(void)
{
	struct aggregate *u = aggregate_new(AGGREGATE_ALL_KEYS, 1, 0);
	uint32_t s1 = aggregate_id(u, AGGREGATE_STRUCTURE, "s1", 2);
	uint32_t s2 = aggregate_id(u, AGGREGATE_STRUCTURE, "s2", 2);
	uint32_t u1 = aggregate_id(u, AGGREGATE_USER, "u1", 2);
	uint32_t u2 = aggregate_id(u, AGGREGATE_USER, "u2", 2);
	uint32_t tb = aggregate_id(u, AGGREGATE_TRACK, "tB", 2);
	uint32_t ta = aggregate_id(u, AGGREGATE_TRACK, "tA", 2);
	const char *column;
	int rc = 0;

	rc |= aggregate_add(u, OCT, s1, u1, tb, 1, 1, 40000, 0, &column);
	rc |= aggregate_add(u, OCT, s1, u1, tb, 1, 0, 1000, 0, &column);
	rc |= aggregate_add(u, OCT, s2, u2, ta, 1, 1, 30000, 0, &column);
	rc |= aggregate_add(u, OCT, s1, u1, ta, 1, 1, 50000, 0, &column);
	ok(rc == 0, "four adds");
	is_int(aggregate_rows(u), 3, "three keys");
	/* tA sorts before tB although it was interned after it. */
	is_str(usage_text(u), "month,structure,user,track,plays,listens,ms\n"
	    "2026-10,s1,u1,tA,1,1,50000\n"
	    "2026-10,s1,u1,tB,2,1,41000\n"
	    "2026-10,s2,u2,tA,1,1,30000\n", "sums per key, sorted by key in byte order");
	aggregate_free(u);
}

static void
test_rollup(void)
{
	unsigned keys;
	struct aggregate *u;
	uint32_t u1, u2, ta, tb;
	const char *column;

	aggregate_parse_keys("month,track", &keys);
	u = aggregate_new(keys, 1, 0);
	u1 = aggregate_id(u, AGGREGATE_USER, "u1", 2);
	u2 = aggregate_id(u, AGGREGATE_USER, "u2", 2);
	tb = aggregate_id(u, AGGREGATE_TRACK, "tB", 2);
	ta = aggregate_id(u, AGGREGATE_TRACK, "tA", 2);
	/* tA: u2 and u1, 2 plays, 2 listens, 500 ms; tB: u1 twice and u2,
	 * 3 plays, 2 listens, 1110 ms; two distinct listeners each. */
	aggregate_add(u, OCT, 0, u1, tb, 1, 1, 100, 0, &column);
	aggregate_add(u, OCT, 0, u1, tb, 1, 0, 10, 0, &column);
	aggregate_add(u, OCT, 0, u2, ta, 1, 1, 200, 0, &column);
	aggregate_add(u, OCT, 0, u1, ta, 1, 1, 300, 0, &column);
	aggregate_add(u, OCT, 0, u2, tb, 1, 1, 1000, 0, &column);
	is_str(usage_text(u), "month,track,plays,listens,ms,users\n"
	    "2026-10,tA,2,2,500,2\n"
	    "2026-10,tB,3,2,1110,2\n", "--by month,track counts distinct users");
	aggregate_free(u);
}

static void
test_overflow(void)
{
	struct aggregate *u = aggregate_new(1u << AGGREGATE_TRACK, 0, 0);
	uint32_t t = aggregate_id(u, AGGREGATE_TRACK, "t", 1);
	const char *column = "unset";

	ok(aggregate_add(u, OCT, 0, 0, t, INT64_MAX, 1, 7, 0, &column) == 0 && column == NULL,
	    "a sum of INT64_MAX is fine");
	ok(aggregate_add(u, OCT, 0, 0, t, 0, 1, INT64_MAX, 0, &column) == -1 && strcmp(column, "ms") == 0,
	    "7 + INT64_MAX milliseconds overflows, naming ms");
	ok(aggregate_add(u, OCT, 0, 0, t, 1, 0, 0, 0, &column) == -1 && strcmp(column, "plays") == 0,
	    "one more play overflows, naming plays");
	is_str(usage_text(u), "track,plays,listens,ms\nt,9223372036854775807,1,7\n",
	    "a refused add changes nothing, not even the listens before the bad sum");
	aggregate_free(u);
}

static void
test_merge(void)
{
	struct aggregate_columns c, other;
	struct aggregate *u;
	struct table *t;
	char err[256], why[6][256];
	const char *fields[6];
	int rc[6];
	FILE *f;

	close(mkstemp(path));
	f = fopen(path, "w");
	fputs("month,track,plays,listens,ms,users\n"
	    "2026-10,tA,1,2,3,4\n"
	    "2026-10,tA,10,20,30,40\n"
	    "2026-09,tB,1,1,1,1\n"
	    "2026-13,tA,1,1,1,1\n"
	    "2026-10,tA,x,1,1,1\n"
	    "2026-10,tA,1,1,1,9223372036854775808\n", f);
	fclose(f);
	t = table_open(path, 0, err, sizeof err);
	ok(aggregate_columns(t, &c) == 0 && c.keys == 0x9 && c.has_users, "a rollup's columns");
	u = aggregate_new_merge(&c);
	for (int i = 0; i < 6 && table_next(t) == 1; i++)
		rc[i] = aggregate_add_row(u, t, &c, &fields[i], why[i], sizeof why[i]);
	ok(rc[0] == AGGREGATE_ROW_OK && rc[1] == AGGREGATE_ROW_OK && rc[2] == AGGREGATE_ROW_OK,
	    "good rows are added");
	ok(rc[3] == AGGREGATE_ROW_BAD && strcmp(fields[3], "month") == 0, "2026-13 is a bad month");
	ok(rc[4] == AGGREGATE_ROW_BAD && strcmp(fields[4], "plays") == 0 &&
	    strcmp(why[4], "not a non-negative integer: \"x\"") == 0, "x is not a count of plays");
	ok(rc[5] == AGGREGATE_ROW_BAD && strcmp(fields[5], "users") == 0 &&
	    strncmp(why[5], "too large", 9) == 0, "users past int64 is too large");
	/* tA: 1 + 10, 2 + 20, 3 + 30, users summed 4 + 40. */
	is_str(usage_text(u), "month,track,plays,listens,ms,users\n"
	    "2026-09,tB,1,1,1,1\n"
	    "2026-10,tA,11,22,33,44\n", "merged sums, sorted");
	other = c;
	other.has_users = 0;
	ok(!aggregate_same_columns(&c, &other), "files with and without users do not merge");
	table_close(t);
	aggregate_free(u);
	f = fopen(path, "w");
	fputs("track,plays,ms\nt,1,1\n", f);
	fclose(f);
	t = table_open(path, 0, err, sizeof err);
	ok(aggregate_columns(t, &c) == -1, "a file without listens is not usage");
	table_close(t);
	remove(path);
}

int
main(void)
{
	plan(25);
	test_keys();
	test_full();
	test_rollup();
	test_overflow();
	test_merge();
	{
		/* Shards are disjoint in users, month by month. */
		struct aggregate_shards *s = aggregate_shards_new();

		ok(aggregate_shards_check(s, "2026-10", "u1") == NULL, "a user in the first shard");
		ok(aggregate_shards_check(s, "2026-10", "u1") == NULL, "twice in the same shard is one user");
		aggregate_shards_next(s, "a.csv");
		ok(aggregate_shards_check(s, "2026-11", "u1") == NULL, "the same user in another month is fine");
		is_str(aggregate_shards_check(s, "2026-10", "u2") ? "?" : "none", "none", "another user is fine");
		is_str(aggregate_shards_check(s, "2026-10", "u1") ? aggregate_shards_check(s, "2026-10", "u1") : "",
		    "a.csv", "the same user and month in a second shard names the first");
		aggregate_shards_free(s);
	}
	return done_testing();
}
