/*
 * gen-cct - deterministic inputs for benchmarking 1d-cct:
 * gen-cct DIR TRACKS HOLDERS USAGE_ROWS writes DIR/catalog.csv,
 * DIR/ledger.csv (700 structures) and DIR/usage.csv (Zipf-like tracks).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x1dcc7000000000c7ULL;

static uint64_t
next(void)
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

static FILE *
create(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	return f;
}

int
main(int argc, char **argv)
{
	long tracks, holders, rows;
	FILE *f;

	if (argc != 5) {
		fprintf(stderr, "usage: gen-cct DIR TRACKS HOLDERS USAGE_ROWS\n");
		return 2;
	}
	tracks = atol(argv[2]);
	holders = atol(argv[3]);
	rows = atol(argv[4]);
	f = create(argv[1], "catalog.csv");
	fprintf(f, "track,holder,release_date,territories,status\n");
	for (long t = 0; t < tracks; t++)
		fprintf(f, "FR%09ld,H%06ld,20%02d-%02d-%02d,%s,%s\n", t, (long)(next() % (uint64_t)holders),
		    (int)(10 + next() % 17), (int)(1 + next() % 12), (int)(1 + next() % 28),
		    next() % 10 ? "FR BE" : "Worldwide", next() % 50 ? "active" : "takedown");
	fclose(f);
	f = create(argv[1], "ledger.csv");
	fprintf(f, "date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref\n");
	for (int s = 0; s < 700; s++)
		fprintf(f, "2026-01-05,s%03d,subscription,%d.%02d,EUR,20,2026-01-01,2026-12-31,r%d\n",
		    s, (int)(500 + next() % 5000), (int)(next() % 100), s);
	fclose(f);
	f = create(argv[1], "usage.csv");
	fprintf(f, "month,structure,user,track,plays,listens,ms\n");
	for (long i = 0; i < rows; i++) {
		long t = (long)pow((double)tracks, uniform()) - 1;
		long u = (long)(uniform() * 500000);
		int l = (int)(next() % 5);

		fprintf(f, "2026-10,s%03ld,u%06ld,FR%09ld,%d,%d,%d\n", u % 700, u, t, l + 1, l,
		    l * 180000 + (int)(next() % 1000));
	}
	fclose(f);
	return 0;
}
