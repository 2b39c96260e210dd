/*
 * intern.h - a set of strings, each given a small dense id.
 *
 * Ids are handed out 0, 1, 2, ... in order of first insertion; the strings
 * live in large blocks, so memory grows with distinct strings, not with the
 * number of lookups.
 */
#ifndef INTERN_H
#define INTERN_H

#include <stddef.h>
#include <stdint.h>

#define INTERN_NONE UINT32_MAX

struct intern;

struct intern *intern_new(void);
void intern_free(struct intern *in);
/* The id of s (n bytes), adding it if new. */
uint32_t intern_add(struct intern *in, const char *s, size_t n);
/* The id of s, or INTERN_NONE. */
uint32_t intern_find(const struct intern *in, const char *s, size_t n);
/* The NUL-terminated string of an id. */
const char *intern_str(const struct intern *in, uint32_t id);
size_t intern_len(const struct intern *in, uint32_t id);
uint32_t intern_count(const struct intern *in);
/*
 * Ranks of the ids in byte order of their strings: rank[id], for sorting
 * output by key without comparing strings again.  The caller frees it.
 */
uint32_t *intern_ranks(const struct intern *in);

#endif
