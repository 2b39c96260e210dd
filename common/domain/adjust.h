/*
 * adjust.h - the adjustment stream (1d-formats(5)): what a restatement of
 * a closed month changes, line by line, as 1d-report restate writes it
 * and 1d-report statements --adjustments reads it.
 *
 * A line is keyed by month, holder, part and track, like a payout line;
 * old is the amount the closed month paid, new what it should have paid,
 * delta = new - old.  A line present on one side only has 0.00 on the
 * other; a line that did not change is not written.
 */
#ifndef ADJUST_H
#define ADJUST_H

#include <stddef.h>
#include <stdint.h>

#include "payout.h"
#include "table.h"

#define ADJUST_COLUMNS "month,holder,part,track,old,new,delta"

struct adjust_line {
	char month[8];
	char *holder, *track;	/* holder empty on collective lines */
	enum payout_part part;
	int64_t before, after, delta;	/* the old, new and delta columns, in cents */
	long line;		/* where adjust_read read it */
};

struct adjust_set {
	struct adjust_line *l;	/* sorted by month, holder, part, track */
	size_t n;
	int64_t before, after;	/* the totals of the two sides (adjust_diff) */
	int64_t delta;		/* the sum of the deltas */
};

/*
 * The differences between the payouts of a closed month and the same
 * month computed again (same month and model on both sides; a key seen
 * twice on one side is refused).  0, or -1 with errbuf.
 */
int adjust_diff(struct adjust_set *a, const char *before, const char *after, int flags, char *errbuf,
    size_t errlen);
/* Write the set as the adjustment stream. */
void adjust_write(const struct adjust_set *a, struct table_writer *w);
/*
 * Read an adjustment stream (flags: TABLE_TSV), each line checked
 * (delta == new - old).  Bad lines go to report(); 0, -1 when a line was
 * bad, -2 when the file cannot be read (told to report() too).
 */
int adjust_read(struct adjust_set *a, const char *path, int flags, payout_report_fn *report);
void adjust_free(struct adjust_set *a);

#endif
