/* Unit tests for common/domain/ingest.c: newest wins, purges, resource checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "ingest.h"
#include "tap.h"

static char rejected[2048];
static char replaced[2048];

static void
on_reject(void *ctx, const char *where, long line, const char *why)
{
	size_t n = strlen(rejected);

	(void)ctx;
	snprintf(rejected + n, sizeof rejected - n, "%s:%ld: %s\n", where, line, why);
}

static void
on_replaced(void *ctx, const char *track, const char *old_where, long old_line,
    const char *old_created, const char *by_where, long by_line, const char *by_created)
{
	size_t n = strlen(replaced);

	(void)ctx;
	snprintf(replaced + n, sizeof replaced - n, "%s: %s:%ld (%s) by %s:%ld (%s)\n", track,
	    old_where, old_line, old_created, by_where, by_line, by_created);
}

static char twice[2048];

static void
on_twice(void *ctx, const char *track, const char *where, long first_line, long kept_line)
{
	size_t n = strlen(twice);

	(void)ctx;
	snprintf(twice + n, sizeof twice - n, "%s: %s:%ld gives way to line %ld\n", track, where,
	    first_line, kept_line);
}

static const struct ingest_hooks hooks = { on_reject, on_replaced, NULL, NULL, on_twice, NULL };

/* A delivery of track with a title, UPC, status and source, created then. */
static struct ingest_delivery
delivery(const char *track, const char *title, const char *upc, const char *status,
    const char *source, const char *created)
{
	struct ingest_delivery d = { .created = created, .where = source, .line = 7 };

	for (int i = 0; i < CATALOG_NCOLUMNS; i++)
		d.f[i] = "";
	d.f[CATALOG_TRACK] = track;
	d.f[CATALOG_TITLE] = title;
	d.f[CATALOG_UPC] = upc;
	d.f[CATALOG_STATUS] = status;
	d.f[CATALOG_SOURCE] = source;
	d.f[CATALOG_SHA256] = "s";
	return d;
}

/* The rows written, without the header, as "track,title,upc,status,source" lines. */
static char *
written(struct ingest *in)
{
	static char text[4096];
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct table_writer w;

	table_writer_init(&w, fp, 0);
	ingest_write(in, &w);
	fclose(fp);
	text[0] = '\0';
	line = strtok_r(buf, "\n", &save);
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *f[CATALOG_NCOLUMNS], *p = line;

		for (int i = 0; i < CATALOG_NCOLUMNS; i++)
			f[i] = strsep(&p, ",");
		snprintf(text + strlen(text), sizeof text - strlen(text), "%s,%s,%s,%s,%s\n",
		    f[CATALOG_TRACK], f[CATALOG_TITLE], f[CATALOG_UPC], f[CATALOG_STATUS], f[CATALOG_SOURCE]);
	}
	free(buf);
	return text;
}

static void
test_resolution(void)
{
	struct ingest *in = ingest_new(&hooks, NULL, 64);
	struct ingest_delivery d;
	struct ingest_counts n;

	ingest_drop_begin(in, "drop", "lab");
	d = delivery("T2", "Newer", "", "active", "drop:M2", "2026-02-01T00:00:00Z");
	ingest_add(in, &d);
	d = delivery("T2", "Older", "", "active", "drop:M1", "2026-01-01T00:00:00Z");
	ingest_add(in, &d);
	d = delivery("T1", "From a sheet", "", "active", "drop:s.csv", "");
	ingest_add(in, &d);
	d = delivery("T1", "From a message", "", "active", "drop:M1", "2026-01-01T00:00:00Z");
	ingest_add(in, &d);
	d = delivery("T3", "Kept", "", "active", "drop:M1", "2026-01-01T00:00:00Z");
	ingest_add(in, &d);
	d = delivery("T3", "", "", "takedown", "drop:P1", "2026-03-01T00:00:00Z");
	d.purge = 1;
	ingest_add(in, &d);
	ingest_drop_end(in);
	is_str(written(in),
	    "T1,From a message,,active,drop:M1\n"
	    "T2,Newer,,active,drop:M2\n"
	    "T3,Kept,,takedown,drop:P1\n",
	    "newest wins, a sheet is oldest, a purge takes down the delivery before it");
	is_str(replaced,
	    "T1: drop:s.csv:7 () by drop:M1:7 (2026-01-01T00:00:00Z)\n"
	    "T2: drop:M1:7 (2026-01-01T00:00:00Z) by drop:M2:7 (2026-02-01T00:00:00Z)\n"
	    "T3: drop:M1:7 (2026-01-01T00:00:00Z) by drop:P1:7 (2026-03-01T00:00:00Z)\n",
	    "each replaced delivery is told");
	ingest_get_counts(in, &n);
	is_int(n.duplicates, 3, "three deliveries replaced");
	ingest_free(in);

	in = ingest_new(&hooks, NULL, 64);
	ingest_drop_begin(in, "drop", "lab");
	d = delivery("A1", "Before", "3610000000001", "active", "drop:M1", "2026-01-01");
	ingest_add(in, &d);
	d = delivery("A2", "After", "3610000000001", "active", "drop:M3", "2026-03-01");
	ingest_add(in, &d);
	d = delivery("B1", "Other release", "3610000000002", "active", "drop:M1", "2026-01-01");
	ingest_add(in, &d);
	ingest_add_upc_purge(in, "3610000000001", "2026-02-01", "drop:P2", "p");
	ingest_drop_end(in);
	is_str(written(in),
	    "A1,Before,3610000000001,takedown,drop:P2\n"
	    "A2,After,3610000000001,active,drop:M3\n"
	    "B1,Other release,3610000000002,active,drop:M1\n",
	    "a UPC purge takes down the release's older deliveries only");
	ingest_free(in);
}

/* A title twice in one sheet: the later line wins whatever order the rows were added in. */
static void
test_twice(void)
{
	struct ingest *in = ingest_new(&hooks, NULL, 64);
	struct ingest_delivery d;
	struct ingest_counts n;

	ingest_drop_begin(in, "drop", "lab");
	d = delivery("lab:X", "Third line", "", "active", "drop:s.csv", "");
	d.line = 3;
	ingest_add(in, &d);
	d = delivery("lab:X", "Fifth line", "", "active", "drop:s.csv", "");
	d.line = 5;
	ingest_add(in, &d);
	d = delivery("lab:X", "Second line", "", "active", "drop:s.csv", "");
	d.line = 2;
	ingest_add(in, &d);
	ingest_drop_end(in);
	replaced[0] = '\0';
	is_str(written(in), "lab:X,Fifth line,,active,drop:s.csv\n", "the last line of the sheet wins");
	is_str(twice,
	    "lab:X: drop:s.csv:2 gives way to line 5\n"
	    "lab:X: drop:s.csv:3 gives way to line 5\n",
	    "both lines are told, in order, as a title listed twice, not a replacement");
	is_str(replaced, "", "nothing is said to be replaced");
	ingest_get_counts(in, &n);
	is_int(n.duplicates, 2, "two duplicates");
	ingest_free(in);
}

static void
test_resources(void)
{
	struct ingest *in = ingest_new(&hooks, NULL, 64);
	struct ingest_delivery d;
	struct ingest_counts n;

	rejected[0] = '\0';
	ingest_drop_begin(in, "drop", "lab");
	/* Digests of "abc", from RFC 1321 and FIPS 180-1. */
	d = delivery("T1", "MD5 right", "", "active", "drop:M1", "1");
	d.file = "a.wav", d.algo = "MD5", d.hash = "900150983cd24fb0d6963f7d28e17f72";
	ingest_add(in, &d);
	d = delivery("T2", "SHA-1 right uppercase", "", "active", "drop:M1", "1");
	d.file = "a.wav", d.algo = "SHA-1", d.hash = "A9993E364706816ABA3E25717850C26C9CD0D89D";
	ingest_add(in, &d);
	d = delivery("T3", "SHA-256 wrong", "", "active", "drop:M1", "1");
	d.file = "a.wav", d.algo = "SHA256", d.hash = "00";
	d.line = 9;
	ingest_add(in, &d);
	d = delivery("T4", "unknown algorithm", "", "active", "drop:M1", "1");
	d.file = "a.wav", d.algo = "CRC32", d.hash = "00";
	ingest_add(in, &d);
	d = delivery("T5", "file not in the drop", "", "active", "drop:M1", "1");
	d.file = "b.wav", d.algo = "MD5", d.hash = "00";
	ingest_add(in, &d);
	ingest_add_file(in, "audio/a.wav", "abc", 3);
	ingest_drop_end(in);
	is_str(rejected,
	    "drop:M1:9: T3: resource a.wav: hash mismatch\n"
	    "drop:M1:7: T4: unknown hash algorithm CRC32\n",
	    "a wrong digest and an unknown algorithm are rejected");
	is_str(written(in),
	    "T1,MD5 right,,active,drop:M1\n"
	    "T2,SHA-1 right uppercase,,active,drop:M1\n"
	    "T5,file not in the drop,,active,drop:M1\n",
	    "the titles whose resource matches (or is absent) are kept");
	ingest_get_counts(in, &n);
	is_int(n.rejected, 2, "two rejected");
	ingest_free(in);

	in = ingest_new(&hooks, NULL, 64);
	ingest_drop_begin(in, "bad", "lab");
	d = delivery("T1", "gone", "", "active", "bad:M1", "1");
	ingest_add(in, &d);
	ingest_drop_abandon(in);
	ingest_drop_end(in);
	is_str(written(in), "", "an abandoned drop leaves no row");
	ingest_free(in);
}

int
main(void)
{
	char hex[HASH_HEX_LEN];
	enum hash_algo a;

	plan(14);
	test_resolution();
	test_twice();
	test_resources();
	ok(hash_algo_parse("sha_256", &a) == 0 && a == HASH_SHA256, "hash_algo_parse: sha_256");
	hash_hex(HASH_SHA1, "abc", 3, hex);
	is_str(hex, "a9993e364706816aba3e25717850c26c9cd0d89d", "hash_hex: SHA-1 of abc");
	return done_testing();
}
