/* Unit tests for common/util/date.c. */
#include <stdint.h>

#include "date.h"
#include "tap.h"

int
main(void)
{
	struct date d;
	int64_t e;
	int y, m;
	char buf[16];
	struct date_zone *z;

	plan(41);
	ok(date_parse("2026-10-31", &d) == 0 && d.year == 2026 && d.month == 10 && d.day == 31, "parse a date");
	ok(date_parse("2026-02-29", &d) == -1, "2026-02-29 does not exist");
	ok(date_parse("2024-02-29", &d) == 0, "2024-02-29 exists");
	ok(date_parse("2026-13-01", &d) == -1, "month 13 refused");
	ok(date_parse("2026-1-01", &d) == -1, "short month refused");
	ok(date_parse("2026-10-31x", &d) == -1, "trailing text refused");
	ok(date_parse_month("2026-10", &y, &m) == 0 && y == 2026 && m == 10, "parse a month");
	ok(date_parse_month("2026-00", &y, &m) == -1, "month 00 refused");
	is_int(date_days_in_month(2024, 2), 29, "February 2024 has 29 days");
	is_int(date_days_in_month(2100, 2), 28, "February 2100 has 28 days");
	is_int(date_days_in_month(2000, 2), 29, "February 2000 has 29 days");
	d = (struct date){ 1970, 1, 1 };
	is_int(date_to_days(d), 0, "the epoch is day 0");
	d = (struct date){ 2026, 10, 31 };
	is_int(date_to_days(d), 20757, "2026-10-31 is day 20757");
	is_str(date_format(date_from_days(20757), buf), "2026-10-31", "day 20757 back to a date");
	ok(date_parse_ts("2026-10-31T23:59:59Z", &e) == 0 && e == 20757LL * 86400 + 86399, "UTC timestamp");
	ok(date_parse_ts("2026-11-01T01:30:00+02:00", &e) == 0 && e == 20757LL * 86400 + 84600, "offset +02:00");
	ok(date_parse_ts("2026-10-31T23:59:59.999Z", &e) == 0 && e == 20757LL * 86400 + 86399, "fraction dropped");
	ok(date_parse_ts("2026-10-31T23:59:59", &e) == -1, "no zone refused");
	ok(date_parse_ts_ms("2026-10-31T23:59:59.25Z", &e) == 0 && e == (20757LL * 86400 + 86399) * 1000 + 250,
	    "milliseconds kept");
	ok(date_parse_ts_ms("1969-12-31T23:59:59.5Z", &e) == 0 && e == -500 &&
	    date_parse_ts("1969-12-31T23:59:59.5Z", &e) == 0 && e == -1, "before the epoch rounds down");
	ok(date_parse_ts("2026-10-31T24:00:00Z", &e) == -1, "hour 24 refused");
	/* The novelty boundary of DESIGN.md: 2026-10-31 minus 36 months. */
	d = (struct date){ 2026, 10, 31 };
	is_str(date_format(date_add_months(d, -36), buf), "2023-10-31", "2026-10-31 minus 36 months");
	d = (struct date){ 2026, 3, 31 };
	is_str(date_format(date_add_months(d, -1), buf), "2026-02-28", "clamped to the last day");

	z = date_zone_open("Europe/Paris");
	ok(z != NULL, "Europe/Paris is a zone");
	if (z) {
		date_parse_ts("2026-10-31T23:30:00Z", &e);
		is_int(date_zone_month(z, e), date_month_index(2026, 11), "23:30Z on Oct 31 is November in Paris");
		date_zone_close(z);
	} else {
		ok(0, "23:30Z on Oct 31 is November in Paris");
	}
	ok(date_zone_open("Mars/Olympus") == NULL, "an unknown zone is refused");

	/* RFC 3339 exactly (section 5.6). */
	ok(date_parse_ts("2026-10-01t10:00:00z", &e) == 0 && e == 1790848800, "lowercase t and z");
	ok(date_parse_ts("2026-10-01T10:00:60Z", &e) == -1, "a leap second is refused");
	ok(date_parse_ts("2026-10-01T10:00:00+15:00", &e) == -1, "an offset beyond 14 hours is refused");
	ok(date_parse_ts("2026-10-01T10:00:00+14:01", &e) == -1, "+14:01 is refused");
	ok(date_parse_ts("2026-10-01T10:00:00+14:00", &e) == 0 && e == 1790848800 - 14 * 3600,
	    "+14:00 (Kiribati) is the furthest ahead");
	ok(date_parse_ts("2026-10-01T10:00:00-12:00", &e) == 0 && e == 1790848800 + 12 * 3600,
	    "-12:00");
	ok(date_parse_ts("2026-10-01T10:00:00+02", &e) == -1, "an offset without minutes is refused");
	ok(date_parse_ts("2026-10-01x10:00:00Z", &e) == -1, "another separator is refused");

	/* Years 1 to 9999 only, with room for any zone. */
	ok(date_parse("0000-02-01", &d) == -1, "year 0 is not a date");
	ok(date_parse_month("0000-02", &y, &m) == -1, "nor a month");
	ok(date_parse_ts("0001-01-01T10:00:00Z", &e) == -1, "an instant on 0001-01-01 is refused");
	ok(date_parse_ts("9999-12-31T00:00:00Z", &e) == -1, "and on 9999-12-31");
	ok(date_parse_ts("9999-12-30T23:59:59Z", &e) == 0, "9999-12-30 is the last day");
	/* Months before year 1: floor division keeps the month in 1..12. */
	d = (struct date){ 1, 2, 28 };
	d = date_add_months(d, -36);
	ok(d.year == -2 && d.month == 2 && d.day == 28, "0001-02-28 minus 36 months is -0002-02-28 (got %d-%d-%d)",
	    d.year, d.month, d.day);
	is_int(date_days_in_month(2026, 13), 0, "month 13 has no days (no read out of the table)");
	return done_testing();
}
