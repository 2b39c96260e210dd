/*
 * gen-listens - a deterministic raw listen log for benchmarks:
 * gen-listens ROWS > log.csv.  Zipf-like track popularity over about a
 * million tracks, 500,000 users in 700 structures, a month of timestamps,
 * a quoted field now and then.  The same ROWS always give the same bytes.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x2026103100000001ULL;

static uint64_t
next(void)	/* xorshift64* */
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

static double
uniform(void)
{
	return (next() >> 11) * (1.0 / 9007199254740992.0);
}

int
main(int argc, char **argv)
{
	long rows = argc > 1 ? atol(argv[1]) : 10000000;
	const double tracks = 1000000, users = 500000;

	printf("ts,user,structure,track,ms_played,source\n");
	for (long i = 0; i < rows; i++) {
		/* Zipf-like: rank = tracks^u, so popularity falls as 1/rank. */
		long track = (long)pow(tracks, uniform());
		long user = (long)(uniform() * users);
		long second = (long)(uniform() * 31 * 86400);
		long ms = uniform() < 0.2 ? (long)(uniform() * 30000) : 30000 + (long)(uniform() * 270000);
		int quoted = next() % 50 == 0;

		printf("2026-10-%02ldT%02ld:%02ld:%02ldZ,u%06ld,s%03ld,%sFR%09ld%s,%ld,%s\n",
		    1 + second / 86400, second / 3600 % 24, second / 60 % 60, second % 60,
		    user, user % 700, quoted ? "\"" : "", track, quoted ? "\"" : "", ms,
		    next() % 20 == 0 ? "\"capsule:c1,c2\"" : "");
	}
	return 0;
}
