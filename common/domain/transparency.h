/*
 * transparency.h - the month on one page, for the cooperative's members:
 * the money shared and its parts, how concentrated the holders' pay is
 * (the share of the top 1 % and 10 %), the month's summary and the same
 * month under every model, when given.
 */
#ifndef TRANSPARENCY_H
#define TRANSPARENCY_H

#include <stddef.h>
#include <stdio.h>

#include "statement.h"

/*
 * Write the page for the settled month m; summary (1d-cct --summary) and
 * compare (1d-cct compare) may be NULL.  0, or -1 with errbuf when one of
 * them cannot be read.
 */
int transparency_write(FILE *fp, const struct statement_month *m, const char *currency,
    const char *summary, const char *compare, char *errbuf, size_t errlen);

#endif
