/*
 * intake.h - the rules that turn parsed listens into usage: the month
 * kept, exact deduplication, the qualifying threshold, the daily cap per
 * user and title, and pseudonymisation of users.
 *
 * A listen is a duplicate when one with the same instant (to the
 * millisecond), user and track was kept before; the first one counts.
 * It qualifies when at least min_ms were played and, with a cap, fewer
 * than max_per_day qualified listens of the same user and track were
 * kept that local day.  Memory grows with distinct listens, not rows.
 */
#ifndef INTAKE_H
#define INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "aggregate.h"
#include "date.h"
#include "listen.h"

struct intake_rules {
	int month;		/* date_month_index() of the month kept; -1: every month */
	int64_t min_ms;		/* a listen qualifies from this many milliseconds */
	int64_t max_per_day;	/* qualified listens per user, track and day; 0: no cap */
	struct date_zone *zone;	/* months and days are local to it */
	const char *key;	/* HMAC key of pseudonyms, or NULL to keep user ids */
	size_t keylen;
};

/*
 * Rules from the options that 1d-listens and 1d-capsule stats share:
 * month (YYYY-MM, or NULL for every month) and time zone (NULL for UTC)
 * are checked and the zone is opened.  -1 with the option at fault named
 * in err; the zone is closed with date_zone_close().
 */
int intake_rules_init(struct intake_rules *r, const char *month, const char *tz, int64_t min_ms,
    int64_t max_per_day, char *err, size_t errlen);

struct intake_counts {
	int64_t kept, duplicates, other_months, qualified, capped;
};

enum { INTAKE_KEPT, INTAKE_DUPLICATE, INTAKE_OTHER_MONTH, INTAKE_OVERFLOW };

struct intake;

/* Rules are copied; usage is where kept listens are added, and is not freed. */
struct intake *intake_new(const struct intake_rules *rules, struct aggregate *usage);
void intake_free(struct intake *in);
/*
 * Apply the rules to one listen; INTAKE_OVERFLOW (with *column as for
 * aggregate_add) when usage cannot hold it.
 */
int intake_add(struct intake *in, const struct listen *l, const char **column);
const struct intake_counts *intake_counts(const struct intake *in);

/*
 * A pseudonymisation key from a file: at most its first 4096 bytes, a
 * final newline left out, at least 16 bytes.  NULL with the reason in err.
 */
char *intake_read_key(const char *path, size_t *len, char *err, size_t errlen);

#endif
