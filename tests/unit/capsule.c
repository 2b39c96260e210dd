/* Unit tests for common/domain/capsule.c: coordinates, distance, checks, edits, near. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capsule.h"
#include "tap.h"

#define HEADER "capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note\n"

static char path[] = "/tmp/1d-unit-capsule.XXXXXX";
static char catpath[] = "/tmp/1d-unit-capsule-cat.XXXXXX";
static char err[512];
static int conflicts;

static void
write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");

	fputs(text, f);
	fclose(f);
}

static void
conflict(const char *file, long line, const char *id, const char *other)
{
	(void)file, (void)line, (void)id, (void)other;
	conflicts++;
}

static int
load(struct capsule_set *set, const char *text)
{
	write_file(path, text);
	memset(set, 0, sizeof *set);
	if (capsule_load(set, path, 0, conflict, NULL, err, sizeof err) != 0)
		return -1;
	capsule_sort(set);
	return 0;
}

/* Every problem as "capsule|item|reason\n", in order. */
static void
collect(void *ctx, const char *capsule, const char *item, const char *reason)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 4096 - strlen(buf), "%s|%s|%s\n", capsule, item, reason);
}

/* The items of c as "item@position ...". */
static const char *
items(const struct capsule *c)
{
	static char buf[512];

	buf[0] = '\0';
	for (size_t i = 0; i < c->nitems; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s@%s", i ? " " : "",
		    c->items[i].item, c->items[i].position_text);
	return buf;
}

static void
test_coordinates(void)
{
	double v = 0;

	ok(capsule_coordinate("45.7385", 90, &v) == 0 && fabs(v - 45.7385) < 1e-12, "a latitude");
	ok(capsule_coordinate("-4.5", 180, &v) == 0 && v == -4.5, "west of Greenwich is negative");
	ok(capsule_coordinate("-180", 180, &v) == 0 && v == -180, "the limit itself is allowed");
	ok(capsule_coordinate("90.0001", 90, &v) != 0, "beyond 90 is not a latitude");
	ok(capsule_coordinate("4.", 180, &v) != 0, "a point needs digits after it");
	ok(capsule_coordinate(".5", 180, &v) != 0, "and before it");
	ok(capsule_coordinate("+4", 180, &v) != 0, "no plus sign");
	ok(capsule_coordinate("4e1", 180, &v) != 0, "no exponent");
	ok(capsule_coordinate("", 180, &v) != 0, "empty is not a coordinate");
	ok(capsule_coordinate("4,5", 180, &v) != 0, "no decimal comma");
}

static void
test_distance(void)
{
	/* One degree of a meridian is 6371.0088 * pi / 180 = 111.1950 km. */
	ok(fabs(capsule_distance_km(0, 0, 1, 0) - 111.1950) < 0.001, "one degree of latitude");
	ok(capsule_distance_km(45.4397, 4.3872, 45.4397, 4.3872) == 0, "no distance to itself");
	/* Saint-Etienne to Lyon: about 36.1 km north and 34.9 km east, so 50.2 km. */
	ok(fabs(capsule_distance_km(45.4397, 4.3872, 45.7640, 4.8357) - 50.2) < 0.3,
	    "Saint-Etienne to Lyon is about 50 km");
	ok(fabs(capsule_distance_km(0, 179.5, 0, -179.5) - 111.1950) < 0.001, "across the date line");
}

static void
test_check(void)
{
	struct capsule_set set;
	struct catalog *cat;
	struct capsule_rules rules = { .territory = "FR" };
	char got[4096] = "";
	long n = 0;

	write_file(catpath, "track,status,territories,media,available_from,available_until\n"
	    "A,active,FR,audio,,\n"
	    "B,takedown,FR,audio,,\n"
	    "C,active,BE,audio,,\n"
	    "D,active,FR,video,,\n"
	    "E,active,FR,audio,2026-10-15,\n");
	cat = catalog_load(catpath, 0, err, sizeof err);
	ok(cat != NULL, "catalogue loads");
	ok(load(&set, HEADER
	    "k,,c,s,,95,,2026-10-31,2026-10-01,1,A,audio,\n"
	    "k,Other,c,s,,95,,2026-10-31,2026-10-01,3,Z,vinyl,\n"
	    "ok,T,c,s,,45,4,2026-10-01,2026-10-31,1,A,audio,\n"
	    "ok,T,c,s,,45,4,2026-10-01,2026-10-31,2,B,audio,\n"
	    "ok,T,c,s,,45,4,2026-10-01,2026-10-31,3,C,audio,\n"
	    "ok,T,c,s,,45,4,2026-10-01,2026-10-31,4,D,audio,\n"
	    "ok,T,c,s,,45,4,2026-10-01,2026-10-31,5,E,audio,\n") == 0, "capsules load");
	for (size_t i = 0; i < set.n; i++)
		n += capsule_check(&set.c[i], cat, &rules, collect, got);
	{
		char want[4096];

		snprintf(want, sizeof want,
		    "k||no title\n"
		    "k||lat: not a latitude: \"95\"\n"
		    "k||lat and lon go together\n"
		    "k||ends before it starts\n"
		    "k|Z|title differs from the capsule's first row (%s:2)\n"
		    "k|Z|position 3: positions must run 1 to 2 without gaps or repeats\n"
		    "k|Z|media: not audio, video, ebook or game: \"vinyl\"\n"
		    "k|Z|not in the catalogue\n"
		    "ok|B|taken down\n"
		    "ok|C|not available in FR\n"
		    "ok|D|media: \"audio\" in the capsule, \"video\" in the catalogue\n"
		    "ok|E|not available for the whole run 2026-10-01 to 2026-10-31\n", path);
		is_str(got, want, "every problem, capsule first, then items by position");
	}
	is_int(n, 12, "twelve problems counted");
	got[0] = '\0';
	rules.has_on = 1;
	rules.on = (struct date){ 2026, 10, 15 };
	rules.territory = "BE";
	capsule_check(capsule_find(&set, "ok"), cat, &rules, collect, got);
	is_str(got, "ok|A|not available in BE\nok|B|taken down\n"
	    "ok|D|media: \"audio\" in the capsule, \"video\" in the catalogue\nok|D|not available in BE\n"
	    "ok|E|not available in BE\n",
	    "another territory; --on replaces the whole run");
	capsule_set_free(&set);
	catalog_free(cat);
}

static void
test_edits(void)
{
	struct capsule_set set = { 0 };
	const char *field[8] = { "Title", "Ed", "bib", NULL, "45.4397", "4.3872", NULL, NULL };
	struct capsule *c;

	c = capsule_new(&set, "n", field);
	ok(c != NULL && c->nitems == 0 && strcmp(c->field[CAPSULE_PLACE], "") == 0, "a new capsule, no items");
	ok(capsule_new(&set, "n", field) == NULL, "an id is taken once");
	ok(capsule_add_item(c, "A", NULL, NULL) == 0 && strcmp(c->items[0].media, "audio") == 0,
	    "added with audio by default");
	capsule_add_item(c, "B", "video", "a note");
	capsule_add_item(c, "C", "ebook", NULL);
	capsule_add_item(c, "D", "game", NULL);
	ok(capsule_add_item(c, "B", "audio", NULL) == -1, "an item is in a capsule once");
	is_str(items(c), "A@1 B@2 C@3 D@4", "appended and numbered");
	capsule_move_item(c, 3, 1);
	is_str(items(c), "D@1 A@2 B@3 C@4", "moved to the front, renumbered");
	capsule_move_item(c, 0, 99);
	is_str(items(c), "A@1 B@2 C@3 D@4", "a position past the end is the end");
	capsule_move_item(c, 0, 3);
	is_str(items(c), "B@1 C@2 A@3 D@4", "moved down");
	is_int(capsule_item_index(c, "A"), 2, "index of an item");
	is_int(capsule_item_index(c, "Z"), -1, "no such item");
	capsule_remove_item(c, 1);
	is_str(items(c), "B@1 A@2 D@3", "removed, the rest renumbered");
	is_str(c->items[0].note, "a note", "the note travels with its item");
	capsule_set_free(&set);
}

static void
test_near(void)
{
	struct capsule_set set;
	struct capsule_nearby *found;
	struct date day = { 2026, 12, 1 };
	size_t n;

	load(&set, HEADER
	    "lyon,L,c,s,,45.7640,4.8357,,2026-11-30,1,A,audio,\n"
	    "ste,S,c,s,,45.4397,4.3872,,,1,A,audio,\n"
	    "paris,P,c,s,,48.8566,2.3522,,,1,A,audio,\n"
	    "nowhere,N,c,s,,,,,,1,A,audio,\n");
	found = capsule_near(&set, 45.4397, 4.3872, 60, NULL, &n);
	ok(n == 2 && strcmp(found[0].c->id, "ste") == 0 && strcmp(found[1].c->id, "lyon") == 0,
	    "within 60 km of Saint-Etienne: itself, then Lyon");
	ok(n == 2 && found[0].km == 0 && fabs(found[1].km - 50.2) < 0.3, "with their distances");
	free(found);
	found = capsule_near(&set, 45.4397, 4.3872, 60, &day, &n);
	ok(n == 1 && strcmp(found[0].c->id, "ste") == 0, "Lyon has ended by December");
	free(found);
	ok(capsule_running_on(capsule_find(&set, "lyon"), (struct date){ 2026, 11, 30 }), "running on its last day");
	{
		/* Half a degree of a meridian is 55.5975 km. */
		struct capsule_nearby rows[2] = { { &set.c[0], 0.04 }, { &set.c[1], 55.5975 } };
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);
		struct table_writer w;

		table_writer_init(&w, fp, 0);
		capsule_near_write(rows, 2, &w);
		fclose(fp);
		is_str(text, "capsule,title,place,km\nlyon,L,,0.0\nnowhere,N,,55.6\n",
		    "near as a table, to a tenth of a km");
		free(text);
	}
	capsule_set_free(&set);
}

int
main(void)
{
	close(mkstemp(path));
	close(mkstemp(catpath));
	plan(36);
	test_coordinates();
	test_distance();
	test_check();
	test_edits();
	test_near();
	unlink(path);
	unlink(catpath);
	return done_testing();
}
