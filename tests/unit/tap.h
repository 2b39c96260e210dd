/*
 * tap.h - the Test Anything Protocol for the C unit tests of common/.
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define plan(n) printf("1..%d\n", (n))
#define ok(cond, ...) do { \
		int ok_ = (cond) ? 1 : 0; \
		printf("%sok %d - ", ok_ ? "" : "not ", ++tap_n); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		if (!ok_) { \
			tap_failed++; \
			printf("# failed at %s:%d\n", __FILE__, __LINE__); \
		} \
	} while (0)
#define is_str(got, want, ...) do { \
		const char *g_ = (got), *w_ = (want); \
		ok(strcmp(g_, w_) == 0, __VA_ARGS__); \
		if (strcmp(g_, w_) != 0) printf("# got \"%s\", want \"%s\"\n", g_, w_); \
	} while (0)
#define is_int(got, want, ...) do { \
		long long g_ = (got), w_ = (want); \
		ok(g_ == w_, __VA_ARGS__); \
		if (g_ != w_) printf("# got %lld, want %lld\n", g_, w_); \
	} while (0)
#define done_testing() (tap_failed ? 1 : 0)

#endif
