/* Unit tests for common/domain/sheet.c: map files and sheet rows as catalogue rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sheet.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-sheet.XXXXXX";
static char err[512];

static void
write_file(const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

static struct sheet_map *
load_map(const char *text)
{
	write_file(text);
	err[0] = '\0';
	return sheet_map_load(path, err, sizeof err);
}

/* The rows of a sheet under map m, as "track|distributor|title|media|status|source" or the reasons. */
static char *
rows(const struct sheet_map *m, const char *sheet)
{
	static char text[2048];
	struct table *t;
	int *ours;

	write_file(sheet);
	t = table_open(path, 0, err, sizeof err);
	ours = sheet_columns(m, t);
	text[0] = '\0';
	while (table_next(t) == 1) {
		char *f[CATALOG_NCOLUMNS], why[256];
		size_t n = strlen(text);

		if (sheet_row(t, ours, "lab", "drop:s.csv", "", f, why, sizeof why) != 0) {
			snprintf(text + n, sizeof text - n, "%ld: %s\n", table_line(t), why);
			continue;
		}
		snprintf(text + n, sizeof text - n, "%s|%s|%s|%s|%s|%s\n", f[CATALOG_TRACK],
		    f[CATALOG_DISTRIBUTOR], f[CATALOG_TITLE], f[CATALOG_MEDIA], f[CATALOG_STATUS],
		    f[CATALOG_SOURCE]);
		for (int i = 0; i < CATALOG_NCOLUMNS; i++)
			free(f[i]);
	}
	free(ours);
	table_close(t);
	return text;
}

int
main(void)
{
	struct sheet_map *m;
	char want[600];

	close(mkstemp(path));
	plan(9);
	m = load_map("# their header = our column\n\n  Ref = id\nName\t=\ttitle  \nCode ISRC = isrc\n"
	    "Support = media\nEtat = status\nName = artists\n");
	ok(m != NULL, "a map loads, comments and blank lines skipped");
	is_str(rows(m, "Ref,Name,Code ISRC,Support,Etat\n"
	    "X-1,Song,,,\n"
	    "X-2,Clip,FRZ010000001,video,takedown\n"),
	    "lab:X-1|lab|Song|audio|active|drop:s.csv\n"
	    "FRZ010000001|lab|Clip|video|takedown|drop:s.csv\n",
	    "the track is the ISRC, else distributor:id; media and status default");
	is_str(rows(m, "Ref,Name,Code ISRC,Support,Etat\n"
	    ",Nameless,,,\n"
	    "X-3,,,,\n"
	    "X-4,Four,,vinyl,\n"
	    "X-5,Five,,,gone\n"),
	    "2: track: no isrc and no id\n"
	    "3: Name: missing\n"
	    "4: Support: not audio, video, ebook or game: \"vinyl\"\n"
	    "5: Etat: not active or takedown: \"gone\"\n",
	    "bad rows name their column (the sheet's header) and why");
	is_str(rows(m, "Ref,Ref,Name\nfirst,second,Twice\n"), "lab:first|lab|Twice|audio|active|drop:s.csv\n",
	    "the first of two columns mapped to one of ours wins");
	sheet_map_free(m);
	m = load_map("Ref = identifier\n");
	snprintf(want, sizeof want, "%s:1: unknown column: identifier", path);
	ok(m == NULL && strcmp(err, want) == 0, "an unknown column of ours is refused with its line");
	m = load_map("# ok\nRef id\n");
	snprintf(want, sizeof want, "%s:2: not \"their_header = our_column\"", path);
	ok(m == NULL && strcmp(err, want) == 0, "a line without = is refused");
	m = sheet_map_new();
	ok(sheet_map_add(m, "Piste", "track") == 0 && sheet_map_add(m, "X", "nope") == -1,
	    "sheet_map_add knows our columns");
	is_str(rows(m, "Piste,Titre\nT9,\n"), "2: title: missing\n", "an unmapped column is ignored");
	sheet_map_free(m);
	unlink(path);
	m = sheet_map_load(path, err, sizeof err);
	snprintf(want, sizeof want, "%s: cannot open the map", path);
	ok(m == NULL && strcmp(err, want) == 0, "a missing map file is named");
	return done_testing();
}
