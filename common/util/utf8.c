#include <stdint.h>
#include <string.h>

#include "utf8.h"

size_t
utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min, cp;

	if (c < 0x80)
		return c != 0;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k;

		/* Eight ASCII bytes at a time, none of them NUL. */
		if (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if ((w & 0x8080808080808080ull) == 0 &&
			    ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		if ((k = utf8_sequence(p + i, n - i)) == 0)
			return i;
		i += k;
	}
	return n;
}

/*
 * Windows-1252 puts printable characters where ISO 8859-1 has the C1
 * controls, 0x80 to 0x9F; its five unassigned bytes stay the controls of
 * the same number, as the WHATWG encoding standard maps them.
 */
static const unsigned short cp1252_c1[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

int
utf8_charset_parse(const char *name, enum utf8_charset *cs)
{
	if (strcmp(name, "utf8") == 0 || strcmp(name, "utf-8") == 0)
		*cs = UTF8_UTF8;
	else if (strcmp(name, "latin1") == 0 || strcmp(name, "iso-8859-1") == 0)
		*cs = UTF8_LATIN1;
	else if (strcmp(name, "cp1252") == 0 || strcmp(name, "windows-1252") == 0)
		*cs = UTF8_CP1252;
	else
		return -1;
	return 0;
}

size_t
utf8_from_single_byte(enum utf8_charset cs, const unsigned char *in, size_t n, char *out)
{
	unsigned char *o = (unsigned char *)out;

	for (size_t i = 0; i < n; i++) {
		unsigned cp = in[i];

		if (cs == UTF8_CP1252 && cp >= 0x80 && cp < 0xa0)
			cp = cp1252_c1[cp - 0x80];
		if (cp < 0x80) {
			*o++ = (unsigned char)cp;
		} else if (cp < 0x800) {
			*o++ = (unsigned char)(0xc0 | cp >> 6);
			*o++ = (unsigned char)(0x80 | (cp & 0x3f));
		} else {
			*o++ = (unsigned char)(0xe0 | cp >> 12);
			*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
			*o++ = (unsigned char)(0x80 | (cp & 0x3f));
		}
	}
	return (size_t)(o - (unsigned char *)out);
}
