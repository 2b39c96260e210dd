/*
 * money.h - exact decimal amounts as integer cents.
 *
 * Money is never a float: "1234.50" is read as 123450 cents, with at most
 * two decimals; more decimals than the currency allows is an error, not a
 * silent rounding.  Rates ("20", "5.5") are read the same way at a larger
 * scale.  Products are taken in 128 bits.
 */
#ifndef MONEY_H
#define MONEY_H

#include <stdint.h>

#define MONEY_BUFSZ 32

enum money_error {
	MONEY_OK = 0,
	MONEY_EMPTY,		/* "" */
	MONEY_SYNTAX,		/* "1e3", "1,5", "12a", " 1" */
	MONEY_PRECISION,	/* more decimals than allowed */
	MONEY_RANGE,		/* does not fit in int64 */
};

/* "1234.50" -> 123450.  Returns a money_error. */
int money_parse(const char *s, int64_t *cents);
/*
 * Parse a decimal with at most `places` decimals, scaled by 10^places:
 * money_parse_scaled("5.5", 2, &v) gives 550.
 */
int money_parse_scaled(const char *s, int places, int64_t *out);
const char *money_strerror(int err);
/* 123450 -> "1234.50", -310 -> "-3.10"; buf has MONEY_BUFSZ bytes. */
char *money_format(int64_t cents, char *buf);

/*
 * num / den rounded to the nearest integer, halves away from zero, exactly.
 * den must be non-zero.  Returns -1 when the result does not fit in int64.
 */
int money_div_round(__int128 num, __int128 den, int64_t *out);

#endif
