#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "err.h"
#include "money.h"
#include "table.h"
#include "transparency.h"

static int
by_amount_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y) - (x > y);
}

/* Percent with one decimal, exactly rounded: part of whole. */
static void
percent(FILE *fp, int64_t part, int64_t whole)
{
	int64_t v = 0;

	if (whole != 0)
		money_div_round((__int128)part * 1000, whole, &v);
	fprintf(fp, "%" PRId64 ".%" PRId64 " %%", v / 10, v % 10);
}

static int
put_summary(FILE *fp, const char *summary, char *errbuf, size_t errlen)
{
	struct table *t = table_open(summary, 0, errbuf, errlen);
	int k, v;

	if (t == NULL)
		return -1;
	k = table_col(t, "key");
	v = table_col(t, "value");
	fprintf(fp, "From the month's summary:\n");
	while (k >= 0 && v >= 0 && table_next(t) == 1)
		fprintf(fp, "  %-20s %s\n", table_field(t, k), table_field(t, v));
	table_close(t);
	fputc('\n', fp);
	return 0;
}

static void
put_parts(FILE *fp, const struct statement_month *m)
{
	static const struct { const char *label; enum payout_part part; } lines[] = {
		{ "operations", PAYOUT_OPERATIONS }, { "research, develop.", PAYOUT_RND },
		{ "solidarity fund", PAYOUT_FUND }, { "fixed part", PAYOUT_FIXED },
		{ "variable part", PAYOUT_VARIABLE }, { "unallocated", PAYOUT_UNALLOCATED },
		{ "held in suspense", PAYOUT_SUSPENSE }, { "released", PAYOUT_RELEASED },
	};
	char buf[MONEY_BUFSZ];

	fprintf(fp, "Money shared: %s\n", money_format(m->total, buf));
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		/* Suspense lines only for the months that have them: others read as before. */
		if ((lines[i].part != PAYOUT_SUSPENSE && lines[i].part != PAYOUT_RELEASED) ||
		    m->parts[lines[i].part] != 0)
			fprintf(fp, "  %-19s %12s\n", lines[i].label, money_format(m->parts[lines[i].part], buf));
	fputc('\n', fp);
}

/* What the top 1 % and the top 10 % of holders received, by their earnings. */
static void
put_top_shares(FILE *fp, const struct statement_month *m)
{
	int64_t *amounts = err_calloc(m->n + 1, sizeof *amounts), total = 0;
	char buf[MONEY_BUFSZ];

	for (size_t i = 0; i < m->n; i++) {
		amounts[i] = m->s[i].earned;
		total += amounts[i];
	}
	qsort(amounts, m->n, sizeof *amounts, by_amount_desc);
	fprintf(fp, "Rights holders: %zu, paid %s in all\n", m->n, money_format(total, buf));
	for (int share = 1; share <= 10; share += 9) {
		size_t top = (m->n * (size_t)share + 99) / 100;
		int64_t sum = 0;

		for (size_t i = 0; i < top && i < m->n; i++)
			sum += amounts[i];
		fprintf(fp, "  the top %2d %% (%zu holder%s) received ", share, top, top == 1 ? "" : "s");
		percent(fp, sum, total);
		fputc('\n', fp);
	}
	free(amounts);
}

/* The sum of each model's column of a comparison. */
static int
put_compare(FILE *fp, const char *compare, char *errbuf, size_t errlen)
{
	struct table *t = table_open(compare, 0, errbuf, errlen);
	int64_t *sums, v;
	char buf[MONEY_BUFSZ];

	if (t == NULL)
		return -1;
	sums = err_calloc((size_t)table_ncols(t) + 1, sizeof *sums);
	while (table_next(t) == 1)
		for (int c = 1; c < table_ncols(t); c++)
			if (money_parse(table_field(t, c), &v) == 0)
				sums[c] += v;
	fprintf(fp, "\nThe same month under every model (amounts to holders):\n");
	for (int c = 1; c < table_ncols(t); c++)
		fprintf(fp, "  %-16s %12s\n", table_colname(t, c), money_format(sums[c], buf));
	free(sums);
	table_close(t);
	return 0;
}

int
transparency_write(FILE *fp, const struct statement_month *m, const char *currency,
    const char *summary, const char *compare, char *errbuf, size_t errlen)
{
	fprintf(fp, "The month %s (model %s), amounts in %s\n\n", m->month, m->model, currency);
	if (summary && put_summary(fp, summary, errbuf, errlen) != 0)
		return -1;
	put_parts(fp, m);
	put_top_shares(fp, m);
	if (compare && put_compare(fp, compare, errbuf, errlen) != 0)
		return -1;
	return 0;
}
