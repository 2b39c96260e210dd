/* Unit tests for common/util/money.c: exact parsing, formatting and rounding. */
#include <stdint.h>

#include "money.h"
#include "tap.h"

static void
parses(const char *s, int64_t want)
{
	int64_t v = 0;
	int rc = money_parse(s, &v);

	ok(rc == MONEY_OK && v == want, "\"%s\" is %lld cents", s, (long long)want);
}

static void
refuses(const char *s, int want)
{
	int64_t v;

	is_int(money_parse(s, &v), want, "\"%s\" refused: %s", s, money_strerror(want));
}

int
main(void)
{
	char buf[MONEY_BUFSZ];
	int64_t v;

	plan(32);
	parses("1234.50", 123450);
	parses("1234.5", 123450);
	parses("1234", 123400);
	parses("-3.10", -310);
	parses("+7.01", 701);
	parses("0.00", 0);
	parses("92233720368547758.07", INT64_MAX);
	refuses("", MONEY_EMPTY);
	refuses("1e3", MONEY_SYNTAX);
	refuses("1,5", MONEY_SYNTAX);
	refuses("12a", MONEY_SYNTAX);
	refuses(" 1", MONEY_SYNTAX);
	refuses(".5", MONEY_SYNTAX);
	refuses("5.", MONEY_SYNTAX);
	refuses("-", MONEY_SYNTAX);
	refuses("1.2.3", MONEY_SYNTAX);
	refuses("0.001", MONEY_PRECISION);
	refuses("92233720368547758.08", MONEY_RANGE);
	refuses("99999999999999999999999", MONEY_RANGE);

	ok(money_parse_scaled("5.5", 2, &v) == 0 && v == 550, "rate 5.5 at scale 2 is 550");
	ok(money_parse_scaled("20", 4, &v) == 0 && v == 200000, "rate 20 at scale 4 is 200000");

	is_str(money_format(123450, buf), "1234.50", "format 123450");
	is_str(money_format(-310, buf), "-3.10", "format -310");
	is_str(money_format(-5, buf), "-0.05", "format -5");
	is_str(money_format(0, buf), "0.00", "format 0");
	is_str(money_format(INT64_MIN, buf), "-92233720368547758.08", "format INT64_MIN");

	/* 1000.00 at 20 % VAT: 100000 * 20 / 120 = 16666.67 -> 16667 cents. */
	ok(money_div_round((__int128)100000 * 20, 120, &v) == 0 && v == 16667, "vat of 1000.00 at 20%%");
	ok(money_div_round(5, 2, &v) == 0 && v == 3, "2.5 rounds to 3");
	ok(money_div_round(-5, 2, &v) == 0 && v == -3, "-2.5 rounds to -3");
	ok(money_div_round(7, 3, &v) == 0 && v == 2, "7/3 rounds to 2");
	ok(money_div_round(-7, 3, &v) == 0 && v == -2, "-7/3 rounds to -2");
	ok(money_div_round((__int128)INT64_MAX * 4, 2, &v) == -1, "overflow is reported");
	return done_testing();
}
