/* Unit tests for common/util/utf8.c: RFC 3629's valid and invalid forms. */
#include <string.h>

#include "tap.h"
#include "utf8.h"

#define PREFIX(s) utf8_valid_prefix((s), sizeof(s) - 1)

int
main(void)
{
	plan(19);
	is_int(PREFIX("plain ascii, longer than eight bytes"), 36, "ASCII is valid");
	is_int(PREFIX("Kon\xc3\xa9, \xe2\x82\xac, \xf0\x9f\x8e\xb5"), 16, "two, three and four bytes");
	is_int(PREFIX("ab\x00" "cd"), 2, "a NUL byte is not text");
	is_int(PREFIX("abcdefgh\x00" "ijklmnop"), 8, "a NUL byte inside an eight-byte word");
	is_int(PREFIX("caf\xe9 au lait"), 3, "Latin-1 \\xe9 is not UTF-8");
	is_int(PREFIX("\xc0\xaf"), 0, "an overlong '/' (C0 AF)");
	is_int(PREFIX("\xe0\x80\xaf"), 0, "an overlong '/' in three bytes");
	is_int(PREFIX("\xed\xa0\x80"), 0, "a surrogate (U+D800)");
	is_int(PREFIX("\xf4\x90\x80\x80"), 0, "above U+10FFFF");
	is_int(PREFIX("\xf4\x8f\xbf\xbf"), 4, "U+10FFFF itself");
	is_int(PREFIX("ok\xe2\x82"), 2, "a sequence cut short");
	is_int(PREFIX("\x80"), 0, "a lone continuation byte");
	is_int(PREFIX("\xff"), 0, "0xFF never appears");
	is_int(PREFIX(""), 0, "the empty string");
	is_int(utf8_sequence((const unsigned char *)"\xc3\xa9", 2), 2, "one sequence: its length");
	is_int(utf8_sequence((const unsigned char *)"\xc3", 1), 0, "cut: none");
	{
		char out[32];
		enum utf8_charset cs;
		size_t n;

		n = utf8_from_single_byte(UTF8_LATIN1, (const unsigned char *)"a\xe9\x80\xff", 4, out);
		out[n] = '\0';
		is_str(out, "a\xc3\xa9\xc2\x80\xc3\xbf", "latin1: every byte is its code point");
		n = utf8_from_single_byte(UTF8_CP1252, (const unsigned char *)"\x80\x93\x81\xe9", 4, out);
		out[n] = '\0';
		is_str(out, "\xe2\x82\xac\xe2\x80\x9c\xc2\x81\xc3\xa9",
		    "cp1252: euro, left quote, an unassigned byte stays its control, e acute");
		ok(utf8_charset_parse("cp1252", &cs) == 0 && cs == UTF8_CP1252 &&
		    utf8_charset_parse("koi8-r", &cs) == -1, "utf8_charset_parse");
	}
	return done_testing();
}
