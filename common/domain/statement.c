#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "money.h"
#include "statement.h"
#include "table.h"

static const char *const parts[6] = { "fixed", "fund", "operations", "rnd", "unallocated", "variable" };

static struct statement *
holder_statement(struct statement_month *m, const char *holder)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->s[i].holder, holder) == 0)
			return &m->s[i];
	m->s = err_realloc(m->s, (m->n + 1) * sizeof *m->s);
	memset(&m->s[m->n], 0, sizeof *m->s);
	m->s[m->n].holder = err_strdup(holder);
	return &m->s[m->n++];
}

static struct statement_title *
title_line(struct statement *s, const char *track)
{
	for (size_t i = 0; i < s->ntitles; i++)
		if (strcmp(s->titles[i].track, track) == 0)
			return &s->titles[i];
	s->titles = err_realloc(s->titles, (s->ntitles + 1) * sizeof *s->titles);
	memset(&s->titles[s->ntitles], 0, sizeof *s->titles);
	s->titles[s->ntitles].track = err_strdup(track);
	return &s->titles[s->ntitles++];
}

static int
by_holder(const void *a, const void *b)
{
	return strcmp(((const struct statement *)a)->holder, ((const struct statement *)b)->holder);
}

static int
by_track(const void *a, const void *b)
{
	return strcmp(((const struct statement_title *)a)->track, ((const struct statement_title *)b)->track);
}

static int
parse_int(const char *s, int64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*v = strtoll(s, &end, 10);
	return *end ? -1 : 0;
}

/* The sum of the holder lines of payouts and of balances, read again. */
static int
recount(const char *payouts, const char *balances, int flags, int64_t *sum)
{
	char err[512];
	struct table *t;
	int64_t v;
	int col;

	*sum = 0;
	if ((t = table_open(payouts, flags, err, sizeof err)) == NULL)
		return -1;
	col = table_col(t, "amount");
	while (table_next(t) == 1)
		if (*table_field(t, table_col(t, "holder")) && money_parse(table_field(t, col), &v) == 0)
			*sum += v;
	table_close(t);
	if (balances == NULL)
		return 0;
	if ((t = table_open(balances, flags, err, sizeof err)) == NULL)
		return -1;
	col = table_col(t, "balance");
	while (table_next(t) == 1)
		if (money_parse(table_field(t, col), &v) == 0)
			*sum += v;
	table_close(t);
	return 0;
}

int
statement_month(struct statement_month *m, const char *payouts, const char *balances,
    const char *month, int flags, int64_t min_payout,
    void (*report)(const char *file, long line, const char *field, const char *msg))
{
	static const char *need[] = { "month", "model", "holder", "part", "track", "listens", "weight", "amount" };
	int col[8], bad = 0, r;
	char err[512], msg[512];
	struct table *t;
	int64_t settled = 0, inputs = 0;

	memset(m, 0, sizeof *m);
	snprintf(m->month, sizeof m->month, "%s", month);
	if ((t = table_open(payouts, flags, err, sizeof err)) == NULL) {
		report(payouts, 0, NULL, err);
		return -1;
	}
	for (int i = 0; i < 8; i++)
		if ((col[i] = table_col(t, need[i])) < 0) {
			snprintf(msg, sizeof msg, "no \"%s\" column", need[i]);
			report(table_name(t), 1, NULL, msg);
			table_close(t);
			return -1;
		}
#define BAD(field, ...) do { snprintf(msg, sizeof msg, __VA_ARGS__); \
		report(table_name(t), table_line(t), field, msg); bad = 1; continue; } while (0)
	while ((r = table_next(t)) == 1) {
		const char *holder = table_field(t, col[2]), *part = table_field(t, col[3]);
		int64_t amount, listens = 0, weight = 0;
		int p = -1;

		if (strcmp(table_field(t, col[0]), month) != 0)
			BAD("month", "a line of %s in the statements of %s", table_field(t, col[0]), month);
		if (m->model[0] == '\0')
			snprintf(m->model, sizeof m->model, "%s", table_field(t, col[1]));
		else if (strcmp(m->model, table_field(t, col[1])) != 0)
			BAD("model", "\"%s\" after \"%s\": one model per statement run", table_field(t, col[1]),
			    m->model);
		for (int i = 0; i < 6; i++)
			if (strcmp(parts[i], part) == 0)
				p = i;
		if (p < 0)
			BAD("part", "not a payout part: \"%s\"", part);
		if (money_parse(table_field(t, col[7]), &amount) != 0)
			BAD("amount", "not an amount: \"%s\"", table_field(t, col[7]));
		if (parse_int(table_field(t, col[5]), &listens) || parse_int(table_field(t, col[6]), &weight))
			BAD("listens", "listens and weight must be non-negative integers");
		m->parts[p] += amount;
		m->total += amount;
		if (*holder) {
			struct statement *s = holder_statement(m, holder);
			struct statement_title *ti;

			s->earned += amount;
			if (p != 0 && p != 5) {
				s->other += amount;
				continue;
			}
			ti = title_line(s, table_field(t, col[4]));
			/* One fixed and one variable line per title at most. */
			if ((p == 0 && ti->has_fixed) || (p == 5 && ti->has_variable))
				BAD("track", "a second %s line for %s of %s", part, ti->track, holder);
			if (p == 0) {
				s->fixed += amount;
				ti->fixed = amount;
				ti->has_fixed = 1;
			} else {
				s->variable += amount;
				ti->variable = amount;
				ti->weight = weight;
				ti->has_variable = 1;
			}
			if (listens > ti->listens)
				ti->listens = listens;
		}
	}
	if (r < 0)
		BAD(NULL, "%s", table_error(t));
	table_close(t);

	if (balances) {
		int h, b;

		if ((t = table_open(balances, flags, err, sizeof err)) == NULL) {
			report(balances, 0, NULL, err);
			return -1;
		}
		h = table_col(t, "holder");
		b = table_col(t, "balance");
		if (h < 0 || b < 0) {
			report(table_name(t), 1, NULL, "needs \"holder\" and \"balance\" columns");
			table_close(t);
			return -1;
		}
		while ((r = table_next(t)) == 1) {
			struct statement *s;
			int64_t v;
			int rc;

			if ((rc = money_parse(table_field(t, b), &v)) != 0)
				BAD("balance", "%s: \"%s\"", money_strerror(rc), table_field(t, b));
			if (table_fieldlen(t, h) == 0)
				BAD("holder", "empty");
			s = holder_statement(m, table_field(t, h));
			if (s->brought != 0)
				BAD("holder", "\"%s\" has two balances", s->holder);
			s->brought = v;
		}
		table_close(t);
	}
#undef BAD
	if (bad)
		return -1;
	if (m->n > 0)
		qsort(m->s, m->n, sizeof *m->s, by_holder);
	for (size_t i = 0; i < m->n; i++) {
		struct statement *s = &m->s[i];
		int64_t due = s->earned + s->brought;

		if (s->ntitles > 0)
			qsort(s->titles, s->ntitles, sizeof *s->titles, by_track);
		if (due >= min_payout && due > 0)
			s->paid = due;
		else
			s->carried = due;
		settled += s->paid + s->carried;
	}
	/* Conservation, against the files read a second time. */
	if (recount(payouts, balances, flags, &inputs) != 0 || settled != inputs) {
		char a[MONEY_BUFSZ], b[MONEY_BUFSZ];

		snprintf(msg, sizeof msg, "paid and carried forward come to %s, payouts and balances to %s",
		    money_format(settled, a), money_format(inputs, b));
		report(payouts, 0, NULL, msg);
		return -1;
	}
	return 0;
}

void
statement_month_free(struct statement_month *m)
{
	for (size_t i = 0; i < m->n; i++) {
		for (size_t j = 0; j < m->s[i].ntitles; j++)
			free(m->s[i].titles[j].track);
		free(m->s[i].titles);
		free(m->s[i].holder);
	}
	free(m->s);
	memset(m, 0, sizeof *m);
}
