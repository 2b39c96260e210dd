/*
 * Unit tests for common/util/intern.c: dense ids, exact lookups through
 * growth, strings longer than a block, and ranks in byte order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "tap.h"

int
main(void)
{
	struct intern *in = intern_new();
	const char *words[] = { "b", "abc", "ab", "\xc3\xa9t\xc3\xa9", "z", "" };
	/* Byte order: "" < "ab" < "abc" < "b" < "z" < "\xc3\xa9t\xc3\xa9". */
	const uint32_t want_rank[] = { 3, 2, 1, 5, 4, 0 };
	uint32_t *rank, ids_ok = 1, found_ok = 1;
	char s[32], *big;

	plan(9);
	for (uint32_t i = 0; i < 6; i++)
		ids_ok &= intern_add(in, words[i], strlen(words[i])) == i;
	ok(ids_ok, "ids are 0, 1, 2, ... in order of first insertion");
	ok(intern_add(in, "ab", 2) == 2 && intern_add(in, "abc", 2) == 2, "a string added again keeps its id");
	ok(intern_find(in, "a", 1) == INTERN_NONE, "a prefix of a string is not found");
	rank = intern_ranks(in);
	ok(memcmp(rank, want_rank, sizeof want_rank) == 0, "ranks in byte order, shorter prefixes first");
	free(rank);
	for (int i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "key%d", i);
		intern_add(in, s, strlen(s));
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "key%d", i);
		found_ok &= intern_find(in, s, strlen(s)) == (uint32_t)(6 + i);
	}
	ok(found_ok, "5000 more strings are found by their ids through growth");
	is_int(intern_count(in), 5006, "count");
	big = malloc(3 << 20);
	memset(big, 'x', 3 << 20);
	ok(intern_add(in, big, 3 << 20) == 5006, "a string of 3 MiB, longer than a block");
	ok(intern_len(in, 5006) == 3 << 20 && intern_str(in, 5006)[(3 << 20) - 1] == 'x' &&
	    intern_str(in, 5006)[3 << 20] == '\0', "is kept whole and NUL-terminated");
	is_str(intern_str(in, 3), "\xc3\xa9t\xc3\xa9", "strings read back by id");
	free(big);
	intern_free(in);
	return done_testing();
}
