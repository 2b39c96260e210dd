/*
 * fixture.h - what the unit tests of the report modules share: input
 * files written from strings, and the problems a module reports, kept as
 * "line:field:message|" for a test to compare.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdio.h>
#include <string.h>

static char fixture_said[4096];

static __attribute__((unused)) void
fixture_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

static __attribute__((unused)) void
fixture_report(const char *file, long line, const char *field, const char *msg)
{
	size_t n = strlen(fixture_said);

	(void)file;
	snprintf(fixture_said + n, sizeof fixture_said - n, "%ld:%s:%s|", line, field ? field : "", msg);
}

/* How many problems were reported. */
static __attribute__((unused)) int
fixture_count(void)
{
	int n = 0;

	for (const char *p = fixture_said; *p; p++)
		n += *p == '|';
	return n;
}

#endif
