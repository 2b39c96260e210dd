/* Unit tests for common/domain/catdb.c: an import checked by the one row rule, with history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catdb.h"
#include "tap.h"

static char dir[] = "/tmp/1d-unit-catdb.XXXXXX";
static char rejected[1024];

#define HEADER "track,isrc,upc,title,artists,release_title,label,holder,distributor,release_date," \
    "duration_ms,media,genre,territories,available_from,available_until,status,source,sha256\n"

static void
on_reject(const struct table *t, const char *field, const char *why)
{
	size_t n = strlen(rejected);

	snprintf(rejected + n, sizeof rejected - n, "%ld: %s%s%s\n", table_line(t),
	    field ? field : "", field ? ": " : "", why);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

int
main(void)
{
	char db_path[128], rows[128], err[512], *buf = NULL;
	struct catdb_counts n;
	struct table_writer w;
	struct catdb *db;
	size_t len = 0;
	FILE *fp;

	plan(11);
	mkdtemp(dir);
	snprintf(db_path, sizeof db_path, "%s/cat.db", dir);
	snprintf(rows, sizeof rows, "%s/rows.csv", dir);
	write_file(rows, HEADER
	    "T1,,,Un,,,,,,,,audio,,FR,,,,,\n"
	    "T2,,,Deux,,,,,,,,audio,,Worldwide,,,takedown,,\n"
	    "T3,,,Trois,,,,,,,,audio,,FR,2026-10-01T00:00:00Z,,,,\n"
	    "T4,,,Quatre,,,,,,,,vinyl,,FR,,,,,\n"
	    "T1,,,Un bis,,,,,,,,audio,,FR,,,,,\n"
	    "T5,,,Cinq\x01,,,,,,,,audio,,FR,,,,,,extra\n");
	db = catdb_open(db_path, 1, err, sizeof err);
	ok(db != NULL, "a new database opens");
	is_int(catdb_import(db, rows, 0, "2026-10-01", 0, &n, on_reject, err, sizeof err), 0, "import");
	ok(n.read == 6 && n.added == 2 && n.rejected == 4, "read 6: added 2, rejected 4");
	is_str(rejected,
	    "4: available_from: not a date: \"2026-10-01T00:00:00Z\"\n"
	    "5: media: not audio, video, ebook or game: \"vinyl\"\n"
	    "6: track: appears twice in this file\n"
	    "7: 20 fields where the header has 19\n",
	    "each rejected row with its column and why");
	is_int(catdb_import(db, rows, 0, "2026-10-02", 0, &n, on_reject, err, sizeof err), 1,
	    "the same file again is skipped");
	is_int(catdb_takedown(db, "T1", "2026-10-03", err, sizeof err), 0, "a takedown");
	fp = open_memstream(&buf, &len);
	table_writer_init(&w, fp, 0);
	catdb_export(db, NULL, NULL, NULL, &w, err, sizeof err);
	fclose(fp);
	is_str(buf, "track,isrc,upc,title,artists,release_title,label,holder,distributor,release_date,"
	    "duration_ms,media,genre,territories,available_from,available_until,status,source,sha256\n"
	    "T1,,,Un,,,,,,,,audio,,FR,,,takedown,,\n"
	    "T2,,,Deux,,,,,,,,audio,,Worldwide,,,takedown,,\n",
	    "export: the columns of catalog.h, an empty status imported as active, then taken down");
	free(buf);
	/* A header without every column imports nothing. */
	write_file(rows, "track,title\nT9,Neuf\n");
	is_int(catdb_import(db, rows, 0, "2026-10-04", 0, &n, on_reject, err, sizeof err), -1,
	    "a missing column is an error");
	ok(strstr(err, "rows.csv:1: isrc: no such column") != NULL, "named: %s", err);
	write_file(rows, HEADER "T1,,,Un ter,,,,,,,,audio,,FR,,,,,\n");
	catdb_import(db, rows, 0, "2026-10-05", 0, &n, on_reject, err, sizeof err);
	{
		long v;

		is_int(catdb_revert(db, rows, &v, err, sizeof err), 1,
		    "a file imported twice is ambiguous by name");
		is_int(catdb_revert(db, "56d1f0b5b63bd42a8ae3b4d0d0a2e0b1dfb0bd2e2ae2e8f24f2bb2a0b2d5bd10", &v,
		    err, sizeof err), 1, "an unknown digest is no such import");
	}
	catdb_close(db);
	unlink(rows);
	unlink(db_path);
	snprintf(db_path, sizeof db_path, "%s/cat.db.lock", dir);
	unlink(db_path);
	rmdir(dir);
	return done_testing();
}
