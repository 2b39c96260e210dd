/*
 * num.h - the one parser of counts: plays, listens, milliseconds,
 * weights, positions, option values.
 *
 * A count is one or more ASCII digits, nothing else (no sign, no space,
 * no exponent), and must fit in int64.  Sums of counts are checked too:
 * a wrapped value is never a result.
 */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>
#include <stdint.h>

enum { NUM_OK = 0, NUM_EMPTY, NUM_SYNTAX, NUM_RANGE };

/* Parse s[0..n) as a count into *out; NUM_OK or why not. */
int num_parse_count(const char *s, size_t n, int64_t *out);
/* The same for a NUL-terminated string. */
int num_parse_count_str(const char *s, int64_t *out);
/* "empty", "not an integer", "too large" for the results above. */
const char *num_strerror(int err);
/* *sum += v; -1 (and *sum unchanged) when it would leave int64. */
int num_add(int64_t *sum, int64_t v);
/* A 128-bit intermediate (a product or a remainder) in decimal; returns buf. */
#define NUM_I128_BUFSZ 41
char *num_format_i128(__int128 v, char buf[NUM_I128_BUFSZ]);

#endif
