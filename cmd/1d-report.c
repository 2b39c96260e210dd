/*
 * 1d-report - the month's documents: statements rights holders can read,
 * sales reports distributors can load, signed bundles auditors can replay.
 *
 * statements settles every holder (paid, or carried forward under the
 * minimum payout) and checks that paid plus carried equals the payouts
 * plus the balances brought in before it writes anything.  bundle packs
 * the month's files with a MANIFEST of their SHA-256, signed with Ed25519;
 * verify checks it and replays the month with the same tools, comparing
 * every output byte for byte.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle.h"
#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "markup.h"
#include "money.h"
#include "out.h"
#include "policy.h"
#include "replay.h"
#include "statement.h"
#include "table.h"

static struct {
	int flags;
	const char *month, *catalog, *holders, *balances, *policy, *summary, *output;
	const char *distributor, *compare, *sign, *pub, *listens_options, *cct_options;
} opt;

static struct policy policy;

static void
report(const char *file, long line, const char *field, const char *msg)
{
	err_at(file, line, field, "%s", msg);
}

static void
load_policy(void)
{
	char err[512];

	policy_defaults(&policy);
	if (opt.policy && policy_load(&policy, opt.policy, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
}

static struct catalog *
load_catalog(void)
{
	char err[512];
	struct catalog *c;

	if (opt.catalog == NULL)
		return NULL;
	if ((c = catalog_load(opt.catalog, opt.flags & TABLE_TSV, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return c;
}

/* The holders file's display names, looked up by holder. */
static char **holder_names;
static size_t nholder_names;

static void
load_holder_names(void)
{
	char err[512];
	struct table *t;
	int h, n;

	if (opt.holders == NULL)
		return;
	if ((t = table_open(opt.holders, opt.flags & TABLE_TSV, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	h = table_col(t, "holder");
	n = table_col(t, "name");
	if (h < 0)
		err_exit(ERR_EXIT_USAGE, "%s:1: no \"holder\" column", table_name(t));
	while (table_next(t) == 1) {
		holder_names = err_realloc(holder_names, (nholder_names + 1) * 2 * sizeof *holder_names);
		holder_names[2 * nholder_names] = err_strdup(table_field(t, h));
		holder_names[2 * nholder_names + 1] = err_strdup(n >= 0 && *table_field(t, n) ?
		    table_field(t, n) : table_field(t, h));
		nholder_names++;
	}
	table_close(t);
}

static const char *
display_name(const char *holder)
{
	for (size_t i = 0; i < nholder_names; i++)
		if (strcmp(holder_names[2 * i], holder) == 0)
			return holder_names[2 * i + 1];
	return holder;
}

static const char *
money(int64_t cents)
{
	/* Enough buffers for the amounts of one printf. */
	static char buf[8][MONEY_BUFSZ];
	static int k;

	k = (k + 1) % 8;
	return money_format(cents, buf[k]);
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

/* A holder's name as letters, digits and dashes. */
static void
slug(const char *holder, char *out, size_t n)
{
	size_t j = 0;

	for (const char *p = holder; *p && j + 1 < n; p++) {
		unsigned char c = (unsigned char)*p;

		/* Latin-1 letters in UTF-8 (U+00C0 to U+00FF) lose their accents. */
		static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuytsaaaaaaaceeeeiiiidnooooo-ouuuuyty";

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

/* The file name of a holder's statements: its slug, made unique with a
 * digest of the name when another holder has the same slug or it is empty. */
static void
file_stem(const struct statement_month *m, size_t self, char *stem, size_t n)
{
	char other[200];
	int clash;

	slug(m->s[self].holder, stem, n - 16);
	clash = stem[0] == '\0';
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

static void
write_statement_csv(const char *path, const struct statement_month *m, const struct statement *s,
    const struct catalog *cat)
{
	struct out o;
	struct table_writer w;
	static const char *const kinds[] = { "other_parts", "total", "brought_forward", "paid",
		"carried_forward" };
	int64_t amounts[5] = { s->other, s->earned, s->brought, s->paid, s->carried };

	cli_open_output(&o, path, &w, opt.flags);
	table_put_header(&w, "month,model,holder,kind,track,title,artists,listens,weight,fixed,variable,amount");
	for (size_t i = 0; i < s->ntitles; i++) {
		const struct statement_title *t = &s->titles[i];

		table_put(&w, m->month);
		table_put(&w, m->model);
		table_put(&w, s->holder);
		table_put(&w, "title");
		table_put(&w, t->track);
		table_put(&w, title_field(cat, t->track, 0));
		table_put(&w, title_field(cat, t->track, 1));
		table_put_int(&w, t->listens);
		table_put_int(&w, t->weight);
		table_put_money(&w, t->fixed);
		table_put_money(&w, t->variable);
		table_put_money(&w, t->fixed + t->variable);
		table_end_row(&w);
	}
	for (int k = 0; k < 5; k++) {
		const char *row[] = { m->month, m->model, s->holder, kinds[k], "", "", "", "", "",
			k == 1 ? money(s->fixed) : "", k == 1 ? money(s->variable) : "", money(amounts[k]) };

		if (k == 0 && s->other == 0)
			continue;
		table_put_row(&w, 12, row);
	}
	cli_commit_output(&o);
}

/* How the month was shared, in words, for the text and HTML statements. */
static void
how_shared(FILE *fp, const struct statement_month *m, int html)
{
	const char *cur = policy.currency;

	fprintf(fp, "%sHow the month was shared (model %s).%s", html ? "<h2>" : "", m->model,
	    html ? "</h2>\n<p>" : "\n");
	fprintf(fp, "After VAT and the collecting society's share, %s %s came in this month.\n",
	    money(m->total), cur);
	fprintf(fp, "Operations %s, research and development %s and the solidarity fund %s\n"
	    "were set aside by the cooperative's keys. The fixed part, %s, was shared\n"
	    "among rights holders by their active titles; the variable part, %s, by\n"
	    "qualified listens, titles released less than %d months ago weighing %s times\n"
	    "as much.", money(m->parts[2]), money(m->parts[3]), money(m->parts[1]), money(m->parts[0]),
	    money(m->parts[5]), policy.novelty_months, money(policy.novelty_coef / 10));
	if (m->parts[4] != 0)
		fprintf(fp, " %s could not be allocated and is kept on its own line.", money(m->parts[4]));
	fprintf(fp, "%s\n", html ? "</p>" : "");
}

static void
write_statement_text(const char *path, const struct statement_month *m, const struct statement *s,
    const struct catalog *cat)
{
	struct out o;
	FILE *fp;
	int64_t listens = 0;

	cli_open_output(&o, path, NULL, opt.flags);
	fp = o.fp;
	fprintf(fp, "Statement for %s, %s\n\n", display_name(s->holder), m->month);
	pad(fp, "Title", 40);
	fprintf(fp, "%8s %10s %10s %10s\n", "Listens", "Fixed", "Variable", "Total");
	for (size_t i = 0; i < s->ntitles; i++) {
		const struct statement_title *t = &s->titles[i];
		char label[512];

		snprintf(label, sizeof label, "%s (%s)", *title_field(cat, t->track, 0) ?
		    title_field(cat, t->track, 0) : t->track, t->track);
		pad(fp, label, 40);
		fprintf(fp, "%8" PRId64 " %10s %10s %10s\n", t->listens, money(t->fixed),
		    money(t->variable), money(t->fixed + t->variable));
		listens += t->listens;
	}
	pad(fp, "Total", 40);
	fprintf(fp, "%8" PRId64 " %10s %10s %10s\n\n", listens, money(s->fixed), money(s->variable),
	    money(s->fixed + s->variable));
	if (s->other != 0)
		fprintf(fp, "%-40s %41s\n", "Other parts", money(s->other));
	fprintf(fp, "%-40s %41s\n", "Earned this month", money(s->earned));
	fprintf(fp, "%-40s %41s\n", "Brought forward", money(s->brought));
	fprintf(fp, "%-40s %41s\n", "Paid", money(s->paid));
	fprintf(fp, "%-40s %41s\n", "Carried forward", money(s->carried));
	if (s->carried != 0 && s->paid == 0)
		fprintf(fp, "\nBelow the minimum payout of %s %s, the amount is carried to next month.\n",
		    money(policy.min_payout), policy.currency);
	fprintf(fp, "\nAmounts in %s.\n\n", policy.currency);
	how_shared(fp, m, 0);
	cli_commit_output(&o);
}

static void
write_statement_html(const char *path, const struct statement_month *m, const struct statement *s,
    const struct catalog *cat)
{
	struct out o;
	FILE *fp;

	cli_open_output(&o, path, NULL, opt.flags);
	fp = o.fp;
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>", fp);
	markup_text(fp, display_name(s->holder));
	fprintf(fp, " %s</title>\n<style>\n"
	    "body { font-family: sans-serif; max-width: 50em; margin: 2em auto; color: #222; }\n"
	    "table { border-collapse: collapse; width: 100%%; }\n"
	    "th, td { padding: .3em .6em; border-bottom: 1px solid #ccc; text-align: left; }\n"
	    "td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
	    "tr.total td { font-weight: bold; border-top: 2px solid #222; }\n"
	    "@media print { body { margin: 0; } }\n</style>\n</head>\n<body>\n<h1>", m->month);
	markup_text(fp, display_name(s->holder));
	fprintf(fp, "</h1>\n<p>Statement for %s, model %s, amounts in %s.</p>\n", m->month, m->model,
	    policy.currency);
	fputs("<table>\n<tr><th>Title</th><th>Artists</th><th class=\"n\">Listens</th>"
	    "<th class=\"n\">Fixed</th><th class=\"n\">Variable</th><th class=\"n\">Total</th></tr>\n", fp);
	for (size_t i = 0; i < s->ntitles; i++) {
		const struct statement_title *t = &s->titles[i];

		fputs("<tr><td>", fp);
		markup_text(fp, *title_field(cat, t->track, 0) ? title_field(cat, t->track, 0) : t->track);
		fputs("</td><td>", fp);
		markup_text(fp, title_field(cat, t->track, 1));
		fprintf(fp, "</td><td class=\"n\">%" PRId64 "</td><td class=\"n\">%s</td>"
		    "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n", t->listens, money(t->fixed),
		    money(t->variable), money(t->fixed + t->variable));
	}
	fprintf(fp, "<tr class=\"total\"><td colspan=\"3\">Total</td><td class=\"n\">%s</td>"
	    "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n</table>\n", money(s->fixed),
	    money(s->variable), money(s->fixed + s->variable));
	fprintf(fp, "<table>\n<tr><td>Earned this month</td><td class=\"n\">%s</td></tr>\n"
	    "<tr><td>Brought forward</td><td class=\"n\">%s</td></tr>\n"
	    "<tr class=\"total\"><td>Paid</td><td class=\"n\">%s</td></tr>\n"
	    "<tr><td>Carried forward</td><td class=\"n\">%s</td></tr>\n</table>\n",
	    money(s->earned), money(s->brought), money(s->paid), money(s->carried));
	how_shared(fp, m, 1);
	fputs("</body>\n</html>\n", fp);
	cli_commit_output(&o);
}

/* --summary: the payouts must add up to the month's base and parts. */
static int
check_summary(const struct statement_month *m)
{
	static const char *const keys[] = { "fixed", "fund", "operations", "rnd", "unallocated", "variable" };
	char err[512];
	struct table *t;
	int bad = 0, k, v;

	if (opt.summary == NULL)
		return 0;
	if ((t = table_open(opt.summary, opt.flags & TABLE_TSV, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if ((k = table_col(t, "key")) < 0 || (v = table_col(t, "value")) < 0)
		err_exit(ERR_EXIT_USAGE, "%s:1: needs \"key\" and \"value\" columns", table_name(t));
	while (table_next(t) == 1) {
		const char *key = table_field(t, k);
		int64_t want, got = -1;

		for (int i = 0; i < 6; i++)
			if (strcmp(key, keys[i]) == 0)
				got = m->parts[i];
		if (strcmp(key, "base") == 0)
			got = m->total;
		if (got == -1 || money_parse(table_field(t, v), &want) != 0)
			continue;
		if (want != got) {
			err_at(table_name(t), table_line(t), key, "%s in the summary, %s in the payouts",
			    money(want), money(got));
			bad = 1;
		}
	}
	table_close(t);
	return bad ? -1 : 0;
}

static int
cmd_statements(int argc, char **argv)
{
	struct statement_month m;
	struct catalog *cat;
	struct out o;
	struct table_writer w;
	char path[PATH_MAX], stem[200];

	(void)argc;
	load_policy();
	load_holder_names();
	cat = load_catalog();
	if (statement_month(&m, argv[0], opt.balances, opt.month, opt.flags & TABLE_TSV,
	    policy.min_payout, report) != 0 || check_summary(&m) != 0)
		err_exit(ERR_EXIT_DATA, "the payouts and balances do not add up: no statement written");
	if (mkdir(opt.output, 0755) != 0 && errno != EEXIST)
		err_exit(ERR_EXIT_USAGE, "%s: %s", opt.output, strerror(errno));
	snprintf(path, sizeof path, "%s/index.csv", opt.output);
	cli_open_output(&o, path, &w, opt.flags);
	table_put_header(&w, "holder,name,file,earned,brought_forward,paid,carried_forward");
	for (size_t i = 0; i < m.n; i++) {
		const struct statement *s = &m.s[i];

		file_stem(&m, i, stem, sizeof stem);
		table_put(&w, s->holder);
		table_put(&w, display_name(s->holder));
		table_put(&w, stem);
		table_put_money(&w, s->earned);
		table_put_money(&w, s->brought);
		table_put_money(&w, s->paid);
		table_put_money(&w, s->carried);
		table_end_row(&w);
		snprintf(path, sizeof path, "%s/%s.csv", opt.output, stem);
		write_statement_csv(path, &m, s, cat);
		snprintf(path, sizeof path, "%s/%s.txt", opt.output, stem);
		write_statement_text(path, &m, s, cat);
		snprintf(path, sizeof path, "%s/%s.html", opt.output, stem);
		write_statement_html(path, &m, s, cat);
	}
	cli_commit_output(&o);
	snprintf(path, sizeof path, "%s/balances.csv", opt.output);
	cli_open_output(&o, path, &w, opt.flags);
	table_put_header(&w, "holder,balance");
	for (size_t i = 0; i < m.n; i++)
		if (m.s[i].carried != 0) {
			table_put(&w, m.s[i].holder);
			table_put_money(&w, m.s[i].carried);
			table_end_row(&w);
		}
	cli_commit_output(&o);
	statement_month_free(&m);
	catalog_free(cat);
	return ERR_EXIT_OK;
}

/*
 * dsr: a distributor's titles as a tab-separated sales report modelled on
 * the DDEX DSR flat files: a HEAD record, a summary SY01, one AS01 record
 * per title and a FOOT record counting them.
 */
static int
cmd_dsr(int argc, char **argv)
{
	struct catalog *cat;
	struct table *t;
	struct out o;
	char err[512], start[11], end[11];
	int track, listens, amount, part, month, y, mo;
	size_t n;
	int64_t *title_listens, *title_amount, total_listens = 0, total_amount = 0;
	long records = 0, titles = 0;
	const char *m = NULL;

	(void)argc;
	load_policy();
	cat = load_catalog();
	n = catalog_count(cat);
	title_listens = err_calloc(n + 1, sizeof *title_listens);
	title_amount = err_calloc(n + 1, sizeof *title_amount);
	if ((t = table_open(argv[0], 0, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	track = table_col(t, "track");
	listens = table_col(t, "listens");
	amount = table_col(t, "amount");
	part = table_col(t, "part");
	month = table_col(t, "month");
	if (track < 0 || listens < 0 || amount < 0 || part < 0 || month < 0)
		err_exit(ERR_EXIT_USAGE, "%s:1: not payout lines", table_name(t));
	static char month_buf[8];
	while (table_next(t) == 1) {
		long i = catalog_index(cat, table_field(t, track));
		int64_t a, l;

		if (m == NULL)
			m = strcpy(month_buf, table_field(t, month));
		if (i < 0 || strcmp(catalog_title(cat, (size_t)i)->distributor, opt.distributor) != 0)
			continue;
		if (money_parse(table_field(t, amount), &a) != 0)
			err_exit(ERR_EXIT_DATA, "%s:%ld: amount: not an amount", table_name(t), table_line(t));
		l = strtoll(table_field(t, listens), NULL, 10);
		title_amount[i] += a;
		/* The fixed and variable lines of a title carry the same listens. */
		if (l > title_listens[i])
			title_listens[i] = l;
	}
	table_close(t);
	if (m == NULL || date_parse_month(m, &y, &mo) != 0)
		err_exit(ERR_EXIT_DATA, "%s: no payout line with a month", argv[0]);
	snprintf(start, sizeof start, "%s-01", m);
	snprintf(end, sizeof end, "%s-%02d", m, date_days_in_month(y, mo));
	cli_open_output(&o, opt.output, NULL, opt.flags);
	fprintf(o.fp, "HEAD\t1d-dsr/1\t1D-%s-%s\t%sT23:59:59Z\t%s\t%s\t%s\t%s\n", m, opt.distributor, end,
	    start, end, opt.distributor, policy.currency);
	for (size_t i = 0; i < n; i++) {
		if (title_amount[i] != 0 || title_listens[i] != 0) {
			total_listens += title_listens[i];
			total_amount += title_amount[i];
			titles++;
		}
	}
	fprintf(o.fp, "SY01\t%ld\t%" PRId64 "\t%s\n", titles, total_listens, money(total_amount));
	for (size_t i = 0; i < n; i++) {
		const struct catalog_title *ti = catalog_title(cat, i);

		if (title_amount[i] == 0 && title_listens[i] == 0)
			continue;
		fprintf(o.fp, "AS01\t%s\t%s\t%s\t%s\t%s\t%" PRId64 "\t%s\t%s\n", ti->isrc, ti->track, ti->title,
		    ti->artists, ti->upc, title_listens[i], money(title_amount[i]), policy.currency);
		records++;
	}
	fprintf(o.fp, "FOOT\t%ld\t%ld\n", records + 3, records);
	cli_commit_output(&o);
	free(title_listens);
	free(title_amount);
	catalog_free(cat);
	return ERR_EXIT_OK;
}

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

/* transparency: the month on one page. */
static int
cmd_transparency(int argc, char **argv)
{
	struct statement_month m;
	struct out o;
	int64_t *amounts, holders_total = 0;
	char err[512];

	(void)argc;
	load_policy();
	{
		struct table *t;
		int c;

		if ((t = table_open(argv[0], 0, err, sizeof err)) == NULL)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		if ((c = table_col(t, "month")) < 0 || table_next(t) != 1)
			err_exit(ERR_EXIT_DATA, "%s: no payout line", table_name(t));
		snprintf(err, sizeof err, "%s", table_field(t, c));
		table_close(t);
	}
	if (statement_month(&m, argv[0], NULL, err, 0, 0, report) != 0)
		err_exit(ERR_EXIT_DATA, "%s: payouts that do not add up", argv[0]);
	amounts = err_calloc(m.n + 1, sizeof *amounts);
	for (size_t i = 0; i < m.n; i++) {
		amounts[i] = m.s[i].earned;
		holders_total += amounts[i];
	}
	qsort(amounts, m.n, sizeof *amounts, by_amount_desc);
	cli_open_output(&o, opt.output, NULL, opt.flags);
	fprintf(o.fp, "The month %s (model %s), amounts in %s\n\n", m.month, m.model, policy.currency);
	if (opt.summary) {
		struct table *t = table_open(opt.summary, 0, err, sizeof err);
		int k, v;

		if (t == NULL)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		k = table_col(t, "key");
		v = table_col(t, "value");
		fprintf(o.fp, "From the month's summary:\n");
		while (k >= 0 && v >= 0 && table_next(t) == 1)
			fprintf(o.fp, "  %-20s %s\n", table_field(t, k), table_field(t, v));
		table_close(t);
		fputc('\n', o.fp);
	}
	fprintf(o.fp, "Money shared: %s\n", money(m.total));
	fprintf(o.fp, "  operations          %12s\n  research, develop.  %12s\n  solidarity fund     %12s\n"
	    "  fixed part          %12s\n  variable part       %12s\n  unallocated         %12s\n\n",
	    money(m.parts[2]), money(m.parts[3]), money(m.parts[1]), money(m.parts[0]), money(m.parts[5]),
	    money(m.parts[4]));
	fprintf(o.fp, "Rights holders: %zu, paid %s in all\n", m.n, money(holders_total));
	for (int share = 1; share <= 10; share += 9) {
		size_t top = (m.n * (size_t)share + 99) / 100;
		int64_t sum = 0;

		for (size_t i = 0; i < top && i < m.n; i++)
			sum += amounts[i];
		fprintf(o.fp, "  the top %2d %% (%zu holder%s) received ", share, top, top == 1 ? "" : "s");
		percent(o.fp, sum, holders_total);
		fputc('\n', o.fp);
	}
	if (opt.compare) {
		struct table *t = table_open(opt.compare, 0, err, sizeof err);

		if (t == NULL)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		fprintf(o.fp, "\nThe same month under every model (amounts to holders):\n");
		for (int c = 1; c < table_ncols(t); c++) {
			int64_t sum = 0, v;

			table_close(t);
			t = table_open(opt.compare, 0, err, sizeof err);
			while (table_next(t) == 1)
				if (money_parse(table_field(t, c), &v) == 0)
					sum += v;
			fprintf(o.fp, "  %-16s %12s\n", table_colname(t, c), money(sum));
		}
		table_close(t);
	}
	cli_commit_output(&o);
	free(amounts);
	statement_month_free(&m);
	return ERR_EXIT_OK;
}

static int
cmd_keygen(int argc, char **argv)
{
	char err[512];

	(void)argc, (void)argv;
	if (bundle_keygen(opt.output, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return ERR_EXIT_OK;
}

static int
cmd_bundle(int argc, char **argv)
{
	char err[1024], header[4096];
	int y, mo;

	if (date_parse_month(opt.month, &y, &mo) != 0)
		err_exit(ERR_EXIT_USAGE, "--month: not a month (YYYY-MM): \"%s\"", opt.month);
	snprintf(header, sizeof header, "1d-bundle 1\nmonth %s\ntool 1d-report %s\n", opt.month,
	    ONED_VERSION);
	/* The options the month end gave the tools, for verify to replay. */
	for (int i = 0; i < 2; i++) {
		const char *tool = i ? "1d-cct" : "1d-listens";
		const char *words = i ? opt.cct_options : opt.listens_options;
		size_t used = strlen(header);

		if (words == NULL)
			continue;
		if (replay_options_valid(tool, words, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		snprintf(header + used, sizeof header - used, "options %s %s\n", tool, words);
	}
	if (bundle_write(opt.output, argv, argc, header, opt.sign, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return ERR_EXIT_OK;
}

static void
verify_failure(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s: verify: %s\n", err_prog(), msg);
}

/* verify: a failed check names what differs and exits 1. */
static int
cmd_verify(int argc, char **argv)
{
	char err[1024];
	size_t files;
	int rc;

	(void)argc;
	rc = replay_verify(argv[0], opt.pub, verify_failure, NULL, &files, err, sizeof err);
	if (rc < 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (rc > 0)
		return ERR_EXIT_DATA;
	printf("%s: verified: %zu files match MANIFEST%s; usage, payouts and statements replay"
	    " byte for byte\n", argv[0], files, opt.pub ? ", signature good" : "");
	return ERR_EXIT_OK;
}

#define OUTPUT_OPTION(placeholder, required) \
	{ "output", 'o', CLI_STRING, placeholder, &opt.output, 0, required }
#define POLICY_OPTION { "policy", 0, CLI_STRING, "FILE", &opt.policy, 0, 0 }
#define SUMMARY_OPTION { "summary", 0, CLI_STRING, "FILE", &opt.summary, 0, 0 }

static const struct cli_option statements_options[] = {
	{ "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 },
	{ "excel", 0, CLI_FLAG, NULL, &opt.flags, TABLE_EXCEL, 0 },
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 1 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 0 },
	{ "holders", 0, CLI_STRING, "FILE", &opt.holders, 0, 0 },
	{ "balances", 0, CLI_STRING, "FILE", &opt.balances, 0, 0 },
	POLICY_OPTION,
	SUMMARY_OPTION,
	OUTPUT_OPTION("DIR", 1),
	{ NULL },
};
static const struct cli_option dsr_options[] = {
	{ "distributor", 0, CLI_STRING, "NAME", &opt.distributor, 0, 1 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 1 },
	POLICY_OPTION,
	OUTPUT_OPTION("FILE", 0),
	{ NULL },
};
static const struct cli_option transparency_options[] = {
	SUMMARY_OPTION,
	{ "compare", 0, CLI_STRING, "FILE", &opt.compare, 0, 0 },
	POLICY_OPTION,
	OUTPUT_OPTION("FILE", 0),
	{ NULL },
};
static const struct cli_option keygen_options[] = {
	OUTPUT_OPTION("PREFIX", 1),
	{ NULL },
};
static const struct cli_option bundle_options[] = {
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 1 },
	{ "sign", 0, CLI_STRING, "KEY", &opt.sign, 0, 0 },
	{ "listens-options", 0, CLI_STRING, "TEXT", &opt.listens_options, 0, 0 },
	{ "cct-options", 0, CLI_STRING, "TEXT", &opt.cct_options, 0, 0 },
	OUTPUT_OPTION("FILE", 1),
	{ NULL },
};
static const struct cli_option verify_options[] = {
	{ "pub", 0, CLI_STRING, "KEY", &opt.pub, 0, 0 },
	{ NULL },
};

static const struct cli_command commands[] = {
	{ "statements", statements_options, "FILE", 1, 1, cmd_statements },
	{ "dsr", dsr_options, "FILE", 1, 1, cmd_dsr },
	{ "transparency", transparency_options, "FILE", 1, 1, cmd_transparency },
	{ "keygen", keygen_options, "", 0, 0, cmd_keygen },
	{ "bundle", bundle_options, "FILE ...", 1, -1, cmd_bundle },
	{ "verify", verify_options, "FILE", 1, 1, cmd_verify },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { NULL, commands };

	return cli_main(&tool, argc, argv);
}
