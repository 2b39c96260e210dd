#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dsr.h"
#include "err.h"
#include "money.h"

static void
add_line(struct dsr *d, const struct payout_line *l)
{
	long i = catalog_index(d->cat, l->track);

	if (d->month[0] == '\0')
		snprintf(d->month, sizeof d->month, "%s", l->month);
	if (i < 0 || strcmp(catalog_title(d->cat, (size_t)i)->distributor, d->distributor) != 0)
		return;
	d->amount[i] += l->amount;
	/* The fixed and variable lines of a title carry the same listens. */
	if (l->listens > d->listens[i])
		d->listens[i] = l->listens;
}

int
dsr_read(struct dsr *d, const char *payouts, const struct catalog *cat, const char *distributor,
    payout_report_fn *report, char *errbuf, size_t errlen)
{
	struct payout_reader *r;
	struct payout_line l;
	const char *field;
	int rc, bad = 0;

	memset(d, 0, sizeof *d);
	d->cat = cat;
	d->distributor = distributor;
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
		} else {
			add_line(d, &l);
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
dsr_write(const struct dsr *d, FILE *fp, const char *currency)
{
	size_t n = catalog_count(d->cat);
	int64_t listens = 0, amount = 0;
	long records = 0, titles = 0;
	char start[11], end[11], buf[MONEY_BUFSZ];
	int y, mo;

	date_parse_month(d->month, &y, &mo);
	snprintf(start, sizeof start, "%s-01", d->month);
	snprintf(end, sizeof end, "%s-%02d", d->month, date_days_in_month(y, mo));
	fprintf(fp, "HEAD\t1d-dsr/1\t1D-%s-%s\t%sT23:59:59Z\t%s\t%s\t%s\t%s\n", d->month, d->distributor,
	    end, start, end, d->distributor, currency);
	for (size_t i = 0; i < n; i++) {
		if (d->amount[i] != 0 || d->listens[i] != 0) {
			listens += d->listens[i];
			amount += d->amount[i];
			titles++;
		}
	}
	fprintf(fp, "SY01\t%ld\t%" PRId64 "\t%s\n", titles, listens, money_format(amount, buf));
	for (size_t i = 0; i < n; i++) {
		const struct catalog_title *ti = catalog_title(d->cat, i);

		if (d->amount[i] == 0 && d->listens[i] == 0)
			continue;
		fprintf(fp, "AS01\t%s\t%s\t%s\t%s\t%s\t%" PRId64 "\t%s\t%s\n", ti->isrc, ti->track, ti->title,
		    ti->artists, ti->upc, d->listens[i], money_format(d->amount[i], buf), currency);
		records++;
	}
	fprintf(fp, "FOOT\t%ld\t%ld\n", records + 3, records);
}

void
dsr_free(struct dsr *d)
{
	free(d->listens);
	free(d->amount);
	d->listens = d->amount = NULL;
}
