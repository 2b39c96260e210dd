/*
 * utf8.h - UTF-8 as RFC 3629 defines it: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/*
 * The length of the longest valid prefix of s[0..n): n when all of it is
 * valid UTF-8 without a NUL byte.
 */
size_t utf8_valid_prefix(const char *s, size_t n);
/* The length of the valid sequence at s[0..n), or 0 if there is none. */
size_t utf8_sequence(const unsigned char *s, size_t n);

/*
 * The single-byte encodings a tool may be told its input is in.  Each
 * byte is one character, so text can be converted a chunk at a time.
 * Written here rather than through iconv(3): the result must not depend
 * on which gconv modules or locales a machine has installed.
 */
enum utf8_charset { UTF8_UTF8, UTF8_LATIN1, UTF8_CP1252 };

/* "utf8", "latin1" (iso-8859-1) or "cp1252" (windows-1252): 0, or -1. */
int utf8_charset_parse(const char *name, enum utf8_charset *cs);
/*
 * in[0..n) in cs (latin1 or cp1252) as UTF-8 in out, which holds at least
 * 3n bytes; the length written.
 */
size_t utf8_from_single_byte(enum utf8_charset cs, const unsigned char *in, size_t n, char *out);

#endif
