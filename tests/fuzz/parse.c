/*
 * The small parsers: money, counts, dates, months, timestamps.  What each
 * accepts must print back or stay in range.
 */
#include "date.h"
#include "fuzz.h"
#include "money.h"
#include "num.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), buf[MONEY_BUFSZ];
	int64_t v, ms;
	struct date d;
	int y, m;

	if (money_parse(s, &v) == 0)
		money_format(v, buf);
	if (num_parse_count(s, size, &v) == NUM_OK && v < 0)
		abort();
	if (date_parse(s, &d) == 0 && (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12))
		abort();
	if (date_parse_month(s, &y, &m) == 0) {
		struct date back = date_add_months((struct date){ y, m, 31 }, -36);

		if (back.month < 1 || back.month > 12 || back.day < 1)
			abort();
	}
	if (date_parse_ts_ms(s, &ms) == 0 && (ms < DATE_MIN_TS_MS || ms > DATE_MAX_TS_MS))
		abort();
	free(s);
	return 0;
}
