/*
 * dsr.h - a distributor's month as a DDEX DSR flat-file report: DSR
 * version 3 architecture, BasicAudioProfile 1.2, multi-record-block
 * variant, for a subscription service.
 *
 * A report is HEAD, one summary record SY02.02 (id 1: the month's
 * listens and money, and what of it is the distributor's), one block per
 * release (RE01, an AS02.02 per played resource, an SU02 per played
 * resource pointing at summary 1) and FOOT.  It is split into several
 * files when one would exceed a size limit; blocks are never split.
 */
#ifndef DSR_H
#define DSR_H

#include <stdint.h>
#include <stdio.h>

#include "catalog.h"
#include "payout.h"

#define DSR_PROFILE "BasicAudioProfile"
#define DSR_PROFILE_VERSION "1.2"
/* DSR Part 1 (6.6.13): a file may not exceed 4,000,000,000 bytes. */
#define DSR_MAX_BYTES INT64_C(4000000000)

/* A distributor of the distributors file (distributor,name,dpid). */
struct dsr_party {
	char *distributor, *name, *dpid;
};

struct dsr_parties {
	struct dsr_party *v;
	size_t n;
};

/* 1 if s is a DDEX party id: PADPIDA and 11 upper-case letters or digits. */
int dsr_dpid_valid(const char *s);
/* 1 if s can be a DSR file name element: letters, digits, "-" and ".". */
int dsr_name_element_valid(const char *s);

/*
 * Read a distributors file.  0, or -1 with "file:line: column: what" in
 * errbuf (a missing column, an empty name, a bad DPID, a distributor
 * given twice without regard to case).
 */
int dsr_parties_load(struct dsr_parties *p, const char *path, char *errbuf, size_t errlen);
/* The party whose distributor is name, compared without regard to case. */
const struct dsr_party *dsr_parties_find(const struct dsr_parties *p, const char *name);
void dsr_parties_free(struct dsr_parties *p);

struct dsr {
	char month[8];			/* of the first payout line */
	const struct catalog *cat;
	int64_t *listens, *amount;	/* per title, by catalogue index */
	int64_t month_listens;		/* qualified listens of every title */
	int64_t month_amount;		/* every line of the month: its CCT base */
};

/*
 * Gather the month's payouts per catalogue title.  Returns 0, -1 when a
 * line is bad, a sum overflows or no line has a month (each told to
 * report()), -2 when the payouts cannot be read (errbuf).
 */
int dsr_read(struct dsr *d, const char *payouts, const struct catalog *cat, payout_report_fn *report,
    char *errbuf, size_t errlen);
void dsr_free(struct dsr *d);

/* The sender and the service: the platform, from the policy. */
struct dsr_sender {
	const char *dpid, *service, *territory, *currency;
};

/* One file of a report: its DSR name and its bytes. */
struct dsr_file {
	char *name;
	char *data;
	size_t len;
};

struct dsr_files {
	struct dsr_file *v;
	size_t n;
};

/*
 * Lay the report of party's titles (their catalogue distributor compared
 * without regard to case) out in files of at most max_bytes each.  0, or
 * -1 with the reason in errbuf when one block alone (with HEAD, summary
 * and FOOT) is larger than max_bytes or the party's amounts overflow.
 */
int dsr_render(const struct dsr *d, const struct dsr_party *p, const struct dsr_sender *s,
    int64_t max_bytes, struct dsr_files *out, char *errbuf, size_t errlen);
void dsr_files_free(struct dsr_files *f);

#endif
