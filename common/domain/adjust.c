#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adjust.h"
#include "date.h"
#include "err.h"
#include "money.h"
#include "num.h"

/* One side of a restatement: a month's payout lines, keyed and sorted. */
struct side {
	char month[8], model[32];
	struct adjust_line *l;	/* before holds the line's amount */
	size_t n;
	int64_t total;
};

static int
by_key(const void *pa, const void *pb)
{
	const struct adjust_line *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->month, b->month)) != 0 || (c = strcmp(a->holder, b->holder)) != 0)
		return c;
	/* Parts are numbered in byte order of their names (payout.h). */
	if (a->part != b->part)
		return a->part < b->part ? -1 : 1;
	return strcmp(a->track, b->track);
}

static void
free_lines(struct adjust_line *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].holder);
		free(l[i].track);
	}
	free(l);
}

static int
read_side(struct side *s, const char *path, int flags, char *errbuf, size_t errlen)
{
	struct payout_reader *r;
	struct payout_line pl;
	const char *field;
	char err[512];
	int rc;

	if ((r = payout_open(path, flags, errbuf, errlen)) == NULL)
		return -1;
	while ((rc = payout_next(r, &pl, &field, err, sizeof err)) == 1) {
		struct adjust_line *l;

		if (s->n == 0) {
			snprintf(s->month, sizeof s->month, "%s", pl.month);
			snprintf(s->model, sizeof s->model, "%s", pl.model);
		} else if (strcmp(s->month, pl.month) != 0 || strcmp(s->model, pl.model) != 0) {
			snprintf(errbuf, errlen, "%s:%ld: month: %s %s after %s %s: one month and model", path,
			    payout_lineno(r), pl.month, pl.model, s->month, s->model);
			rc = -3;
			break;
		}
		if (num_add(&s->total, pl.amount) != 0) {
			snprintf(errbuf, errlen, "%s:%ld: amount: the total leaves the range of amounts", path,
			    payout_lineno(r));
			rc = -3;
			break;
		}
		s->l = err_realloc(s->l, (s->n + 1) * sizeof *s->l);
		l = &s->l[s->n++];
		memset(l, 0, sizeof *l);
		snprintf(l->month, sizeof l->month, "%s", pl.month);
		l->holder = err_strdup(pl.holder);
		l->track = err_strdup(pl.track);
		l->part = pl.part;
		l->before = pl.amount;
	}
	if (rc == -1 || rc == -2)
		snprintf(errbuf, errlen, "%s:%ld: %s%s%s", path, payout_lineno(r), rc == -1 && field ? field : "",
		    rc == -1 && field ? ": " : "", err);
	payout_close(r);
	if (rc != 0)
		return -1;
	if (s->n > 0)
		qsort(s->l, s->n, sizeof *s->l, by_key);
	for (size_t i = 1; i < s->n; i++)
		if (by_key(&s->l[i - 1], &s->l[i]) == 0) {
			snprintf(errbuf, errlen, "%s: two %s lines for holder \"%s\", track \"%s\"", path,
			    payout_part_names[s->l[i].part], s->l[i].holder, s->l[i].track);
			return -1;
		}
	return 0;
}

/* Add the line of key k with before and after amounts, unless they are equal. */
static int
add_change(struct adjust_set *a, const struct adjust_line *k, int64_t before, int64_t after)
{
	struct adjust_line *l;
	int64_t delta;

	if (before == after)
		return 0;
	if (__builtin_sub_overflow(after, before, &delta) || num_add(&a->delta, delta) != 0)
		return -1;
	a->l = err_realloc(a->l, (a->n + 1) * sizeof *a->l);
	l = &a->l[a->n++];
	*l = *k;
	l->holder = err_strdup(k->holder);
	l->track = err_strdup(k->track);
	l->before = before;
	l->after = after;
	l->delta = delta;
	return 0;
}

int
adjust_diff(struct adjust_set *a, const char *before, const char *after, int flags, char *errbuf,
    size_t errlen)
{
	struct side o = { 0 }, n = { 0 };
	size_t i = 0, j = 0;
	int rc = -1;

	memset(a, 0, sizeof *a);
	if (read_side(&o, before, flags, errbuf, errlen) != 0 || read_side(&n, after, flags, errbuf, errlen) != 0)
		goto done;
	if (o.n > 0 && n.n > 0 && (strcmp(o.month, n.month) != 0 || strcmp(o.model, n.model) != 0)) {
		snprintf(errbuf, errlen, "%s is %s %s, %s is %s %s: not the same month", before, o.month, o.model,
		    after, n.month, n.model);
		goto done;
	}
	while (i < o.n || j < n.n) {
		int c = i == o.n ? 1 : j == n.n ? -1 : by_key(&o.l[i], &n.l[j]);
		int bad;

		if (c < 0)
			bad = add_change(a, &o.l[i], o.l[i].before, 0), i++;
		else if (c > 0)
			bad = add_change(a, &n.l[j], 0, n.l[j].before), j++;
		else
			bad = add_change(a, &o.l[i], o.l[i].before, n.l[j].before), i++, j++;
		if (bad) {
			snprintf(errbuf, errlen, "%s: a difference leaves the range of amounts", after);
			goto done;
		}
	}
	a->before = o.total;
	a->after = n.total;
	rc = 0;
done:
	free_lines(o.l, o.n);
	free_lines(n.l, n.n);
	if (rc != 0)
		adjust_free(a);
	return rc;
}

void
adjust_write(const struct adjust_set *a, struct table_writer *w)
{
	table_put_header(w, ADJUST_COLUMNS);
	for (size_t i = 0; i < a->n; i++) {
		const struct adjust_line *l = &a->l[i];

		table_put(w, l->month);
		table_put(w, l->holder);
		table_put(w, payout_part_names[l->part]);
		table_put(w, l->track);
		table_put_money(w, l->before);
		table_put_money(w, l->after);
		table_put_money(w, l->delta);
		table_end_row(w);
	}
}

enum { COL_MONTH, COL_HOLDER, COL_PART, COL_TRACK, COL_OLD, COL_NEW, COL_DELTA, NCOLS };
static const char *const column_names[NCOLS] = { "month", "holder", "part", "track", "old", "new", "delta" };

/* Line l from the current row, or -1 with the bad field and why. */
static int
parse_row(struct table *t, const int *col, struct adjust_line *l, const char **field, char *why, size_t n)
{
	static const int money_cols[3] = { COL_OLD, COL_NEW, COL_DELTA };
	int64_t *amounts[3] = { &l->before, &l->after, &l->delta };
	const char *month = table_field(t, col[COL_MONTH]);
	int y, m, p, rc;
	int64_t delta;

	if (date_parse_month(month, &y, &m) != 0) {
		*field = "month";
		snprintf(why, n, "not a month (YYYY-MM): \"%s\"", month);
		return -1;
	}
	snprintf(l->month, sizeof l->month, "%s", month);
	if ((p = payout_part_parse(table_field(t, col[COL_PART]))) < 0) {
		*field = "part";
		snprintf(why, n, "not a part: \"%s\"", table_field(t, col[COL_PART]));
		return -1;
	}
	l->part = p;
	for (int k = 0; k < 3; k++) {
		const char *s = table_field(t, col[money_cols[k]]);

		if ((rc = money_parse(s, amounts[k])) != 0) {
			*field = column_names[money_cols[k]];
			snprintf(why, n, "%s: \"%s\"", money_strerror(rc), s);
			return -1;
		}
	}
	if (__builtin_sub_overflow(l->after, l->before, &delta) || delta != l->delta) {
		*field = "delta";
		snprintf(why, n, "is not new - old");
		return -1;
	}
	return 0;
}

int
adjust_read(struct adjust_set *a, const char *path, int flags, payout_report_fn *report)
{
	char err[512];
	struct table *t;
	int col[NCOLS], r, bad = 0;

	memset(a, 0, sizeof *a);
	if ((t = table_open(path, flags | TABLE_BAD_ROWS, err, sizeof err)) == NULL ||
	    table_columns(t, column_names, NCOLS, col, err, sizeof err) != 0) {
		report(NULL, 0, NULL, err);
		if (t)
			table_close(t);
		return -2;
	}
	while ((r = table_next(t)) != 0) {
		struct adjust_line l = { 0 };
		const char *field = NULL;

		if (r < 0) {
			report(table_name(t), table_line(t), NULL, table_error(t));
			table_close(t);
			adjust_free(a);
			return -2;
		}
		if (r == TABLE_BAD || parse_row(t, col, &l, &field, err, sizeof err) != 0) {
			report(table_name(t), table_line(t), field, r == TABLE_BAD ? table_error(t) : err);
			bad = 1;
			continue;
		}
		if (num_add(&a->delta, l.delta) != 0) {
			report(table_name(t), table_line(t), "delta", "the sum leaves the range of amounts");
			bad = 1;
			continue;
		}
		l.line = table_line(t);
		l.holder = err_strdup(table_field(t, col[COL_HOLDER]));
		l.track = err_strdup(table_field(t, col[COL_TRACK]));
		a->l = err_realloc(a->l, (a->n + 1) * sizeof *a->l);
		a->l[a->n++] = l;
	}
	table_close(t);
	if (a->n > 0)
		qsort(a->l, a->n, sizeof *a->l, by_key);
	return bad ? -1 : 0;
}

void
adjust_free(struct adjust_set *a)
{
	free_lines(a->l, a->n);
	memset(a, 0, sizeof *a);
}
