/* Unit tests for common/domain/catalog.c: loading, validation, the active rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "err.h"
#include "table.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-catalog.XXXXXX";
static char err[512];

static struct catalog *
load_n(const char *text, size_t n, int flags)
{
	FILE *f = fopen(path, "w");

	fwrite(text, 1, n, f);
	fclose(f);
	err[0] = '\0';
	return catalog_load(path, flags, err, sizeof err);
}

static struct catalog *
load(const char *text)
{
	return load_n(text, strlen(text), 0);
}

/* Check a good row with one column set to value: the failing column or -1, why in err. */
static int
check(enum catalog_column col, const char *value)
{
	const char *f[CATALOG_NCOLUMNS];

	for (int i = 0; i < CATALOG_NCOLUMNS; i++)
		f[i] = "";
	f[CATALOG_TRACK] = "T1";
	f[CATALOG_AVAILABLE_FROM] = "2026-01-01";
	f[col] = value;
	err[0] = '\0';
	return catalog_check_row(f, err, sizeof err);
}

static void
test_rules(void)
{
	enum catalog_media m;
	enum catalog_status st;

	is_str(catalog_column_names[CATALOG_TRACK], "track", "track is the first column");
	is_str(catalog_column_names[CATALOG_SHA256], "sha256", "sha256 is the last column");
	is_str(CATALOG_COLUMNS, "track,isrc,upc,title,artists,release_title,label,holder,distributor,"
	    "release_date,duration_ms,media,genre,territories,available_from,available_until,status,"
	    "source,sha256", "the header is DESIGN.md's");
	is_int(check(CATALOG_TITLE, ""), -1, "a row with only a track is good");
	is_int(check(CATALOG_TRACK, ""), CATALOG_TRACK, "track is required");
	is_str(err, "empty", "an empty track says so");
	is_int(check(CATALOG_TITLE, "Any, \"text\""), -1, "title is free text");
	is_int(check(CATALOG_RELEASE_DATE, "2024-02-29"), -1, "release_date: a leap day");
	is_int(check(CATALOG_RELEASE_DATE, "2023-02-29"), CATALOG_RELEASE_DATE, "release_date: no such day");
	is_int(check(CATALOG_AVAILABLE_FROM, "2026-10-01T00:00:00Z"), CATALOG_AVAILABLE_FROM,
	    "available_from: a timestamp is not a day");
	is_str(err, "not a date: \"2026-10-01T00:00:00Z\"", "the value is quoted");
	is_int(check(CATALOG_AVAILABLE_UNTIL, "2026-01-01"), -1, "available_until: the same day as from");
	is_int(check(CATALOG_AVAILABLE_UNTIL, "2025-12-31"), CATALOG_AVAILABLE_UNTIL,
	    "available_until: before available_from");
	is_int(check(CATALOG_DURATION_MS, "205000"), -1, "duration_ms: a count");
	is_int(check(CATALOG_DURATION_MS, "-5"), CATALOG_DURATION_MS, "duration_ms: no sign");
	is_str(err, "not a non-negative integer: \"-5\"", "duration_ms: why");
	is_int(check(CATALOG_DURATION_MS, "9223372036854775808"), CATALOG_DURATION_MS,
	    "duration_ms: one past int64");
	is_int(check(CATALOG_MEDIA, "game"), -1, "media: game");
	is_int(check(CATALOG_MEDIA, "Audio"), CATALOG_MEDIA, "media: case matters");
	is_int(check(CATALOG_STATUS, "takedown"), -1, "status: takedown");
	is_int(check(CATALOG_STATUS, "gone"), CATALOG_STATUS, "status: gone");
	is_int(check(CATALOG_TERRITORIES, "Worldwide"), -1, "territories: Worldwide");
	is_int(check(CATALOG_TERRITORIES, "FR BE CH"), -1, "territories: three codes");
	is_int(check(CATALOG_TERRITORIES, "FR  BE"), CATALOG_TERRITORIES, "territories: two spaces");
	is_int(check(CATALOG_TERRITORIES, "FRA"), CATALOG_TERRITORIES, "territories: alpha-3");
	is_int(check(CATALOG_TERRITORIES, "fr be"), -1, "territories: codes in lowercase (case does not matter)");
	is_int(check(CATALOG_TERRITORIES, "f1"), CATALOG_TERRITORIES, "territories: a digit");
	is_int(check(CATALOG_SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), -1,
	    "sha256: 64 hex digits");
	is_int(check(CATALOG_SHA256, "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"),
	    CATALOG_SHA256, "sha256: uppercase is not our spelling");
	is_int(check(CATALOG_SHA256, "e3b0"), CATALOG_SHA256, "sha256: too short");
	ok(catalog_media_parse("ebook", &m) == 0 && m == CATALOG_EBOOK, "media_parse: ebook");
	ok(catalog_media_parse("vinyl", &m) == -1, "media_parse: vinyl");
	is_str(catalog_media_name(CATALOG_VIDEO), "video", "media_name: video");
	ok(catalog_status_parse("", &st) == 0 && st == CATALOG_ACTIVE, "status_parse: empty is active");
	ok(catalog_status_parse("takedown", &st) == 0 && st == CATALOG_TAKEDOWN, "status_parse: takedown");
	is_str(catalog_status_name(CATALOG_TAKEDOWN), "takedown", "status_name: takedown");
}

int
main(void)
{
	struct catalog *c;
	const struct catalog_title *t;
	char want[600];

	close(mkstemp(path));
	plan(67);
	test_rules();
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
	c = load("track,available_from\nT1,2026-10-01T12:00:00Z\n");
	snprintf(want, sizeof want, "%s:2: available_from: not a date: \"2026-10-01T12:00:00Z\"", path);
	ok(c == NULL && strcmp(err, want) == 0, "a timestamp is not a day (it used to be cut to one)");
	c = load("track,media\nT1,vinyl\n");
	snprintf(want, sizeof want, "%s:2: media: not audio, video, ebook or game: \"vinyl\"", path);
	ok(c == NULL && strcmp(err, want) == 0, "an unknown media is refused (it used to be loaded)");
	c = load("isrc,status\nX,active\n");
	snprintf(want, sizeof want, "%s:1: track: no such column", path);
	ok(c == NULL && strcmp(err, want) == 0, "a catalogue needs a track column");
	is_int(err_status(), ERR_EXIT_USAGE, "a missing column raises the run's status to a usage error");
	c = load("track,holder\nT1,A\n");
	ok(c != NULL, "the track column is enough by default");
	catalog_free(c);
	c = load_n("track,holder\nT1,A\n", 17, CATALOG_ALL_COLUMNS);
	snprintf(want, sizeof want, "%s:1: isrc: no such column", path);
	ok(c == NULL && strcmp(err, want) == 0, "CATALOG_ALL_COLUMNS: every column is required");
	/* A track id holding a NUL byte was interned whole and looked up cut: index_of[UINT32_MAX]. */
	c = load_n("track,holder\nT1\0X,A\nT2,B\n", 25, 0);
	snprintf(want, sizeof want, "%s:2: ", path);
	ok(c == NULL && strncmp(err, want, strlen(want)) == 0, "CSV: a NUL byte in a track is refused: %s", err);
	c = load_n("track\tholder\nT1\0X\tA\nT2\tB\n", 25, TABLE_TSV);
	ok(c == NULL && strncmp(err, want, strlen(want)) == 0, "TSV: a NUL byte in a track is refused: %s", err);
	c = load_n("track\tholder\nT1\tA\0B\n", 20, TABLE_TSV);
	ok(c == NULL && strncmp(err, want, strlen(want)) == 0, "TSV: a NUL byte in any field is refused: %s", err);
	c = load("track,holder\nT1,A\nT2,B\n");
	ok(catalog_index(c, "T1\0X") == 0 && catalog_index(c, "T3") == -1 && catalog_find(c, "") == NULL,
	    "a lookup miss is -1, never an index out of range");
	catalog_free(c);
	c = load("track,holder\nT1,A\n\"T2,B\n");
	ok(c == NULL && strstr(err, ":3: ") != NULL, "an unterminated quote fails the load: %s", err);
	c = load("track,holder\n");
	ok(c != NULL && catalog_count(c) == 0 && catalog_find(c, "T1") == NULL, "a catalogue with no title loads");
	catalog_free(c);
	ok(catalog_in_territory("FR BE", "BE") && !catalog_in_territory("FRA", "FR"),
	    "territory lists match whole codes");
	ok(catalog_in_territory("fr Be", "FR") && catalog_in_territory("be", "bE") &&
	    catalog_in_territory("worldwide", "FR") && !catalog_in_territory("fr", "BE"),
	    "territory codes and Worldwide match without regard to case");
	unlink(path);
	return done_testing();
}
