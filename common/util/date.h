/*
 * date.h - ISO 8601 dates, timestamps and months.
 *
 * Days are counted from 1970-01-01 in the proleptic Gregorian calendar
 * (day 0); timestamps are seconds since the epoch, UTC.  Month assignment
 * in another time zone uses the system's zoneinfo through TZ.
 */
#ifndef DATE_H
#define DATE_H

#include <stdint.h>

struct date {
	int year, month, day;
};

/*
 * Years 1 to 9999, as ISO 8601 writes them in four digits.  Timestamps
 * must fall between 0001-01-02 and 9999-12-30 (UTC), so that their day in
 * any zone (at most 14 hours away) is still in that range.
 */
#define DATE_MIN_YEAR 1
#define DATE_MIN_TS_MS (-62135510400000LL)	/* 0001-01-02T00:00:00Z */
#define DATE_MAX_TS_MS (253402214399999LL)	/* 9999-12-30T23:59:59.999Z */

/* "2026-10-31" -> 0 and *d, or -1. */
int date_parse(const char *s, struct date *d);
/* "2026-10" -> 0, or -1. */
int date_parse_month(const char *s, int *year, int *month);
/*
 * RFC 3339: "2026-10-31T23:59:59Z", "2026-10-31t23:59:59.250+02:00",
 * "2026-10-31 23:59:59z" -> seconds since the epoch (fractions dropped).
 * A timestamp with no zone is refused (local time is ambiguous), and so
 * are a leap second and an offset beyond 14 hours.
 */
int date_parse_ts(const char *s, int64_t *epoch);
/* The same in milliseconds since the epoch (digits past the third dropped). */
int date_parse_ts_ms(const char *s, int64_t *epoch_ms);

int date_days_in_month(int year, int month);
int64_t date_to_days(struct date d);
struct date date_from_days(int64_t days);
/* Compare two dates: <0, 0, >0. */
int date_cmp(struct date a, struct date b);
/* Add months to a date; a day that does not exist is clamped to the last. */
struct date date_add_months(struct date d, int months);
/* "2026-10-31"; buf has at least 11 bytes. */
char *date_format(struct date d, char *buf);
/* "2026-10"; buf has at least 8 bytes. */
char *date_format_month(int year, int month, char *buf);
/* Month index year*12 + month-1, handy for ranges and comparisons. */
int date_month_index(int year, int month);

/*
 * Month assignment in a time zone.  With tz NULL or "UTC" every timestamp
 * is assigned by UTC; otherwise by the local time of the zone (e.g.
 * "Europe/Paris").  Returns -1 if the zone is unknown.
 */
struct date_zone;
struct date_zone *date_zone_open(const char *tz);
/* A zone of its own for another thread (a zone caches its last lookup). */
struct date_zone *date_zone_copy(const struct date_zone *z);
void date_zone_close(struct date_zone *z);
/* The month (as date_month_index) that holds the instant. */
int date_zone_month(struct date_zone *z, int64_t epoch);
/* The local calendar day (days since epoch) that holds the instant. */
int64_t date_zone_day(struct date_zone *z, int64_t epoch);

#endif
