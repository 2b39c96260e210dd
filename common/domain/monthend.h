/*
 * monthend.h - what closing a month needs besides the tools themselves
 * (DESIGN.md section 8): its config, and the preflight that refuses to
 * close an incomplete month.
 */
#ifndef MONTHEND_H
#define MONTHEND_H

#include <stddef.h>
#include <time.h>

/*
 * The config, "key = value" lines (keyval.h).  %M in a value is the month
 * (YYYY-MM); a relative path is relative to the config file's directory.
 * logs is a glob, expanded in byte order.
 */
struct monthend_config {
	char *drops, *maps, *ledger, *policy, *holders, *catalog, *key, *out, *balances, *distributors,
	    *suspense;		/* the open suspense brought forward, when not the previous month's */
	char **logs;		/* the glob's matches */
	size_t nlogs;
	char *logs_pattern;
	char *month;		/* YYYY-MM */
	int year, mon;
};

/*
 * Read path for month; 0, or -1 with "path:line: key: what" in errbuf (an
 * unknown key, a key given twice, a required key missing: logs, ledger,
 * policy, catalog, key, out).
 */
int monthend_config_load(const char *path, const char *month, struct monthend_config *c,
    char *errbuf, size_t errlen);
void monthend_config_free(struct monthend_config *c);

/* What the preflight found wrong, one line each. */
struct monthend_findings {
	char **line;
	size_t n;
};

/*
 * Check that the month can be closed: every input named exists; every day
 * of the month has log rows, and none has under a tenth of the month's
 * median; the ledger has money for the month; every structure with money
 * in the month has listens.  Findings are added to f; returns -1 only
 * when a check itself could not run (errbuf then says why).
 */
int monthend_preflight(const struct monthend_config *c, struct monthend_findings *f, char *errbuf,
    size_t errlen);
void monthend_findings_free(struct monthend_findings *f);

/*
 * The days check alone, for a month of ndays days: count[d] rows on day
 * d + 1.  Adds a finding for each day without rows and each day with
 * fewer than a tenth of the median.
 */
void monthend_check_days(const char *month, const long *count, int ndays, struct monthend_findings *f);

/*
 * The drops must not change while they are imported: a finding for each
 * file under path (a file or a directory, walked without following
 * symbolic links) modified after since, when the import began.  Files
 * are visited in directory order; the findings are what matters.
 */
void monthend_check_drops_settled(const char *path, const struct timespec *since,
    struct monthend_findings *f);

/* The month before month, YYYY-MM, into buf (8 bytes). */
void monthend_previous(const char *month, char *buf);

#endif
