/*
 * explain.h - the derivation of one track's or one holder's amounts
 * (1d-cct --explain; DESIGN.md section 9, 1d-cct(1) EXPLAIN).
 *
 * The explanation listens to the apportion() steps of a computation
 * (cct_month.trace) and keeps those that lead to the target's lines: the
 * keys of each pool that feeds it, the part's split over holders, the
 * holder's over its titles, and for user-centric each structure's split
 * over its listeners and each listener's over the titles played.  Each
 * kept row carries the weight, its factors and the largest-remainder
 * arithmetic, so that the amounts can be redone by hand.
 */
#ifndef EXPLAIN_H
#define EXPLAIN_H

#include <stdio.h>

#include "cct.h"
#include "table.h"

enum explain_kind { EXPLAIN_TRACK, EXPLAIN_HOLDER };

/*
 * What "--explain WHAT" names: "track:ID", "holder:NAME", or a bare name
 * that is a track of the catalogue or a holder, not both.  0, or -1 with
 * errbuf (unknown, or both).
 */
int explain_resolve(const struct cct_month *m, const char *what, enum explain_kind *kind,
    const char **name, char *errbuf, size_t errlen);

struct explain;
struct explain *explain_new(const struct cct_month *m, enum payout_model model,
    enum explain_kind kind, const char *name);
/* The trace to set as m->trace for cct_compute(). */
const struct cct_trace *explain_trace(struct explain *e);
/* The explanation for a person, or one row per step and item (the CSV columns of 1d-cct(1)). */
void explain_write_text(struct explain *e, FILE *fp);
void explain_write_table(struct explain *e, struct table_writer *w);
void explain_free(struct explain *e);

#endif
