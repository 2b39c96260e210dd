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

#endif
