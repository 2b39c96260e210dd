/*
 * Unit tests for common/domain/intake.c: the month kept, deduplication,
 * the qualifying threshold, the daily cap and pseudonyms, with expected
 * usage worked out by hand.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "intake.h"
#include "tap.h"
#include "usage_text.h"

#define OCT 24321		/* date_month_index(2026, 10) */
#define T0 1791194400000LL	/* 2026-10-05T10:00:00Z */
#define DAY 86400000LL

static int
add(struct intake *in, int64_t ts, const char *user, int64_t ms)
{
	struct listen l = { .ts_ms = ts, .user = user, .structure = "s1", .track = "t1",
		.user_len = strlen(user), .structure_len = 2, .track_len = 2, .ms_played = ms };
	const char *column;

	return intake_add(in, &l, &column);
}

static void
test_rules(void)
{
	struct intake_rules r = { .month = OCT, .min_ms = 30000, .max_per_day = 2,
		.zone = date_zone_open(NULL) };
	struct aggregate *u = aggregate_new(AGGREGATE_ALL_KEYS, 1, 0);
	struct intake *in = intake_new(&r, u);
	const struct intake_counts *n;

	ok(add(in, T0, "u1", 40000) == INTAKE_KEPT, "a listen is kept");
	ok(add(in, T0, "u1", 10) == INTAKE_DUPLICATE, "the same instant, user and track is a duplicate");
	ok(add(in, T0 + 1, "u1", 40000) == INTAKE_KEPT, "a millisecond later is another listen");
	ok(add(in, T0 + 2, "u1", 40000) == INTAKE_KEPT, "a third qualified listen that day is kept");
	add(in, T0 + 3, "u1", 1000);		/* kept, under the threshold */
	add(in, T0 + DAY, "u1", 40000);		/* a new day, qualified */
	ok(add(in, T0, "u2", 40000) == INTAKE_KEPT, "another user at the same instant is kept");
	ok(add(in, 1793491200000LL, "u1", 40000) == INTAKE_OTHER_MONTH, "2026-11-01T00:00Z is November");
	ok(add(in, 1790812799999LL, "u1", 40000) == INTAKE_OTHER_MONTH, "2026-09-30T23:59:59.999Z is September");
	n = intake_counts(in);
	/* Kept: the listens at T0, +1, +2, +3, +DAY and u2's; qualified: T0, +1,
	 * +DAY and u2's, the one at +2 being over the cap of 2 a day. */
	ok(n->kept == 6 && n->duplicates == 1 && n->other_months == 2, "kept 6, 1 duplicate, 2 other months");
	ok(n->qualified == 4 && n->capped == 1, "4 qualified, 1 over the daily cap");
	/* u1: 5 plays, 3 listens, 4 * 40000 + 1000 ms. */
	is_str(usage_text(u), "month,structure,user,track,plays,listens,ms\n"
	    "2026-10,s1,u1,t1,5,3,161000\n"
	    "2026-10,s1,u2,t1,1,1,40000\n", "usage");
	intake_free(in);
	aggregate_free(u);
	date_zone_close(r.zone);
}

static void
test_zone(void)
{
	struct intake_rules r = { .month = OCT, .zone = date_zone_open("Europe/Paris") };
	struct aggregate *u = aggregate_new(AGGREGATE_ALL_KEYS, 1, 0);
	struct intake *in = intake_new(&r, u);

	/* 2026-09-30T22:30Z is 00:30 on 1 October in Paris (UTC+2). */
	ok(add(in, 1790807400000LL, "u1", 0) == INTAKE_KEPT, "months are local to the zone");
	intake_free(in);
	aggregate_free(u);
	date_zone_close(r.zone);
}

static void
test_pseudonyms(void)
{
	struct intake_rules r = { .month = -1, .zone = date_zone_open(NULL),
		.key = "0123456789abcdef", .keylen = 16 };
	unsigned keys;
	struct aggregate *u;
	struct intake *in;
	char path[] = "/tmp/1d-unit-intake.XXXXXX", err[256];
	size_t len;
	char *key;
	FILE *f;

	aggregate_parse_keys("user", &keys);
	u = aggregate_new(keys, 1, 0);
	in = intake_new(&r, u);
	add(in, T0, "u1", 0);
	add(in, T0 + 1, "u1", 0);
	/* HMAC-SHA-256 of "u1" keyed "0123456789abcdef" (Python's hmac); with
	 * min_ms 0 both listens of 0 ms qualify. */
	is_str(usage_text(u), "user,plays,listens,ms\n"
	    "5162bddb18bda0082a7b39c472f7d118234c897c39ed61e775751c91fafdc56f,2,2,0\n",
	    "users are replaced by their HMAC");
	intake_free(in);
	aggregate_free(u);
	date_zone_close(r.zone);

	close(mkstemp(path));
	f = fopen(path, "w");
	fputs("0123456789abcdef\r\n", f);
	fclose(f);
	key = intake_read_key(path, &len, err, sizeof err);
	ok(key && len == 16 && memcmp(key, "0123456789abcdef", 16) == 0, "a key file without its newline");
	free(key);
	f = fopen(path, "w");
	fputs("short\n", f);
	fclose(f);
	ok(intake_read_key(path, &len, err, sizeof err) == NULL && strstr(err, "at least 16 bytes"),
	    "a key under 16 bytes is refused");
	remove(path);
}

int
main(void)
{
	plan(14);
	test_rules();
	test_zone();
	test_pseudonyms();
	return done_testing();
}
