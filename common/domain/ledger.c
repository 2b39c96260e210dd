#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "date.h"
#include "err.h"
#include "ledger.h"
#include "money.h"
#include "table.h"

/* The share of amount that falls in month (year, month) when spread over
 * first..last by days. */
static int64_t
month_share(int64_t amount, struct date first, struct date last, int year, int month)
{
	int from = date_month_index(first.year, first.month);
	int to = date_month_index(last.year, last.month);
	int target = date_month_index(year, month);
	size_t n = (size_t)(to - from + 1);
	struct apportion_item *items;
	char (*keys)[8];
	int64_t share = 0;

	if (target < from || target > to)
		return 0;
	if (n == 1)
		return amount;
	items = err_calloc(n, sizeof *items);
	keys = err_calloc(n, sizeof *keys);
	for (size_t i = 0; i < n; i++) {
		int idx = from + (int)i, y = idx / 12, m = idx % 12 + 1;
		int64_t start = 1, end = date_days_in_month(y, m);

		if (idx == from)
			start = first.day;
		if (idx == to)
			end = last.day;
		items[i].key = date_format_month(y, m, keys[i]);
		items[i].weight = end - start + 1;
	}
	apportion(amount, items, n);
	share = items[target - from].amount;
	free(items);
	free(keys);
	return share;
}

static struct ledger_structure *
structure_entry(struct ledger_month *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->s[i].structure, name) == 0)
			return &m->s[i];
	m->s = err_realloc(m->s, (m->n + 1) * sizeof *m->s);
	memset(&m->s[m->n], 0, sizeof *m->s);
	m->s[m->n].structure = err_strdup(name);
	return &m->s[m->n++];
}

static int
by_structure(const void *a, const void *b)
{
	return strcmp(((const struct ledger_structure *)a)->structure,
	    ((const struct ledger_structure *)b)->structure);
}

enum { DATE, STRUCTURE, KIND, GROSS, CURRENCY, VAT_RATE, PERIOD_START, PERIOD_END, NCOL };

/* One row of the ledger, checked. */
struct ledger_row {
	const char *structure;
	int64_t gross, vat;
	struct date first, last;
};

/*
 * Check a row and compute its VAT; 0, or -1 with the first bad field and
 * why.  A row is reported once, for its first bad field, and nothing of
 * it is used.
 */
static int
parse_row(const struct table *t, const int *col, const char *currency, struct ledger_row *row,
    const char **field, char *why, size_t n)
{
	const char *kind = table_field(t, col[KIND]);
	struct date d;
	int64_t rate;
	int rc;

#define BAD(f, ...) do { *field = (f); snprintf(why, n, __VA_ARGS__); return -1; } while (0)
	if (date_parse(table_field(t, col[DATE]), &d) != 0)
		BAD("date", "not a date: \"%s\"", table_field(t, col[DATE]));
	if (table_fieldlen(t, col[STRUCTURE]) == 0)
		BAD("structure", "empty");
	if (strcmp(kind, "subscription") && strcmp(kind, "refund") && strcmp(kind, "grant") &&
	    strcmp(kind, "adjustment"))
		BAD("kind", "not subscription, refund, grant or adjustment: \"%s\"", kind);
	if ((rc = money_parse(table_field(t, col[GROSS]), &row->gross)) != 0)
		BAD("gross", "%s: \"%s\"", money_strerror(rc), table_field(t, col[GROSS]));
	if (strcmp(table_field(t, col[CURRENCY]), currency) != 0)
		BAD("currency", "\"%s\" is not the policy's currency %s", table_field(t, col[CURRENCY]),
		    currency);
	if (money_parse_scaled(table_field(t, col[VAT_RATE]), 4, &rate) != 0 || rate < 0 ||
	    rate > 1000000)
		BAD("vat_rate", "not a rate from 0 to 100: \"%s\"", table_field(t, col[VAT_RATE]));
	if (date_parse(table_field(t, col[PERIOD_START]), &row->first) != 0)
		BAD("period_start", "not a date: \"%s\"", table_field(t, col[PERIOD_START]));
	if (date_parse(table_field(t, col[PERIOD_END]), &row->last) != 0)
		BAD("period_end", "not a date: \"%s\"", table_field(t, col[PERIOD_END]));
	if (date_cmp(row->first, row->last) > 0)
		BAD("period_end", "before period_start");
	/* vat = gross * r / (100 + r), r scaled by 10^4 on both sides. */
	if (money_div_round((__int128)row->gross * rate, (__int128)1000000 + rate, &row->vat) != 0)
		BAD("gross", "amount out of range");
#undef BAD
	row->structure = table_field(t, col[STRUCTURE]);
	return 0;
}

/* Each structure's net, society share and base, and the month's totals. */
static void
ledger_totals(struct ledger_month *out, int64_t society_rate)
{
	if (out->n > 0)
		qsort(out->s, out->n, sizeof *out->s, by_structure);
	for (size_t i = 0; i < out->n; i++) {
		struct ledger_structure *s = &out->s[i];

		s->net = s->gross - s->vat;
		money_div_round((__int128)s->net * society_rate, 1000000, &s->society);
		s->base = s->net - s->society;
		out->gross += s->gross;
		out->vat += s->vat;
		out->net += s->net;
		out->society += s->society;
		out->base += s->base;
	}
}

int
ledger_month(const char *path, int flags, int year, int month, const char *currency,
    int64_t society_rate, struct ledger_month *out,
    void (*report)(const char *file, long line, const char *field, const char *msg),
    char *errbuf, size_t errlen)
{
	static const char *names[] = { "date", "structure", "kind", "gross", "currency", "vat_rate",
		"period_start", "period_end" };
	struct table *t = table_open(path, flags, errbuf, errlen);
	int col[NCOL], r, bad = 0;

	memset(out, 0, sizeof *out);
	if (t == NULL)
		return -2;
	for (int i = 0; i < NCOL; i++) {
		if ((col[i] = table_col(t, names[i])) < 0) {
			snprintf(errbuf, errlen, "%s:1: no \"%s\" column", table_name(t), names[i]);
			table_close(t);
			return -2;
		}
	}
	while ((r = table_next(t)) == 1) {
		struct ledger_row row;
		const char *field;
		char why[512];
		int64_t g, v;

		out->rows++;
		if (parse_row(t, col, currency, &row, &field, why, sizeof why) != 0) {
			report(table_name(t), table_line(t), field, why);
			bad = 1;
			continue;
		}
		g = month_share(row.gross, row.first, row.last, year, month);
		v = month_share(row.vat, row.first, row.last, year, month);
		if (g != 0 || v != 0) {
			struct ledger_structure *s = structure_entry(out, row.structure);

			s->gross += g;
			s->vat += v;
			out->rows_in_month++;
		}
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		ledger_month_free(out);
		return -1;
	}
	table_close(t);
	if (bad) {
		snprintf(errbuf, errlen, "%s: bad rows, nothing computed", path);
		ledger_month_free(out);
		return -1;
	}
	ledger_totals(out, society_rate);
	return 0;
}

void
ledger_month_free(struct ledger_month *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->s[i].structure);
	free(m->s);
	memset(m, 0, sizeof *m);
}
