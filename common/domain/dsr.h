/*
 * dsr.h - a distributor's titles of a month as a tab-separated sales
 * report modelled on the DDEX DSR flat files: a HEAD record, a summary
 * SY01, one AS01 record per title and a FOOT record counting them.
 */
#ifndef DSR_H
#define DSR_H

#include <stdint.h>
#include <stdio.h>

#include "catalog.h"
#include "payout.h"

struct dsr {
	char month[8];			/* of the first payout line */
	const struct catalog *cat;
	const char *distributor;
	int64_t *listens, *amount;	/* per title, by catalogue index */
};

/*
 * Gather the payouts of the distributor's titles.  Returns 0, -1 when a
 * line is bad or none has a month (each told to report()), -2 when the
 * payouts cannot be read (errbuf).
 */
int dsr_read(struct dsr *d, const char *payouts, const struct catalog *cat, const char *distributor,
    payout_report_fn *report, char *errbuf, size_t errlen);
void dsr_write(const struct dsr *d, FILE *fp, const char *currency);
void dsr_free(struct dsr *d);

#endif
