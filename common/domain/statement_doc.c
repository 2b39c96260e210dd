#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "markup.h"
#include "money.h"
#include "statement_doc.h"

/* Enough buffers for the amounts of one printf. */
static const char *
money(int64_t cents)
{
	static char buf[8][MONEY_BUFSZ];
	static int k;

	k = (k + 1) % 8;
	return money_format(cents, buf[k]);
}

int
statement_doc_load_names(struct statement_doc *d, const char *holders, int flags, char *errbuf,
    size_t errlen)
{
	struct table *t;
	int h, n;

	if ((t = table_open(holders, flags, errbuf, errlen)) == NULL)
		return -1;
	h = table_col(t, "holder");
	n = table_col(t, "name");
	if (h < 0) {
		snprintf(errbuf, errlen, "%s:1: no \"holder\" column", table_name(t));
		table_close(t);
		return -1;
	}
	while (table_next(t) == 1) {
		d->names = err_realloc(d->names, (d->nnames + 1) * 2 * sizeof *d->names);
		d->names[2 * d->nnames] = err_strdup(table_field(t, h));
		d->names[2 * d->nnames + 1] = err_strdup(n >= 0 && *table_field(t, n) ?
		    table_field(t, n) : table_field(t, h));
		d->nnames++;
	}
	table_close(t);
	return 0;
}

const char *
statement_doc_name(const struct statement_doc *d, const char *holder)
{
	for (size_t i = 0; i < d->nnames; i++)
		if (strcmp(d->names[2 * i], holder) == 0)
			return d->names[2 * i + 1];
	return holder;
}

void
statement_doc_free(struct statement_doc *d)
{
	for (size_t i = 0; i < 2 * d->nnames; i++)
		free(d->names[i]);
	free(d->names);
	d->names = NULL;
	d->nnames = 0;
}

/* A holder's name as letters, digits and dashes. */
static void
slug(const char *holder, char *out, size_t n)
{
	/* Latin-1 letters in UTF-8 (U+00C0 to U+00FF) lose their accents. */
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuytsaaaaaaaceeeeiiiidnooooo-ouuuuyty";
	size_t j = 0;

	for (const char *p = holder; *p && j + 1 < n; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == 0xc3 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0xbf) {
			c = (unsigned char)latin1[(unsigned char)*++p - 0x80];
			if (c == '-' && (j == 0 || out[j - 1] == '-'))
				continue;
			out[j++] = (char)c;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[j++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			out[j++] = (char)(c + 32);
		else if (j > 0 && out[j - 1] != '-')
			out[j++] = '-';
	}
	while (j > 0 && out[j - 1] == '-')
		j--;
	out[j] = '\0';
}

void
statement_doc_stem(const struct statement_doc *d, size_t self, char *stem, size_t n)
{
	const struct statement_month *m = d->m;
	char other[200];
	int clash;

	slug(m->s[self].holder, stem, n - 16);
	/* index.csv and balances.csv are the month's own files. */
	clash = stem[0] == '\0' || strcmp(stem, "index") == 0 || strcmp(stem, "balances") == 0;
	for (size_t i = 0; i < m->n && !clash; i++) {
		if (i == self)
			continue;
		slug(m->s[i].holder, other, sizeof other);
		clash = strcmp(other, stem) == 0;
	}
	if (clash) {
		char hex[HASH_HEX_LEN];
		size_t j = strlen(stem);

		hash_sha256_hex(m->s[self].holder, strlen(m->s[self].holder), hex);
		snprintf(stem + j, n - j, "%s%.8s", j ? "-" : "holder-", hex);
	}
}

static const char *
title_field(const struct catalog *cat, const char *track, int artists)
{
	const struct catalog_title *t = cat ? catalog_find(cat, track) : NULL;

	if (t == NULL)
		return "";
	return artists ? t->artists : t->title;
}

/* The title as the text and HTML statements name it: its title, else its track. */
static const char *
title_name(const struct catalog *cat, const char *track)
{
	const char *title = title_field(cat, track, 0);

	return *title ? title : track;
}

void
statement_doc_csv(const struct statement_doc *d, const struct statement *s, struct table_writer *w)
{
	static const char *const kinds[] = { "other_parts", "total", "adjustments", "brought_forward", "paid",
		"carried_forward" };
	const struct statement_month *m = d->m;
	int64_t amounts[6] = { s->other, s->earned, s->adjusted, s->brought, s->paid, s->carried };

	table_put_header(w, "month,model,holder,kind,track,title,artists,listens,weight,fixed,variable,amount");
	for (size_t i = 0; i < s->ntitles; i++) {
		const struct statement_title *t = &s->titles[i];

		table_put(w, m->month);
		table_put(w, m->model);
		table_put(w, s->holder);
		table_put(w, "title");
		table_put(w, t->track);
		table_put(w, title_field(d->cat, t->track, 0));
		table_put(w, title_field(d->cat, t->track, 1));
		table_put_int(w, t->listens);
		table_put_int(w, t->weight);
		table_put_money(w, t->fixed);
		table_put_money(w, t->variable);
		table_put_money(w, t->fixed + t->variable);
		table_end_row(w);
	}
	/* Money held in suspense in earlier months, released now: earnings, not of a title's listens. */
	for (size_t i = 0; i < s->nrel; i++) {
		const char *row[] = { m->month, m->model, s->holder, "released", s->rel[i].track,
			title_field(d->cat, s->rel[i].track, 0), title_field(d->cat, s->rel[i].track, 1), "", "",
			"", "", money(s->rel[i].amount) };

		table_put_row(w, 12, row);
	}
	/* An adjustment row's month is the month it restates; its delta is under its part. */
	for (size_t i = 0; i < s->nadj; i++) {
		const struct adjust_line *a = s->adj[i];
		const char *row[] = { a->month, m->model, s->holder, "adjustment", a->track,
			title_field(d->cat, a->track, 0), title_field(d->cat, a->track, 1), "", "",
			a->part == PAYOUT_FIXED ? money(a->delta) : "",
			a->part == PAYOUT_VARIABLE ? money(a->delta) : "", money(a->delta) };

		table_put_row(w, 12, row);
	}
	for (int k = 0; k < 6; k++) {
		const char *row[] = { m->month, m->model, s->holder, kinds[k], "", "", "", "", "",
			k == 1 ? money(s->fixed) : "", k == 1 ? money(s->variable) : "", money(amounts[k]) };

		if ((k == 0 && s->other == 0) || (k == 2 && s->nadj == 0))
			continue;
		table_put_row(w, 12, row);
	}
}

/* How the month was shared, in words, for the text and HTML statements. */
static void
how_shared(const struct statement_doc *d, FILE *fp, int html)
{
	const struct statement_month *m = d->m;
	const int64_t *part = m->parts;

	fprintf(fp, "%sHow the month was shared (model %s).%s", html ? "<h2>" : "", m->model,
	    html ? "</h2>\n<p>" : "\n");
	/* Money released from suspense came in an earlier month. */
	fprintf(fp, "After VAT and the collecting society's share, %s %s came in this month.\n",
	    money(m->total - part[PAYOUT_RELEASED]), d->policy->currency);
	fprintf(fp, "Operations %s, research and development %s and the solidarity fund %s\n"
	    "were set aside by the cooperative's keys. The fixed part, %s, was shared\n"
	    "among rights holders by their active titles; the variable part, %s, by\n"
	    "qualified listens, titles released less than %d months ago weighing %s times\n"
	    "as much.", money(part[PAYOUT_OPERATIONS]), money(part[PAYOUT_RND]), money(part[PAYOUT_FUND]),
	    money(part[PAYOUT_FIXED]), money(part[PAYOUT_VARIABLE]), d->policy->novelty_months,
	    money(d->policy->novelty_coef / 10));
	if (part[PAYOUT_UNALLOCATED] != 0)
		fprintf(fp, " %s could not be allocated and is kept on its own line.",
		    money(part[PAYOUT_UNALLOCATED]));
	if (part[PAYOUT_SUSPENSE] != 0)
		fprintf(fp, "\n%s earned by titles without a known rights holder is held in suspense.",
		    money(part[PAYOUT_SUSPENSE]));
	if (part[PAYOUT_RELEASED] != 0)
		fprintf(fp, "\n%s held in suspense in earlier months was released to the rights holders.",
		    money(part[PAYOUT_RELEASED]));
	fprintf(fp, "%s\n", html ? "</p>" : "");
}

/* Text columns line up by characters, not bytes: UTF-8 titles pad right. */
static void
pad(FILE *fp, const char *s, int width)
{
	int chars = 0;

	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	fputs(s, fp);
	for (; chars < width; chars++)
		putc(' ', fp);
}

void
statement_doc_text(const struct statement_doc *d, const struct statement *s, FILE *fp)
{
	const char *cur = d->policy->currency;
	int64_t listens = 0;

	fprintf(fp, "Statement for %s, %s\n\n", statement_doc_name(d, s->holder), d->m->month);
	pad(fp, "Title", 40);
	fprintf(fp, "%8s %10s %10s %10s\n", "Listens", "Fixed", "Variable", "Total");
	for (size_t i = 0; i < s->ntitles; i++) {
		const struct statement_title *t = &s->titles[i];
		char label[512];

		snprintf(label, sizeof label, "%s (%s)", title_name(d->cat, t->track), t->track);
		pad(fp, label, 40);
		fprintf(fp, "%8" PRId64 " %10s %10s %10s\n", t->listens, money(t->fixed),
		    money(t->variable), money(t->fixed + t->variable));
		listens += t->listens;
	}
	pad(fp, "Total", 40);
	fprintf(fp, "%8" PRId64 " %10s %10s %10s\n\n", listens, money(s->fixed), money(s->variable),
	    money(s->fixed + s->variable));
	if (s->nrel > 0) {
		fprintf(fp, "Released from suspense (held in earlier months)\n\n");
		for (size_t i = 0; i < s->nrel; i++) {
			char label[512];

			snprintf(label, sizeof label, "%s (%s)", title_name(d->cat, s->rel[i].track), s->rel[i].track);
			pad(fp, label, 40);
			fprintf(fp, " %41s\n", money(s->rel[i].amount));
		}
		pad(fp, "Total", 40);
		fprintf(fp, " %41s\n\n", money(s->released));
	}
	if (s->nadj > 0) {
		fprintf(fp, "Adjustments of earlier months (restated)\n\n");
		pad(fp, "Month and title", 40);
		fprintf(fp, "%8s %10s %10s %10s\n", "Part", "Was", "Is", "Change");
		for (size_t i = 0; i < s->nadj; i++) {
			const struct adjust_line *a = s->adj[i];
			char label[512];

			snprintf(label, sizeof label, "%s %s (%s)", a->month, title_name(d->cat, a->track), a->track);
			pad(fp, label, 40);
			fprintf(fp, "%8s %10s %10s %10s\n", payout_part_names[a->part], money(a->before),
			    money(a->after), money(a->delta));
		}
		pad(fp, "Total", 40);
		fprintf(fp, "%41s\n\n", money(s->adjusted));
	}
	if (s->other != 0)
		fprintf(fp, "%-40s %41s\n", "Other parts", money(s->other));
	fprintf(fp, "%-40s %41s\n", "Earned this month", money(s->earned));
	if (s->nadj > 0)
		fprintf(fp, "%-40s %41s\n", "Adjustments", money(s->adjusted));
	fprintf(fp, "%-40s %41s\n", "Brought forward", money(s->brought));
	fprintf(fp, "%-40s %41s\n", "Paid", money(s->paid));
	fprintf(fp, "%-40s %41s\n", "Carried forward", money(s->carried));
	if (s->carried != 0 && s->paid == 0)
		fprintf(fp, "\nBelow the minimum payout of %s %s, the amount is carried to next month.\n",
		    money(d->policy->min_payout), cur);
	fprintf(fp, "\nAmounts in %s.\n\n", cur);
	how_shared(d, fp, 0);
}

static void
html_head(const struct statement_doc *d, const struct statement *s, FILE *fp)
{
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>", fp);
	markup_text(fp, statement_doc_name(d, s->holder));
	fprintf(fp, " %s</title>\n<style>\n"
	    "body { font-family: sans-serif; max-width: 50em; margin: 2em auto; color: #222; }\n"
	    "table { border-collapse: collapse; width: 100%%; }\n"
	    "th, td { padding: .3em .6em; border-bottom: 1px solid #ccc; text-align: left; }\n"
	    "td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
	    "tr.total td { font-weight: bold; border-top: 2px solid #222; }\n"
	    "@media print { body { margin: 0; } }\n</style>\n</head>\n<body>\n<h1>", d->m->month);
	markup_text(fp, statement_doc_name(d, s->holder));
	fprintf(fp, "</h1>\n<p>Statement for %s, model %s, amounts in %s.</p>\n", d->m->month, d->m->model,
	    d->policy->currency);
}

void
statement_doc_html(const struct statement_doc *d, const struct statement *s, FILE *fp)
{
	html_head(d, s, fp);
	fputs("<table>\n<tr><th>Title</th><th>Artists</th><th class=\"n\">Listens</th>"
	    "<th class=\"n\">Fixed</th><th class=\"n\">Variable</th><th class=\"n\">Total</th></tr>\n", fp);
	for (size_t i = 0; i < s->ntitles; i++) {
		const struct statement_title *t = &s->titles[i];

		fputs("<tr><td>", fp);
		markup_text(fp, title_name(d->cat, t->track));
		fputs("</td><td>", fp);
		markup_text(fp, title_field(d->cat, t->track, 1));
		fprintf(fp, "</td><td class=\"n\">%" PRId64 "</td><td class=\"n\">%s</td>"
		    "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n", t->listens, money(t->fixed),
		    money(t->variable), money(t->fixed + t->variable));
	}
	fprintf(fp, "<tr class=\"total\"><td colspan=\"3\">Total</td><td class=\"n\">%s</td>"
	    "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n</table>\n", money(s->fixed),
	    money(s->variable), money(s->fixed + s->variable));
	if (s->nrel > 0) {
		fputs("<h2>Released from suspense (held in earlier months)</h2>\n<table>\n<tr><th>Title</th>"
		    "<th>Artists</th><th class=\"n\">Released</th></tr>\n", fp);
		for (size_t i = 0; i < s->nrel; i++) {
			fputs("<tr><td>", fp);
			markup_text(fp, title_name(d->cat, s->rel[i].track));
			fputs("</td><td>", fp);
			markup_text(fp, title_field(d->cat, s->rel[i].track, 1));
			fprintf(fp, "</td><td class=\"n\">%s</td></tr>\n", money(s->rel[i].amount));
		}
		fprintf(fp, "<tr class=\"total\"><td colspan=\"2\">Total</td><td class=\"n\">%s</td></tr>\n"
		    "</table>\n", money(s->released));
	}
	if (s->nadj > 0) {
		fputs("<h2>Adjustments of earlier months (restated)</h2>\n<table>\n<tr><th>Month</th>"
		    "<th>Title</th><th>Part</th><th class=\"n\">Was</th><th class=\"n\">Is</th>"
		    "<th class=\"n\">Change</th></tr>\n", fp);
		for (size_t i = 0; i < s->nadj; i++) {
			const struct adjust_line *a = s->adj[i];

			fprintf(fp, "<tr><td>%s</td><td>", a->month);
			markup_text(fp, title_name(d->cat, a->track));
			fprintf(fp, "</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
			    "<td class=\"n\">%s</td></tr>\n", payout_part_names[a->part], money(a->before),
			    money(a->after), money(a->delta));
		}
		fprintf(fp, "<tr class=\"total\"><td colspan=\"5\">Total</td><td class=\"n\">%s</td></tr>\n"
		    "</table>\n", money(s->adjusted));
	}
	fprintf(fp, "<table>\n<tr><td>Earned this month</td><td class=\"n\">%s</td></tr>\n", money(s->earned));
	if (s->nadj > 0)
		fprintf(fp, "<tr><td>Adjustments</td><td class=\"n\">%s</td></tr>\n", money(s->adjusted));
	fprintf(fp, "<tr><td>Brought forward</td><td class=\"n\">%s</td></tr>\n"
	    "<tr class=\"total\"><td>Paid</td><td class=\"n\">%s</td></tr>\n"
	    "<tr><td>Carried forward</td><td class=\"n\">%s</td></tr>\n</table>\n",
	    money(s->brought), money(s->paid), money(s->carried));
	how_shared(d, fp, 1);
	fputs("</body>\n</html>\n", fp);
}

void
statement_doc_index(const struct statement_doc *d, struct table_writer *w)
{
	char stem[200];

	/* The adjustments column is there when adjustments were given, so months without keep their columns. */
	table_put_header(w, d->m->adjusted ? "holder,name,file,earned,adjustments,brought_forward,paid,carried_forward" :
	    "holder,name,file,earned,brought_forward,paid,carried_forward");
	for (size_t i = 0; i < d->m->n; i++) {
		const struct statement *s = &d->m->s[i];

		statement_doc_stem(d, i, stem, sizeof stem);
		table_put(w, s->holder);
		table_put(w, statement_doc_name(d, s->holder));
		table_put(w, stem);
		table_put_money(w, s->earned);
		if (d->m->adjusted)
			table_put_money(w, s->adjusted);
		table_put_money(w, s->brought);
		table_put_money(w, s->paid);
		table_put_money(w, s->carried);
		table_end_row(w);
	}
}

void
statement_doc_balances(const struct statement_doc *d, struct table_writer *w)
{
	table_put_header(w, "holder,balance");
	for (size_t i = 0; i < d->m->n; i++)
		if (d->m->s[i].carried != 0) {
			table_put(w, d->m->s[i].holder);
			table_put_money(w, d->m->s[i].carried);
			table_end_row(w);
		}
}
