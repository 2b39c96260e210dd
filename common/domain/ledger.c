#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "intern.h"
#include "ledger.h"
#include "money.h"
#include "num.h"
#include "table.h"

/*
 * Accrual without a loop over the months of the period.
 *
 * alloc(T, days of each month) over every month of first..last (DESIGN.md
 * 5.1) gives a month q = floor(T*w/W) cents, plus one when its remainder
 * T*w mod W ranks among the T - sum(q) largest (ties by ascending month,
 * which is chronological order).  The months of a period weigh their
 * days: the first and the last may be partial, and every month between
 * weighs 28, 29, 30 or 31, so the sum of the q and the rank of a
 * remainder are counted per weight, in closed form, for any span: the
 * result is the same cent as the full allocation, exactly.
 */

/* Leap years among years 0 .. y-1 (proleptic Gregorian; year 0 is leap). */
static int64_t
leaps_before(int64_t y)
{
	return y <= 0 ? 0 : (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
}

/* Months with `days` days among month indexes 0 .. idx-1. */
static int64_t
months_before(int64_t idx, int days)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t y = idx / 12, rm = idx % 12, n = 0;

	if (idx <= 0)
		return 0;
	if (days == 30 || days == 31) {
		for (int m = 0; m < 12; m++)
			if (mdays[m] == days)
				n += y + (m < rm);
		return n;
	}
	/* February: 29 days in leap years, 28 in the others. */
	{
		int64_t feb = y + (rm > 1);	/* Februaries before idx: years 0 .. feb-1 */
		int64_t leap = leaps_before(feb);

		return days == 29 ? leap : feb - leap;
	}
}

/* Months with `days` days among month indexes a .. b (inclusive); 0 if a > b. */
static int64_t
months_between(int64_t a, int64_t b, int days)
{
	return a > b ? 0 : months_before(b + 1, days) - months_before(a, days);
}

int64_t
ledger_month_share(int64_t amount, struct date first, struct date last, int year, int month)
{
	int64_t from = date_month_index(first.year, first.month);
	int64_t to = date_month_index(last.year, last.month);
	int64_t target = date_month_index(year, month);
	/* The singletons: the first and the last month, whole or partial. */
	int64_t w_first, w_last, w_target, W;
	__int128 t, r_target, given = 0, above = 0;
	int neg = amount < 0;
	struct { int64_t idx, weight; } ends[2];
	int nends;

	if (target < from || target > to)
		return 0;
	if (from == to)
		return amount;
	t = neg ? -(__int128)amount : (__int128)amount;
	w_first = date_days_in_month(first.year, first.month) - first.day + 1;
	w_last = last.day;
	W = date_to_days(last) - date_to_days(first) + 1;
	w_target = target == from ? w_first : target == to ? w_last :
	    date_days_in_month(year, month);
	r_target = t * w_target % W;
	ends[0].idx = from, ends[0].weight = w_first;
	ends[1].idx = to, ends[1].weight = w_last;
	nends = 2;
	for (int i = 0; i < nends; i++) {
		__int128 p = t * ends[i].weight, r = p % W;

		given += p / W;
		if (ends[i].idx != target && (r > r_target || (r == r_target && ends[i].idx < target)))
			above++;
	}
	for (int days = 28; days <= 31; days++) {
		int64_t n = months_between(from + 1, to - 1, days);
		__int128 p = t * days, r = p % W;

		if (n == 0)
			continue;
		given += (__int128)n * (p / W);
		if (r > r_target)
			above += n;
		else if (r == r_target)
			/* Ties go by month: those of this weight before the target. */
			above += months_between(from + 1, (target - 1 < to - 1 ? target - 1 : to - 1), days);
	}
	{
		__int128 q = t * w_target / W, left = t - given;
		int64_t share = (int64_t)(q + (above < left ? 1 : 0));

		return neg ? -share : share;
	}
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
	/* The sign follows the kind: a sign error would move money the wrong way. */
	if (row->gross < 0 && (strcmp(kind, "subscription") == 0 || strcmp(kind, "grant") == 0))
		BAD("gross", "a %s is never negative: \"%s\"", kind, table_field(t, col[GROSS]));
	if (row->gross > 0 && strcmp(kind, "refund") == 0)
		BAD("gross", "a refund is never positive: \"%s\"", table_field(t, col[GROSS]));
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

/*
 * The refs met so far and the line of each: a payment booked twice is an
 * error naming both lines, not income.  An empty ref is not checked.
 */
struct refs {
	struct intern *names;
	long *line;
	size_t cap;
};

/* 0, or the line on which ref was already booked. */
static long
refs_add(struct refs *r, const char *ref, size_t len, long line)
{
	uint32_t id;

	if (len == 0)
		return 0;
	if ((id = intern_find(r->names, ref, len)) != INTERN_NONE)
		return r->line[id];
	id = intern_add(r->names, ref, len);
	if (id >= r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->line = err_realloc(r->line, r->cap * sizeof *r->line);
	}
	r->line[id] = line;
	return 0;
}

#define OVERFLOW_WHY "the sum would pass 92233720368547758.07: refused, never wrapped"

/* Each structure's net, society share and base, and the month's totals; -1 on overflow. */
static int
ledger_totals(struct ledger_month *out, int64_t society_rate, const char *path, char *errbuf,
    size_t errlen)
{
	if (out->n > 0)
		qsort(out->s, out->n, sizeof *out->s, by_structure);
	for (size_t i = 0; i < out->n; i++) {
		struct ledger_structure *s = &out->s[i];
		__int128 net = (__int128)s->gross - s->vat;

		if (net > INT64_MAX || net < -INT64_MAX) {
			snprintf(errbuf, errlen, "%s: structure %s: net: %s", path, s->structure, OVERFLOW_WHY);
			return -1;
		}
		s->net = (int64_t)net;
		money_div_round((__int128)s->net * society_rate, 1000000, &s->society);
		s->base = s->net - s->society;
		if (num_add(&out->gross, s->gross) || num_add(&out->vat, s->vat) ||
		    num_add(&out->net, s->net) || num_add(&out->society, s->society) ||
		    num_add(&out->base, s->base) || out->gross == INT64_MIN || out->base == INT64_MIN) {
			snprintf(errbuf, errlen, "%s: the month's total over the structures: %s", path,
			    OVERFLOW_WHY);
			return -1;
		}
	}
	return 0;
}

int
ledger_month(const char *path, int flags, int year, int month, const char *currency,
    int64_t society_rate, struct ledger_month *out,
    void (*report)(const char *file, long line, const char *field, const char *msg),
    char *errbuf, size_t errlen)
{
	static const char *const names[] = { "date", "structure", "kind", "gross", "currency",
		"vat_rate", "period_start", "period_end" };
	struct table *t = table_open(path, flags | TABLE_BAD_ROWS, errbuf, errlen);
	int col[NCOL], r, bad = 0, ref;
	struct refs refs = { NULL, NULL, 0 };

	memset(out, 0, sizeof *out);
	if (t == NULL)
		return -2;
	refs.names = intern_new();
	if (table_columns(t, names, NCOL, col, errbuf, errlen) != 0) {
		table_close(t);
		intern_free(refs.names);
		return -2;
	}
	ref = table_col(t, "ref");
	while ((r = table_next(t)) > 0) {
		struct ledger_row row;
		const char *field;
		char why[512];
		int64_t g, v;

		out->rows++;
		if (r == TABLE_BAD) {
			report(table_name(t), table_line(t), NULL, table_error(t));
			bad = 1;
			continue;
		}
		if (parse_row(t, col, currency, &row, &field, why, sizeof why) != 0) {
			report(table_name(t), table_line(t), field, why);
			bad = 1;
			continue;
		}
		if (ref >= 0) {
			long first = refs_add(&refs, table_field(t, ref), table_fieldlen(t, ref), table_line(t));

			if (first > 0) {
				snprintf(why, sizeof why, "\"%s\" is also the ref of line %ld: a payment booked "
				    "twice", table_field(t, ref), first);
				report(table_name(t), table_line(t), "ref", why);
				bad = 1;
				continue;
			}
		}
		g = ledger_month_share(row.gross, row.first, row.last, year, month);
		v = ledger_month_share(row.vat, row.first, row.last, year, month);
		if (g != 0 || v != 0) {
			struct ledger_structure *s = structure_entry(out, row.structure);

			if (num_add(&s->gross, g) != 0 || num_add(&s->vat, v) != 0 ||
			    s->gross == INT64_MIN) {
				report(table_name(t), table_line(t), "gross", "the structure's sum for the "
				    "month would pass 92233720368547758.07: refused, never wrapped");
				bad = 1;
				continue;
			}
			out->rows_in_month++;
		}
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		intern_free(refs.names);
		free(refs.line);
		ledger_month_free(out);
		return -2;
	}
	table_close(t);
	intern_free(refs.names);
	free(refs.line);
	if (bad) {
		snprintf(errbuf, errlen, "%s: bad rows, nothing computed", path);
		ledger_month_free(out);
		return -1;
	}
	if (ledger_totals(out, society_rate, path, errbuf, errlen) != 0) {
		ledger_month_free(out);
		return -1;
	}
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
