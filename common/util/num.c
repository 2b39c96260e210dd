#include <string.h>

#include "num.h"

int
num_parse_count(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;

	if (n == 0)
		return NUM_EMPTY;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9)
			return NUM_SYNTAX;
		if (v > (INT64_MAX - (int64_t)d) / 10) {
			/* Say "too large" only for what is a number after all. */
			while (++i < n)
				if ((unsigned char)s[i] - '0' > 9)
					return NUM_SYNTAX;
			return NUM_RANGE;
		}
		v = v * 10 + (int64_t)d;
	}
	*out = v;
	return NUM_OK;
}

int
num_parse_count_str(const char *s, int64_t *out)
{
	return num_parse_count(s, strlen(s), out);
}

const char *
num_strerror(int err)
{
	switch (err) {
	case NUM_OK: return "no error";
	case NUM_EMPTY: return "empty";
	case NUM_RANGE: return "too large (above 9223372036854775807)";
	default: return "not a non-negative integer";
	}
}

int
num_add(int64_t *sum, int64_t v)
{
	int64_t r;

	if (__builtin_add_overflow(*sum, v, &r))
		return -1;
	*sum = r;
	return 0;
}

char *
num_format_i128(__int128 v, char buf[NUM_I128_BUFSZ])
{
	char digits[NUM_I128_BUFSZ];
	unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	size_t n = 0, k = 0;

	do {
		digits[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u > 0);
	if (v < 0)
		buf[k++] = '-';
	while (n > 0)
		buf[k++] = digits[--n];
	buf[k] = '\0';
	return buf;
}
