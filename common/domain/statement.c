#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "money.h"
#include "statement.h"
#include "table.h"

/* What one run of statement_month reads, and where it reports. */
struct reading {
	struct statement_month *m;
	const char *month;		/* the month asked for, or NULL */
	payout_report_fn *report;
	int bad;
	int64_t inputs;		/* the holders' lines and the balances, summed as read */
};

static void
bad_line(struct reading *rd, const char *file, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
bad_line(struct reading *rd, const char *file, long line, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rd->report(file, line, field, msg);
	rd->bad = 1;
}

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
release_by_track(const void *a, const void *b)
{
	return strcmp(((const struct statement_release *)a)->track,
	    ((const struct statement_release *)b)->track);
}

/* A holder's fixed or variable line, on its title; one of each per title at most. */
static void
add_title_line(struct reading *rd, struct statement *s, const struct payout_line *l, const char *file,
    long line)
{
	struct statement_title *ti = title_line(s, l->track);

	if ((l->part == PAYOUT_FIXED && ti->has_fixed) || (l->part == PAYOUT_VARIABLE && ti->has_variable)) {
		bad_line(rd, file, line, "track", "a second %s line for %s of %s", payout_part_names[l->part],
		    ti->track, s->holder);
		return;
	}
	if (l->part == PAYOUT_FIXED) {
		s->fixed += l->amount;
		ti->fixed = l->amount;
		ti->has_fixed = 1;
	} else {
		s->variable += l->amount;
		ti->variable = l->amount;
		ti->weight = l->weight;
		ti->has_variable = 1;
	}
	if (l->listens > ti->listens)
		ti->listens = l->listens;
}

/* A holder's released line: one per title (1d-cct adds a title's rows up). */
static void
add_release(struct reading *rd, struct statement *s, const struct payout_line *l, const char *file,
    long line)
{
	for (size_t i = 0; i < s->nrel; i++)
		if (strcmp(s->rel[i].track, l->track) == 0) {
			bad_line(rd, file, line, "track", "a second released line for %s of %s", l->track,
			    s->holder);
			return;
		}
	s->rel = err_realloc(s->rel, (s->nrel + 1) * sizeof *s->rel);
	s->rel[s->nrel].track = err_strdup(l->track);
	s->rel[s->nrel++].amount = l->amount;
	s->released += l->amount;
}

static void
add_line(struct reading *rd, const struct payout_line *l, const char *file, long line)
{
	struct statement_month *m = rd->m;
	struct statement *s;

	if (m->month[0] == '\0' && rd->month == NULL)
		snprintf(m->month, sizeof m->month, "%s", l->month);
	if (strcmp(l->month, m->month) != 0) {
		bad_line(rd, file, line, "month", "a line of %s in the statements of %s", l->month, m->month);
		return;
	}
	if (m->model[0] == '\0')
		snprintf(m->model, sizeof m->model, "%s", l->model);
	else if (strcmp(m->model, l->model) != 0) {
		bad_line(rd, file, line, "model", "\"%s\" after \"%s\": one model per statement run", l->model,
		    m->model);
		return;
	}
	m->parts[l->part] += l->amount;
	m->total += l->amount;
	if (*l->holder == '\0')
		return;
	s = holder_statement(m, l->holder);
	s->earned += l->amount;
	rd->inputs += l->amount;
	if (l->part == PAYOUT_RELEASED)
		add_release(rd, s, l, file, line);
	else if (payout_part_is_holder(l->part))
		add_title_line(rd, s, l, file, line);
	else
		s->other += l->amount;
}

static int
read_payouts(struct reading *rd, const char *payouts, int flags)
{
	struct payout_reader *r;
	struct payout_line l;
	const char *field;
	char err[512];
	int rc;

	if ((r = payout_open(payouts, flags, err, sizeof err)) == NULL) {
		rd->report(NULL, 0, NULL, err);
		return -2;
	}
	while ((rc = payout_next(r, &l, &field, err, sizeof err)) != 0) {
		if (rc == -2) {
			rd->report(NULL, 0, NULL, err);
			payout_close(r);
			return -2;
		}
		if (rc < 0)
			bad_line(rd, payout_name(r), payout_lineno(r), field, "%s", err);
		else
			add_line(rd, &l, payout_name(r), payout_lineno(r));
	}
	payout_close(r);
	return 0;
}

static int
read_balances(struct reading *rd, const char *balances, int flags)
{
	char err[512];
	struct table *t;
	int h, b, r;

	if ((t = table_open(balances, flags, err, sizeof err)) == NULL) {
		rd->report(NULL, 0, NULL, err);
		return -2;
	}
	h = table_col(t, "holder");
	b = table_col(t, "balance");
	if (h < 0 || b < 0) {
		rd->report(table_name(t), 1, NULL, "needs \"holder\" and \"balance\" columns");
		table_close(t);
		return -2;
	}
	while ((r = table_next(t)) == 1) {
		struct statement *s;
		int64_t v;
		int rc;

		if ((rc = money_parse(table_field(t, b), &v)) != 0) {
			bad_line(rd, table_name(t), table_line(t), "balance", "%s: \"%s\"", money_strerror(rc),
			    table_field(t, b));
			continue;
		}
		if (table_fieldlen(t, h) == 0) {
			bad_line(rd, table_name(t), table_line(t), "holder", "empty");
			continue;
		}
		s = holder_statement(rd->m, table_field(t, h));
		if (s->brought != 0) {
			bad_line(rd, table_name(t), table_line(t), "holder", "\"%s\" has two balances", s->holder);
		} else {
			s->brought = v;
			rd->inputs += v;
		}
	}
	if (r < 0)
		bad_line(rd, NULL, 0, NULL, "%s", table_error(t));
	table_close(t);
	return 0;
}

/* Each holder's adjustments, on its statement; only of months before this one. */
static int
read_adjustments(struct reading *rd, const char *path, int flags)
{
	struct statement_month *m = rd->m;
	int rc = adjust_read(&m->adj, path, flags, rd->report);
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

	m->adjusted = 1;
	if (rc == -2)
		return -2;
	rd->bad |= rc != 0;
	for (size_t i = 0; i < m->adj.n; i++) {
		const struct adjust_line *l = &m->adj.l[i];
		struct statement *s;

		if (*l->holder == '\0')
			continue;
		if (strcmp(l->month, m->month) >= 0) {
			bad_line(rd, name, l->line, "month", "an adjustment of %s in the statements of %s: "
			    "only closed months are restated", l->month, m->month);
			continue;
		}
		if (i > 0 && strcmp(l->holder, l[-1].holder) == 0 && strcmp(l->month, l[-1].month) == 0 &&
		    l->part == l[-1].part && strcmp(l->track, l[-1].track) == 0) {
			bad_line(rd, name, l->line, "track", "a second adjustment of %s %s for %s of %s", l->month,
			    payout_part_names[l->part], l->track, l->holder);
			continue;
		}
		s = holder_statement(m, l->holder);
		s->adj = err_realloc(s->adj, (s->nadj + 1) * sizeof *s->adj);
		s->adj[s->nadj++] = l;
		s->adjusted += l->delta;
		rd->inputs += l->delta;
	}
	return 0;
}

/* Paid when earnings and balance reach the minimum, carried otherwise; the sum settled. */
static int64_t
settle(struct statement_month *m, int64_t min_payout)
{
	int64_t settled = 0;

	if (m->n > 0)
		qsort(m->s, m->n, sizeof *m->s, by_holder);
	for (size_t i = 0; i < m->n; i++) {
		struct statement *s = &m->s[i];
		int64_t due = s->earned + s->adjusted + s->brought;

		if (s->ntitles > 0)
			qsort(s->titles, s->ntitles, sizeof *s->titles, by_track);
		if (s->nrel > 0)
			qsort(s->rel, s->nrel, sizeof *s->rel, release_by_track);
		if (due >= min_payout && due > 0)
			s->paid = due;
		else
			s->carried = due;
		settled += s->paid + s->carried;
	}
	return settled;
}

int
statement_month(struct statement_month *m, const char *payouts, const char *balances,
    const char *month, int flags, int64_t min_payout, payout_report_fn *report)
{
	return statement_month_adjusted(m, payouts, NULL, balances, month, flags, min_payout, report);
}

int
statement_month_adjusted(struct statement_month *m, const char *payouts, const char *adjustments,
    const char *balances, const char *month, int flags, int64_t min_payout, payout_report_fn *report)
{
	struct reading rd = { m, month, report, 0, 0 };
	int64_t settled;

	memset(m, 0, sizeof *m);
	if (month)
		snprintf(m->month, sizeof m->month, "%s", month);
	if (read_payouts(&rd, payouts, flags) != 0 || (balances && read_balances(&rd, balances, flags) != 0) ||
	    (adjustments && read_adjustments(&rd, adjustments, flags) != 0))
		return -2;
	if (rd.bad)
		return -1;
	settled = settle(m, min_payout);
	/*
	 * Conservation: what the holders are paid or carry equals what their
	 * lines and balances brought, summed as they were read (each input is
	 * read once: it may be standard input).
	 */
	if (settled != rd.inputs) {
		char a[MONEY_BUFSZ], b[MONEY_BUFSZ];

		bad_line(&rd, payouts, 0, NULL, "paid and carried forward come to %s, payouts, adjustments and "
		    "balances to %s",
		    money_format(settled, a), money_format(rd.inputs, b));
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
		for (size_t j = 0; j < m->s[i].nrel; j++)
			free(m->s[i].rel[j].track);
		free(m->s[i].rel);
		free(m->s[i].adj);
		free(m->s[i].holder);
	}
	free(m->s);
	adjust_free(&m->adj);
	memset(m, 0, sizeof *m);
}

/* An amount of the summary that the payouts do not give, at line of the summary; 1. */
static int
summary_differs_at(struct table *t, long line, const char *key, int64_t want, int64_t got, const char *note,
    payout_report_fn *report)
{
	char msg[512], a[MONEY_BUFSZ], b[MONEY_BUFSZ];

	snprintf(msg, sizeof msg, "%s in the summary, %s in the payouts%s", money_format(want, a),
	    money_format(got, b), note);
	report(table_name(t), line, key, msg);
	return 1;
}

static int
summary_differs(struct table *t, const char *key, int64_t want, int64_t got, const char *note,
    payout_report_fn *report)
{
	return summary_differs_at(t, table_line(t), key, want, got, note, report);
}

int
statement_check_summary(const struct statement_month *m, const char *summary, int flags,
    payout_report_fn *report, char *errbuf, size_t errlen)
{
	struct table *t;
	int bad = 0, k, v, has_base = 0;
	int64_t base = 0, released = 0, returned = 0;
	long base_line = 0;

	if ((t = table_open(summary, flags, errbuf, errlen)) == NULL)
		return -1;
	if ((k = table_col(t, "key")) < 0 || (v = table_col(t, "value")) < 0) {
		snprintf(errbuf, errlen, "%s:1: needs \"key\" and \"value\" columns", table_name(t));
		table_close(t);
		return -1;
	}
	while (table_next(t) == 1) {
		const char *key = table_field(t, k);
		int p = payout_part_parse(key);
		int64_t want, got;

		if (money_parse(table_field(t, v), &want) != 0)
			continue;
		if (strcmp(key, "returned") == 0)
			returned = want;
		if (p >= 0 && (got = m->parts[p]) != want)
			bad |= summary_differs(t, key, want, got, "", report);
		if (strcmp(key, "base") == 0) {
			has_base = 1;
			base = want;
			base_line = table_line(t);
		}
		if (p == PAYOUT_RELEASED)
			released = want;
	}
	/* Money from suspense comes on top of the base: the lines add up to base + released + returned. */
	if (has_base && m->total != base + released + returned)
		bad |= summary_differs_at(t, base_line, "base", base, m->total - released - returned,
		    released || returned ? " (less released and returned)" : "", report);
	table_close(t);
	return bad;
}
