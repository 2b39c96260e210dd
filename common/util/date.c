#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "err.h"

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

static int
parse_ymd(const char *s, struct date *d)
{
	if (digits(s, 4, &d->year) || s[4] != '-' || digits(s + 5, 2, &d->month) ||
	    s[7] != '-' || digits(s + 8, 2, &d->day))
		return -1;
	if (d->year < DATE_MIN_YEAR || d->month < 1 || d->month > 12 || d->day < 1 ||
	    d->day > date_days_in_month(d->year, d->month))
		return -1;
	return 0;
}

int
date_parse(const char *s, struct date *d)
{
	if (strlen(s) != 10)
		return -1;
	return parse_ymd(s, d);
}

int
date_parse_month(const char *s, int *year, int *month)
{
	if (strlen(s) != 7 || digits(s, 4, year) || s[4] != '-' || digits(s + 5, 2, month))
		return -1;
	return *year >= DATE_MIN_YEAR && *month >= 1 && *month <= 12 ? 0 : -1;
}

/* Days from civil, after Howard Hinnant's public-domain algorithm. */
int64_t
date_to_days(struct date d)
{
	int64_t y = d.year - (d.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date
date_from_days(int64_t z)
{
	struct date d;
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int
date_cmp(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return a.day < b.day ? -1 : a.day > b.day;
}

struct date
date_add_months(struct date d, int months)
{
	int idx = d.year * 12 + (d.month - 1) + months;
	int last;

	/* Floor division: a month before year 0 is still a month 1..12. */
	d.year = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
	d.month = idx - d.year * 12 + 1;
	last = date_days_in_month(d.year, d.month);
	if (d.day > last)
		d.day = last;
	return d;
}

char *
date_format(struct date d, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
	    (unsigned)d.day % 100u);
	return buf;
}

char *
date_format_month(int year, int month, char *buf)
{
	snprintf(buf, 8, "%04u-%02u", (unsigned)year % 10000u, (unsigned)month % 100u);
	return buf;
}

int
date_month_index(int year, int month)
{
	return year * 12 + (month - 1);
}

int
date_parse_ts(const char *s, int64_t *epoch)
{
	int64_t ms;

	if (date_parse_ts_ms(s, &ms) != 0)
		return -1;
	*epoch = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	return 0;
}

/*
 * RFC 3339 section 5.6: "T" or "t" (or a space, section 5.6's note)
 * between date and time, "Z" or "z" or an offset of at most 14 hours.
 * A leap second (:60) is refused: no log of ours can hold one, and POSIX
 * time cannot place it.
 */
int
date_parse_ts_ms(const char *s, int64_t *epoch_ms)
{
	struct date d;
	int hh, mm, ss, off = 0, frac = 0;
	int64_t ms;
	const char *p;

	if (strlen(s) < 20 || parse_ymd(s, &d) || strchr("Tt ", s[10]) == NULL ||
	    digits(s + 11, 2, &hh) || s[13] != ':' || digits(s + 14, 2, &mm) ||
	    s[16] != ':' || digits(s + 17, 2, &ss))
		return -1;
	if (hh > 23 || mm > 59 || ss > 59)
		return -1;
	p = s + 19;
	if (*p == '.') {
		int places = 0;

		if (!isdigit((unsigned char)p[1]))
			return -1;
		/* Milliseconds are kept; finer digits are dropped. */
		for (p++; isdigit((unsigned char)*p); p++)
			if (places++ < 3)
				frac = frac * 10 + (*p - '0');
		for (; places < 3; places++)
			frac *= 10;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		off = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh, om;

		if (digits(p + 1, 2, &oh) || digits(p + 4, 2, &om) || om > 59 || oh * 60 + om > 14 * 60)
			return -1;
		off = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
	} else {
		return -1;
	}
	ms = (date_to_days(d) * 86400 + hh * 3600 + mm * 60 + ss - off) * 1000 + frac;
	/* An instant whose day in some zone would leave years 1..9999. */
	if (ms < DATE_MIN_TS_MS || ms > DATE_MAX_TS_MS)
		return -1;
	*epoch_ms = ms;
	return 0;
}

struct date_zone {
	int utc;
	/* The last month looked up: [start, end) in epoch seconds. */
	int64_t start, end;
	int month;
	int64_t day_start, day_end, day;
};

struct date_zone *
date_zone_open(const char *tz)
{
	struct date_zone *z = err_calloc(1, sizeof *z);

	z->start = z->end = 0;
	z->day_start = z->day_end = 0;
	if (tz == NULL || strcmp(tz, "UTC") == 0 || strcmp(tz, "Z") == 0) {
		z->utc = 1;
		return z;
	}
	/* Refuse a zone the system does not know rather than silently use UTC. */
	char path[512];
	FILE *f;

	if (tz[0] == '/' || strstr(tz, "..") != NULL)
		goto bad;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	if ((f = fopen(path, "r")) == NULL)
		goto bad;
	fclose(f);
	setenv("TZ", tz, 1);
	tzset();
	return z;
bad:
	free(z);
	return NULL;
}

struct date_zone *
date_zone_copy(const struct date_zone *z)
{
	struct date_zone *c = err_malloc(sizeof *c);

	*c = *z;
	return c;
}

void
date_zone_close(struct date_zone *z)
{
	free(z);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The local day of an instant, and a span of instants on the same day. */
static int64_t
local_day(struct date_zone *z, int64_t epoch, int64_t *start, int64_t *end)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	int64_t day;
	struct date d;

	if (z->utc) {
		day = floor_div(epoch, 86400);
		*start = day * 86400;
		*end = *start + 86400;
		return day;
	}
	localtime_r(&t, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	day = date_to_days(d);
	/*
	 * Cache the local wall-clock hour that holds the instant: the day
	 * cannot change inside it, and zones change offset on the hour.
	 */
	*start = epoch - (tm.tm_min * 60 + tm.tm_sec);
	*end = *start + 3600;
	return day;
}

int64_t
date_zone_day(struct date_zone *z, int64_t epoch)
{
	int64_t s, e;

	if (epoch >= z->day_start && epoch < z->day_end)
		return z->day;
	z->day = local_day(z, epoch, &s, &e);
	z->day_start = s;
	z->day_end = e;
	return z->day;
}

int
date_zone_month(struct date_zone *z, int64_t epoch)
{
	struct date d = date_from_days(date_zone_day(z, epoch));

	return date_month_index(d.year, d.month);
}
