#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "dsr.h"
#include "err.h"
#include "money.h"
#include "table.h"

/*
 * The value of HEAD's MessageVersion cell: dsrf/ then the versions of
 * DSR Part 1 (architecture), Part 2 (allowed values) and Part 8 (record
 * types) the report follows.  Inferred from what the BasicAudioProfile
 * 1.2 schemas (namespace dsrf/3/20191008) ship with: profiles of Parts 9
 * and 10 (Part 1 1.3), VideoType but no ClaimBasis in the allowed values
 * (Part 2 1.2), record types shared by both block variants (Part 8 1.3).
 */
#define DSR_MESSAGE_VERSION "dsrf/1.3/1.2/1.3"
/* The one summary record's id, which every usage record points at. */
#define SUMMARY_ID "1"

int
dsr_dpid_valid(const char *s)
{
	if (strncmp(s, "PADPIDA", 7) != 0 || strlen(s) != 18)
		return 0;
	for (s += 7; *s; s++)
		if (!isdigit((unsigned char)*s) && !isupper((unsigned char)*s))
			return 0;
	return 1;
}

int
dsr_name_element_valid(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.')
			return 0;
	return 1;
}

int
dsr_parties_load(struct dsr_parties *p, const char *path, char *errbuf, size_t errlen)
{
	static const char *const names[] = { "distributor", "name", "dpid" };
	struct table *t;
	int col[3], rc;
	size_t cap = 0;

	memset(p, 0, sizeof *p);
	if ((t = table_open(path, 0, errbuf, errlen)) == NULL)
		return -1;
	if (table_columns(t, names, 3, col, errbuf, errlen) != 0) {
		table_close(t);
		return -1;
	}
	while ((rc = table_next(t)) == 1) {
		const char *dist = table_field(t, col[0]), *name = table_field(t, col[1]);
		const char *dpid = table_field(t, col[2]);
		const char *why = NULL;
		int bad = -1;

		if (*dist == '\0')
			bad = 0, why = "empty";
		else if (dsr_parties_find(p, dist) != NULL)
			bad = 0, why = "given twice (without regard to case)";
		else if (*name == '\0')
			bad = 1, why = "empty";
		else if (!dsr_dpid_valid(dpid))
			bad = 2, why = "not a DDEX party id (PADPIDA and 11 letters or digits)";
		if (bad >= 0) {
			snprintf(errbuf, errlen, "%s:%ld: %s: %s: \"%s\"", table_name(t), table_line(t), names[bad],
			    why, table_field(t, col[bad]));
			table_close(t);
			return -1;
		}
		if (p->n == cap)
			p->v = err_realloc(p->v, (cap = cap ? 2 * cap : 8) * sizeof *p->v);
		p->v[p->n].distributor = err_strdup(dist);
		p->v[p->n].name = err_strdup(name);
		p->v[p->n].dpid = err_strdup(dpid);
		p->n++;
	}
	if (rc < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		return -1;
	}
	table_close(t);
	return 0;
}

const struct dsr_party *
dsr_parties_find(const struct dsr_parties *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcasecmp(p->v[i].distributor, name) == 0)
			return &p->v[i];
	return NULL;
}

void
dsr_parties_free(struct dsr_parties *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].distributor);
		free(p->v[i].name);
		free(p->v[i].dpid);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* Add a line; 0, or -1 with the field in *field when a sum would overflow. */
static int
add_line(struct dsr *d, const struct payout_line *l, const char **field)
{
	long i = catalog_index(d->cat, l->track);

	if (d->month[0] == '\0')
		snprintf(d->month, sizeof d->month, "%s", l->month);
	*field = "amount";
	if (__builtin_add_overflow(d->month_amount, l->amount, &d->month_amount))
		return -1;
	if (i < 0)
		return 0;
	if (__builtin_add_overflow(d->amount[i], l->amount, &d->amount[i]))
		return -1;
	/* The fixed and variable lines of a title carry the same listens. */
	*field = "listens";
	if (l->listens > d->listens[i]) {
		if (__builtin_add_overflow(d->month_listens, l->listens - d->listens[i], &d->month_listens))
			return -1;
		d->listens[i] = l->listens;
	}
	return 0;
}

int
dsr_read(struct dsr *d, const char *payouts, const struct catalog *cat, payout_report_fn *report,
    char *errbuf, size_t errlen)
{
	struct payout_reader *r;
	struct payout_line l;
	const char *field;
	int rc, bad = 0;

	memset(d, 0, sizeof *d);
	d->cat = cat;
	d->listens = err_calloc(catalog_count(cat) + 1, sizeof *d->listens);
	d->amount = err_calloc(catalog_count(cat) + 1, sizeof *d->amount);
	if ((r = payout_open(payouts, 0, errbuf, errlen)) == NULL)
		return -2;
	while ((rc = payout_next(r, &l, &field, errbuf, errlen)) != 0) {
		if (rc == -2) {
			payout_close(r);
			return -2;
		}
		if (rc < 0) {
			report(payout_name(r), payout_lineno(r), field, errbuf);
			bad = 1;
		} else if (add_line(d, &l, &field) != 0) {
			report(payout_name(r), payout_lineno(r), field, "the month's sum overflows");
			bad = 1;
			break;
		}
	}
	if (d->month[0] == '\0' && !bad) {
		report(payout_name(r), 0, NULL, "no payout line with a month");
		bad = 1;
	}
	payout_close(r);
	return bad ? -1 : 0;
}

void
dsr_free(struct dsr *d)
{
	free(d->listens);
	free(d->amount);
	d->listens = d->amount = NULL;
}

/*
 * One cell, escaped as DSR Part 1 says: a tab is preceded by one
 * backslash, a pipe by two, and a backslash is sent as three.  A line
 * break cannot be escaped: it becomes a space.
 */
static void
put_cell(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			fputs("\\\t", fp);
		else if (*s == '|')
			fputs("\\\\|", fp);
		else if (*s == '\\')
			fputs("\\\\\\", fp);
		else if (*s == '\n' || *s == '\r')
			putc(' ', fp);
		else
			putc(*s, fp);
	}
}

/*
 * A record of exactly n cells.  Cells whose bit is set in multi are
 * multi-value cells already escaped and joined with "|".
 */
static void
put_record(FILE *fp, int n, const char *const *cells, unsigned multi)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			putc('\t', fp);
		if (multi & (1u << i))
			fputs(cells[i], fp);
		else
			put_cell(fp, cells[i]);
	}
	putc('\n', fp);
}

/* A stream into memory: *buf and *len are set when it is flushed or closed. */
static FILE *
memfile(char **buf, size_t *len)
{
	FILE *fp;

	*buf = NULL;
	if ((fp = open_memstream(buf, len)) == NULL)
		err_nomem();
	return fp;
}

/* Order of the blocks: releases by UPC, then the titles without one, each by track. */
static const struct catalog *sort_cat;

static int
cmp_titles(const void *a, const void *b)
{
	const struct catalog_title *x = catalog_title(sort_cat, *(const size_t *)a);
	const struct catalog_title *y = catalog_title(sort_cat, *(const size_t *)b);
	int c;

	if ((*x->upc == '\0') != (*y->upc == '\0'))
		return *x->upc == '\0' ? 1 : -1;
	if ((c = strcmp(x->upc, y->upc)) != 0)
		return c;
	return strcmp(x->track, y->track);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *
resource_type(const char *media)
{
	if (strcmp(media, "audio") == 0 || *media == '\0')
		return "SoundRecording";
	if (strcmp(media, "video") == 0)
		return "Video";
	return NULL;
}

/* ISO 8601 duration, PT[hH]mMsS, whole seconds; "" when unknown. */
static void
format_duration(int64_t ms, char *buf, size_t n)
{
	int64_t s = ms / 1000;

	if (ms < 0)
		buf[0] = '\0';
	else if (s >= 3600)
		snprintf(buf, n, "PT%" PRId64 "H%" PRId64 "M%" PRId64 "S", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, n, "PT%" PRId64 "M%" PRId64 "S", s / 60, s % 60);
}

/* A block's lines: its bytes in the blocks buffer and its record count. */
struct block {
	size_t off, len;
	long lines;
};

/* The titles of the report: the party's played audio and video titles, in block order. */
static size_t
report_titles(const struct dsr *d, const struct dsr_party *p, size_t *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < catalog_count(d->cat); i++) {
		const struct catalog_title *t = catalog_title(d->cat, i);

		/* Fixed-part money without a listen is no usage: it is only in the summary. */
		if (d->listens[i] > 0 && strcasecmp(t->distributor, p->distributor) == 0 &&
		    resource_type(t->media) != NULL)
			idx[n++] = i;
	}
	sort_cat = d->cat;
	qsort(idx, n, sizeof *idx, cmp_titles);
	return n;
}

/* Write the blocks into fp; returns their number, each described in blocks. */
static size_t
write_blocks(const struct dsr *d, const struct dsr_party *p, const size_t *idx, size_t n, FILE *fp,
    struct block *blocks)
{
	size_t nb = 0;
	long off = 0;

	for (size_t i = 0; i < n; nb++) {
		const struct catalog_title *first = catalog_title(d->cat, idx[i]);
		char block_id[24], listens[24], ref[24], tx[48], dur[48];
		size_t j = i + 1;
		long lines = 0;

		/* A release is the run of titles with its UPC; a title without one is alone. */
		while (*first->upc && j < n && strcmp(catalog_title(d->cat, idx[j])->upc, first->upc) == 0)
			j++;
		snprintf(block_id, sizeof block_id, "%zu", nb + 1);
		if (*first->upc) {
			const char *cells[15] = { "RE01", block_id, "R1", first->upc, "", "", first->upc,
			    first->artists, "", *first->release_title ? first->release_title : first->title, "",
			    "", first->label, "", p->name };

			put_record(fp, 15, cells, 0);
			lines++;
		}
		for (size_t k = i; k < j; k++) {
			const struct catalog_title *t = catalog_title(d->cat, idx[k]);
			const char *cells[22] = { "AS02.02", block_id, ref, t->track, t->isrc, t->title, "",
			    t->artists, "", dur, resource_type(t->media), "", "", "", "", "", "", "", "", "", "",
			    "" };

			snprintf(ref, sizeof ref, "A%zu", k - i + 1);
			format_duration(t->duration_ms, dur, sizeof dur);
			put_record(fp, 22, cells, 0);
			lines++;
		}
		for (size_t k = i; k < j; k++) {
			const char *cells[10] = { "SU02", block_id, SUMMARY_ID, tx, "", ref, "true", listens, "",
			    "" };

			snprintf(ref, sizeof ref, "A%zu", k - i + 1);
			snprintf(tx, sizeof tx, "%s-%s", block_id, ref);
			snprintf(listens, sizeof listens, "%" PRId64, d->listens[idx[k]]);
			put_record(fp, 10, cells, 0);
			lines++;
		}
		fflush(fp);
		blocks[nb].off = (size_t)off;
		blocks[nb].len = (size_t)(ftell(fp) - off);
		blocks[nb].lines = lines;
		off = ftell(fp);
		i = j;
	}
	return nb;
}

/* The labels of the report's titles, distinct and sorted, escaped and joined with "|". */
static char *
repertoire(const struct dsr *d, const size_t *idx, size_t n)
{
	const char **labels = err_calloc(n + 1, sizeof *labels);
	size_t nl = 0, len;
	char *buf;
	FILE *fp = memfile(&buf, &len);

	for (size_t i = 0; i < n; i++)
		if (*catalog_title(d->cat, idx[i])->label)
			labels[nl++] = catalog_title(d->cat, idx[i])->label;
	qsort(labels, nl, sizeof *labels, cmp_str);
	for (size_t i = 0; i < nl; i++) {
		if (i > 0 && strcmp(labels[i], labels[i - 1]) == 0)
			continue;
		if (ftell(fp) > 0)
			putc('|', fp);
		put_cell(fp, labels[i]);
	}
	fclose(fp);
	free(labels);
	return buf;
}

struct layout {
	const struct dsr *d;
	const struct dsr_party *p;
	const struct dsr_sender *s;
	int64_t listens, amount;	/* of the party's titles */
	const char *repertoire;
	char start[11], end[11], created[21], message_id[64];
};

static void
write_head(const struct layout *L, FILE *fp, const char *x, const char *y)
{
	const char *cells[16] = { "HEAD", DSR_MESSAGE_VERSION, DSR_PROFILE, DSR_PROFILE_VERSION, L->message_id,
	    L->created, x, y, L->start, L->end, L->s->dpid, L->s->service, L->s->service, L->p->dpid,
	    L->p->name, L->repertoire };

	put_record(fp, 16, cells, 1u << 15);
}

static void
write_summary(const struct layout *L, FILE *fp)
{
	char usages[24], net[MONEY_BUFSZ], allocated_usages[24], allocated[MONEY_BUFSZ];
	const char *cells[22] = { "SY02.02", SUMMARY_ID, "", "", "SubscriptionModel", "OnDemandStream",
	    L->s->territory, L->s->service, usages, "", L->s->currency, net, L->p->name, "",
	    allocated_usages, allocated, allocated, "", "Music", "", "", "" };

	snprintf(usages, sizeof usages, "%" PRId64, L->d->month_listens);
	money_format(L->d->month_amount, net);
	snprintf(allocated_usages, sizeof allocated_usages, "%" PRId64, L->listens);
	money_format(L->amount, allocated);
	put_record(fp, 22, cells, 0);
}

static void
write_foot(FILE *fp, long lines, long report_lines, long blocks, long report_blocks)
{
	fprintf(fp, "FOOT\t%ld\t%ld\t1\t%ld\t%ld\n", lines, report_lines, blocks, report_blocks);
}

int
dsr_render(const struct dsr *d, const struct dsr_party *p, const struct dsr_sender *s, int64_t max_bytes,
    struct dsr_files *out, char *errbuf, size_t errlen)
{
	size_t n, nb, blocks_len, fixed_len, summary_len, *idx, *first_block;
	struct layout L = { d, p, s, 0, 0, NULL, "", "", "", "" };
	int64_t used;
	long report_lines = 0, nfiles = 0;
	struct block *blocks;
	char *blocks_buf, *summary_buf, name_time[16];
	FILE *fp;
	int y, mo;

	memset(out, 0, sizeof *out);
	date_parse_month(d->month, &y, &mo);
	snprintf(L.start, sizeof L.start, "%s-01", d->month);
	snprintf(L.end, sizeof L.end, "%s-%02d", d->month, date_days_in_month(y, mo));
	/* No clock reaches the output: the report is made as of the month's last second. */
	snprintf(L.created, sizeof L.created, "%sT23:59:59Z", L.end);
	snprintf(name_time, sizeof name_time, "%.4s%.2s%.2sT235959", L.end, L.end + 5, L.end + 8);
	snprintf(L.message_id, sizeof L.message_id, "1d-%s-%s", d->month, p->dpid);

	for (size_t i = 0; i < catalog_count(d->cat); i++) {
		if (strcasecmp(catalog_title(d->cat, i)->distributor, p->distributor) != 0)
			continue;
		/* Listens: each title's are in month_listens, whose sum did not overflow. */
		L.listens += d->listens[i];
		if (__builtin_add_overflow(L.amount, d->amount[i], &L.amount)) {
			snprintf(errbuf, errlen, "%s: the amounts of the distributor's titles overflow",
			    p->distributor);
			return -1;
		}
	}
	idx = err_calloc(catalog_count(d->cat) + 1, sizeof *idx);
	n = report_titles(d, p, idx);
	L.repertoire = repertoire(d, idx, n);
	blocks = err_calloc(n + 1, sizeof *blocks);
	fp = memfile(&blocks_buf, &blocks_len);
	nb = write_blocks(d, p, idx, n, fp, blocks);
	fclose(fp);
	fp = memfile(&summary_buf, &summary_len);
	write_summary(&L, fp);
	fclose(fp);

	/*
	 * HEAD, summary and FOOT of a file, with room for the widest count:
	 * there are no more files than blocks (or one), and no more records
	 * than those of the blocks and three per file.
	 */
	{
		size_t head_len, width = 1, file_width = 1;
		int64_t most = 3;
		char *head;

		for (size_t b = 0; b < nb; b++)
			most += blocks[b].lines + 3;
		for (int64_t v = most; v >= 10; v /= 10)
			width++;
		for (size_t v = nb; v >= 10; v /= 10)
			file_width++;
		fp = memfile(&head, &head_len);
		write_head(&L, fp, "", "");
		fclose(fp);
		free(head);
		fixed_len = head_len + 2 * file_width + summary_len + strlen("FOOT\t\t\t1\t\t\n") + 4 * width;
	}
	/* Greedy: a file takes blocks while it stays within max_bytes. */
	first_block = err_calloc(nb + 2, sizeof *first_block);
	used = -1;
	for (size_t b = 0; b < nb; b++) {
		if ((int64_t)(fixed_len + blocks[b].len) > max_bytes) {
			snprintf(errbuf, errlen, "block %zu takes %zu bytes: more than --max-bytes %" PRId64, b + 1,
			    fixed_len + blocks[b].len, max_bytes);
			free(first_block);
			free(blocks);
			free(blocks_buf);
			free(summary_buf);
			free((char *)L.repertoire);
			free(idx);
			return -1;
		}
		if (used < 0 || used + (int64_t)blocks[b].len > max_bytes) {
			first_block[nfiles++] = b;
			used = (int64_t)fixed_len;
		}
		used += (int64_t)blocks[b].len;
	}
	if (nfiles == 0)
		first_block[nfiles++] = 0;	/* HEAD, summary and FOOT only */
	first_block[nfiles] = nb;
	for (size_t b = 0; b < nb; b++)
		report_lines += blocks[b].lines;
	report_lines += 3 * nfiles;

	out->v = err_calloc((size_t)nfiles, sizeof *out->v);
	out->n = (size_t)nfiles;
	for (long f = 0; f < nfiles; f++) {
		struct dsr_file *file = &out->v[f];
		char x[24], ny[24], name[512];
		long lines = 3;

		snprintf(x, sizeof x, "%ld", f + 1);
		snprintf(ny, sizeof ny, "%ld", nfiles);
		snprintf(name, sizeof name, "DSR_%s_%s_%s_%s_%s_%sof%s_%s.tsv", p->dpid, s->dpid, s->service,
		    d->month, s->territory, x, ny, name_time);
		file->name = err_strdup(name);
		fp = memfile(&file->data, &file->len);
		write_head(&L, fp, x, ny);
		fwrite(summary_buf, 1, summary_len, fp);
		for (size_t b = first_block[f]; b < first_block[f + 1]; b++) {
			fwrite(blocks_buf + blocks[b].off, 1, blocks[b].len, fp);
			lines += blocks[b].lines;
		}
		write_foot(fp, lines, report_lines, (long)(first_block[f + 1] - first_block[f]), (long)nb);
		fclose(fp);
	}
	free(first_block);
	free(blocks);
	free(blocks_buf);
	free(summary_buf);
	free((char *)L.repertoire);
	free(idx);
	return 0;
}

void
dsr_files_free(struct dsr_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].data);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}
