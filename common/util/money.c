#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "money.h"

int
money_parse_scaled(const char *s, int places, int64_t *out)
{
	__int128 v = 0;
	int neg = 0, digits = 0, decimals = -1;
	__int128 limit = (__int128)INT64_MAX;

	if (s == NULL || *s == '\0')
		return MONEY_EMPTY;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s == '.') {
			if (decimals >= 0 || digits == 0)
				return MONEY_SYNTAX;
			decimals = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return MONEY_SYNTAX;
		if (decimals >= 0 && ++decimals > places)
			return MONEY_PRECISION;
		v = v * 10 + (*s - '0');
		if (v > limit + 1)
			return MONEY_RANGE;
		digits++;
	}
	if (digits == 0 || decimals == 0)
		return MONEY_SYNTAX;
	for (int i = decimals < 0 ? 0 : decimals; i < places; i++) {
		v *= 10;
		if (v > limit + 1)
			return MONEY_RANGE;
	}
	if (neg)
		v = -v;
	if (v > limit || v < -limit)
		return MONEY_RANGE;
	*out = (int64_t)v;
	return MONEY_OK;
}

int
money_parse(const char *s, int64_t *cents)
{
	return money_parse_scaled(s, 2, cents);
}

const char *
money_strerror(int err)
{
	switch (err) {
	case MONEY_OK: return "no error";
	case MONEY_EMPTY: return "empty amount";
	case MONEY_SYNTAX: return "not a decimal number";
	case MONEY_PRECISION: return "too many decimals";
	case MONEY_RANGE: return "amount out of range";
	}
	return "unknown error";
}

char *
money_format(int64_t cents, char *buf)
{
	uint64_t mag = cents < 0 ? -(uint64_t)cents : (uint64_t)cents;

	snprintf(buf, MONEY_BUFSZ, "%s%" PRIu64 ".%02" PRIu64, cents < 0 ? "-" : "",
	    mag / 100, mag % 100);
	return buf;
}

int
money_div_round(__int128 num, __int128 den, int64_t *out)
{
	int neg = (num < 0) != (den < 0);
	unsigned __int128 n = num < 0 ? -(unsigned __int128)num : (unsigned __int128)num;
	unsigned __int128 d = den < 0 ? -(unsigned __int128)den : (unsigned __int128)den;
	unsigned __int128 q = n / d, r = n % d;

	if (r >= d - r)		/* r >= d/2, exactly: a half rounds away from zero */
		q++;
	if (q > (unsigned __int128)INT64_MAX)
		return -1;
	*out = neg ? -(int64_t)q : (int64_t)q;
	return 0;
}
