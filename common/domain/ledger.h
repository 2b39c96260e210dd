/*
 * ledger.h - the subscription ledger and the money of one month.
 *
 * Columns: date,structure,kind,gross,currency,vat_rate,period_start,
 * period_end,ref.  Each row's gross (VAT included) and its VAT,
 * round(gross * r / (100 + r)) on the whole gross, are spread over the
 * months of period_start..period_end by days (largest remainder, key
 * YYYY-MM); the month's share of every row is summed per structure, and
 * the collecting society's share round(net * rate / 100) is taken from
 * each structure's net.
 */
#ifndef LEDGER_H
#define LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

struct ledger_structure {
	char *structure;
	int64_t gross, vat, net, society, base;	/* cents, for the month */
};

struct ledger_month {
	struct ledger_structure *s;	/* sorted by structure */
	size_t n;
	int64_t gross, vat, net, society, base;	/* totals */
	long rows, rows_in_month;
};

/*
 * The share of amount that falls in month (year, month) when it is spread
 * over the days first..last by alloc() over every month of the period
 * (largest remainder, ties by month), computed exactly in constant time
 * whatever the span.
 */
int64_t ledger_month_share(int64_t amount, struct date first, struct date last, int year, int month);

/*
 * Read the ledger at path and compute the month (year, month).  currency
 * is the policy's; society_rate is in percent scaled by 10^4.  Every bad
 * row (field NULL for a row that is not text or is too wide, the
 * message then naming the column) is reported through report(file, line,
 * field, message) and makes the call fail (-1) after the whole file was
 * read; so does a sum that would pass int64 (errbuf names it).  -2 and
 * errbuf: the file cannot be read to its end (I/O error, truncated gzip,
 * CSV that stops parsing) or lacks a column ("FILE:1: NAME: no such
 * column").
 */
int ledger_month(const char *path, int flags, int year, int month, const char *currency,
    int64_t society_rate, struct ledger_month *out,
    void (*report)(const char *file, long line, const char *field, const char *msg),
    char *errbuf, size_t errlen);
void ledger_month_free(struct ledger_month *m);

#endif
