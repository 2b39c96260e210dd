/* Unit tests for common/domain/ledger.c: accrual by days, VAT, society, bad rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apportion.h"
#include "date.h"
#include "ledger.h"
#include "tap.h"

#define HEADER "date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref\n"

static char path[] = "/tmp/1d-unit-ledger.XXXXXX";
static char err[512];
static int reports;
static char first_field[64];

static void
report(const char *file, long line, const char *field, const char *msg)
{
	(void)file;
	(void)line;
	(void)msg;
	if (reports++ == 0)
		snprintf(first_field, sizeof first_field, "%s", field);
}

static int
month(const char *text, int y, int m, int64_t society_rate, struct ledger_month *out)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	reports = 0;
	err[0] = '\0';
	return ledger_month(path, 0, y, m, "EUR", society_rate, out, report, err, sizeof err);
}

/* The full allocation of DESIGN.md 5.1 over every month of f..l. */
static int
check_share(int64_t amount, struct date f, struct date l)
{
	int from = date_month_index(f.year, f.month), to = date_month_index(l.year, l.month);
	size_t n = (size_t)(to - from + 1);
	struct apportion_item *items = calloc(n, sizeof *items);
	char (*keys)[8] = calloc(n, sizeof *keys);
	int same = 1;

	for (size_t i = 0; i < n; i++) {
		int idx = from + (int)i, y = idx / 12, m = idx % 12 + 1;
		int64_t start = idx == from ? f.day : 1, end = idx == to ? l.day : date_days_in_month(y, m);

		items[i].key = date_format_month(y, m, keys[i]);
		items[i].weight = end - start + 1;
	}
	apportion(amount, items, n);
	for (size_t i = 0; i < n && same; i++) {
		int idx = from + (int)i;

		same = ledger_month_share(amount, f, l, idx / 12, idx % 12 + 1) == items[i].amount;
		if (!same)
			fprintf(stderr, "# %lld over %04d-%02d-%02d..%04d-%02d-%02d: month %d", (long long)amount, f.year,
			    f.month, f.day, l.year, l.month, l.day, idx), fputc(10, stderr);
	}
	free(items);
	free(keys);
	return same;
}

int
main(void)
{
	struct ledger_month lm;
	/* 100.00 over 2026-10-15..2026-12-14: 17, 30 and 14 of 61 days. */
	const char *spread = HEADER "2026-10-15,s1,subscription,100.00,EUR,0,2026-10-15,2026-12-14,r\n";
	/* Three months' shares: 2786.89, 4918.03, 2295.08; the missing cent goes to October. */
	const int64_t want[] = { 0, 2787, 4918, 2295, 0 };
	int64_t sum = 0;

	close(mkstemp(path));
	plan(28);
	for (int i = 0; i < 5; i++) {
		int m = 9 + i, y = 2026;

		ok(month(spread, y, m, 0, &lm) == 0, "spread row read for month %d", m);
		is_int(lm.gross, want[i], "2026-%02d gets %lld cents", m, (long long)want[i]);
		sum += lm.gross;
		ledger_month_free(&lm);
	}
	is_int(sum, 10000, "the months' shares sum to the row's gross");

	/* VAT = gross * r / (100 + r), rounded half away from zero. */
	ok(month(HEADER "2026-10-01,s1,subscription,0.03,EUR,20,2026-10-01,2026-10-31,a\n", 2026, 10, 0,
	    &lm) == 0 && lm.vat == 1 && lm.net == 2, "VAT of 0.03 at 20 %% is 0.5 cent, rounded up to 1");
	ledger_month_free(&lm);
	ok(month(HEADER "2026-10-01,s1,refund,-0.03,EUR,20,2026-10-01,2026-10-31,a\n", 2026, 10, 0,
	    &lm) == 0 && lm.vat == -1 && lm.net == -2, "a refund's -0.5 cent of VAT rounds to -1");
	ledger_month_free(&lm);
	ok(month(HEADER "2026-10-01,s1,subscription,0.08,EUR,25,2026-10-01,2026-10-31,a\n", 2026, 10, 0,
	    &lm) == 0 && lm.vat == 2, "VAT of 0.08 at 25 %% is 1.6 cents, rounded to 2");
	ledger_month_free(&lm);

	/* Society 8.5 % of each structure's net; structures in byte order. */
	ok(month(HEADER "2026-10-01,s2,subscription,120.00,EUR,20,2026-10-01,2026-10-31,a\n"
	    "2026-10-01,s1,grant,10.00,EUR,0,2026-10-01,2026-10-31,b\n", 2026, 10, 85000, &lm) == 0,
	    "two structures read");
	ok(lm.n == 2 && strcmp(lm.s[0].structure, "s1") == 0 && strcmp(lm.s[1].structure, "s2") == 0,
	    "structures sorted by name");
	ok(lm.s[1].vat == 2000 && lm.s[1].net == 10000 && lm.s[1].society == 850 && lm.s[1].base == 9150,
	    "s2: 120.00 with 20 %% VAT is 100.00 net, 8.50 to the society, 91.50 base");
	/* 1000 * 8.5 % = 85 cents exactly. */
	ok(lm.s[0].society == 85 && lm.base == 9150 + 915, "s1's base, and the month's total base");
	ledger_month_free(&lm);

	/* A bad row is reported once, for its first bad field, and the month is refused. */
	ok(month(HEADER "2026-10-01,s1,subscription,lots,EUR,20,soon,never,a\n", 2026, 10, 0, &lm) == -1,
	    "a row with a malformed gross and period is refused");
	is_int(reports, 1, "and reported once");
	is_str(first_field, "gross", "for its first bad field");
	ok(month(HEADER "2026-10-01,s1,subscription,1.00,EUR,20,2026-10-01,later,a\n"
	    "2026-10-01,s1,subscription,1.00,USD,20,2026-10-01,2026-10-31,b\n", 2026, 10, 0, &lm) == -1 &&
	    reports == 2 && strstr(err, "bad rows, nothing computed") != NULL,
	    "every bad row reported, once each");
	ok(month("date,structure\n", 2026, 10, 0, &lm) == -2 && strstr(err, ":1: kind: no such column"),
	    "a missing column is -2, named as every tool names it");

	/* The closed-form accrual is the allocation over every month, exactly. */
	{
		int same = 1;

		srand(1);
		for (int k = 0; k < 3000 && same; k++) {
			struct date f = { 1990 + rand() % 20, 1 + rand() % 12, 1 };
			struct date l;
			int64_t amount = (int64_t)rand() * rand() % 100000000 - (k % 3 == 0 ? 50000000 : 0);

			if (k % 7 == 0)
				amount = INT64_MAX - rand();
			f.day = 1 + rand() % date_days_in_month(f.year, f.month);
			l = date_from_days(date_to_days(f) + rand() % (k % 5 == 0 ? 20000 : 800));
			same = check_share(amount, f, l);
		}
		ok(same, "3000 random periods: every month's share is the full allocation's");
	}
	{
		struct date f = { 1, 1, 1 }, l = { 9999, 12, 31 };
		__int128 sum = 0;
		int64_t amount = INT64_MAX;

		for (int y = 1; y <= 9999; y++)
			for (int m = 1; m <= 12; m++)
				sum += ledger_month_share(amount, f, l, y, m);
		ok(sum == amount, "0001-01-01..9999-12-31: 119988 shares in constant time each, summing to the gross");
		f = (struct date){ 1, 1, 1 };
		ok(month(HEADER "2026-10-01,s1,subscription,1000.00,EUR,0,0001-01-01,9999-12-31,a\n", 2026, 10,
		    0, &lm) == 0 && lm.gross == ledger_month_share(100000, f, l, 2026, 10),
		    "a hostile span is read at once");
		ledger_month_free(&lm);
	}
	ok(month(HEADER "2026-10-01,s1,subscription,92233720368547758.07,EUR,0,2026-10-01,2026-10-31,a\n"
	    "2026-10-01,s1,subscription,1.00,EUR,0,2026-10-01,2026-10-31,b\n", 2026, 10, 0, &lm) == -1 &&
	    reports == 1 && strcmp(first_field, "gross") == 0,
	    "a structure's gross past int64 is refused, never wrapped");
	ok(month(HEADER "2026-10-01,s1,subscription,92233720368547758.07,EUR,0,2026-10-01,2026-10-31,a\n"
	    "2026-10-01,s2,subscription,1.00,EUR,0,2026-10-01,2026-10-31,b\n", 2026, 10, 0, &lm) == -1 &&
	    strstr(err, "would pass") != NULL, "two structures' total past int64 is refused");
	unlink(path);
	return done_testing();
}
