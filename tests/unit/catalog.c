/* Unit tests for common/domain/catalog.c: loading, validation, the active rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-catalog.XXXXXX";
static char err[512];

static struct catalog *
load(const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	err[0] = '\0';
	return catalog_load(path, 0, err, sizeof err);
}

int
main(void)
{
	struct catalog *c;
	const struct catalog_title *t;
	char want[600];

	close(mkstemp(path));
	plan(20);
	c = load("track,holder,status,territories,available_from,available_until,release_date,duration_ms\n"
	    "T2,B,active,FR BE,,,2023-10-31,205000\n"
	    "T1,A,active,Worldwide,2026-10-31,,2026-01-01,\n"
	    "T3,A,takedown,FR,,,,\n"
	    "T4,C,active,BE CH,,,,\n"
	    "T5,C,active,FR,,2026-10-01,,\n"
	    "T6,C,active,FR,,2026-09-30,,\n"
	    "T7,C,active,FR,2026-11-01,,,\n");
	ok(c != NULL, "catalogue loads");
	is_int((long long)catalog_count(c), 7, "seven titles");
	is_str(catalog_title(c, 0)->track, "T1", "titles sorted by track");
	t = catalog_find(c, "T2");
	ok(t && t->duration_ms == 205000 && t->release_date.day == 31, "fields parsed");
	ok(catalog_find(c, "T9") == NULL, "unknown track not found");
	ok(catalog_active_in_month(catalog_find(c, "T1"), 2026, 10, "FR"), "available from the last day: active");
	ok(catalog_active_in_month(catalog_find(c, "T2"), 2026, 10, "FR"), "FR in FR BE: active");
	ok(!catalog_active_in_month(catalog_find(c, "T3"), 2026, 10, "FR"), "takedown: not active");
	ok(!catalog_active_in_month(catalog_find(c, "T4"), 2026, 10, "FR"), "BE CH: not active in FR");
	ok(catalog_active_in_month(catalog_find(c, "T4"), 2026, 10, NULL), "no territory test: active");
	ok(catalog_active_in_month(catalog_find(c, "T5"), 2026, 10, "FR"), "available until the first day: active");
	ok(!catalog_active_in_month(catalog_find(c, "T6"), 2026, 10, "FR"), "ended in September: not active");
	ok(!catalog_active_in_month(catalog_find(c, "T7"), 2026, 10, "FR"), "starts in November: not active");
	ok(catalog_active_on(catalog_find(c, "T7"), (struct date){ 2026, 11, 1 }, "FR"), "active on its first day");
	catalog_free(c);

	c = load("track,status\nT1,active\nT1,active\n");
	snprintf(want, sizeof want, "%s:3: track: track \"T1\" appears twice", path);
	ok(c == NULL && strcmp(err, want) == 0, "a track twice is refused with its line");
	c = load("track,release_date\nT1,2026-02-30\n");
	snprintf(want, sizeof want, "%s:2: release_date: not a date: \"2026-02-30\"", path);
	ok(c == NULL && strcmp(err, want) == 0, "a bad date is refused");
	c = load("track,status\nT1,gone\n");
	snprintf(want, sizeof want, "%s:2: status: not active or takedown: \"gone\"", path);
	ok(c == NULL && strcmp(err, want) == 0, "a bad status is refused");
	c = load("isrc,status\nX,active\n");
	snprintf(want, sizeof want, "%s:1: no \"track\" column", path);
	ok(c == NULL && strcmp(err, want) == 0, "a catalogue needs a track column");
	c = load("track,holder\n");
	ok(c != NULL && catalog_count(c) == 0 && catalog_find(c, "T1") == NULL, "a catalogue with no title loads");
	catalog_free(c);
	ok(catalog_in_territory("FR BE", "BE") && !catalog_in_territory("FRA", "FR"),
	    "territory lists match whole codes");
	unlink(path);
	return done_testing();
}
