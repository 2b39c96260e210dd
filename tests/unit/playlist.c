/* Unit tests for common/domain/playlist.c: each writer on a small capsule, whole outputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "playlist.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-playlist.XXXXXX";
static char catpath[] = "/tmp/1d-unit-playlist-cat.XXXXXX";
static char err[512];

static void
write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");

	fputs(text, f);
	fclose(f);
}

/* What a writer printed, in a buffer to free. */
static char *buf;
static size_t len;
static FILE *fp;

static FILE *
open_buf(void)
{
	free(buf);
	buf = NULL;
	return fp = open_memstream(&buf, &len);
}

/* What call printed on fp. */
#define WRITTEN(call) (open_buf(), (call), fclose(fp), buf)

int
main(void)
{
	struct capsule_set set = { 0 };
	struct catalog *cat;

	close(mkstemp(path));
	close(mkstemp(catpath));
	plan(7);
	write_file(catpath, "track,title,artists,duration_ms\n"
	    "T1,Song & Dance,Ann,61499\n"
	    "T2,Quiet,,1500\n");
	write_file(path, "capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note\n"
	    "walk,A <walk>,Ed,bib,,45.5,-4.25,2026-10-01,,2,T2,audio,\"say \"\"hi\"\"\"\n"
	    "walk,A <walk>,Ed,bib,,45.5,-4.25,2026-10-01,,1,T1,audio,\n"
	    "walk,A <walk>,Ed,bib,,45.5,-4.25,2026-10-01,,3,X9,video,\n"
	    "empty,E,Bo,,,,,,,1,T1,audio,\n");
	cat = catalog_load(catpath, 0, err, sizeof err);
	ok(cat != NULL, "catalogue loads");
	ok(capsule_load(&set, path, 0, NULL, NULL, err, sizeof err) == 0, "capsules load");
	capsule_sort(&set);

	/* 61499 ms round to 61 s, 1500 ms to 2 s; X9 is unknown: -1 and its id. */
	is_str(WRITTEN(playlist_m3u8(fp, capsule_find(&set, "walk"), cat)), "#EXTM3U\n"
	    "#PLAYLIST:A <walk>\n"
	    "#EXTINF:61,Ann - Song & Dance\n"
	    "T1\n"
	    "#EXTINF:2,Quiet\n"
	    "T2\n"
	    "#EXTINF:-1,X9\n"
	    "X9\n", "M3U8 in position order, seconds rounded");

	is_str(WRITTEN(playlist_m3u8(fp, capsule_find(&set, "walk"), NULL)),
	    "#EXTM3U\n#PLAYLIST:A <walk>\n#EXTINF:-1,T1\nT1\n#EXTINF:-1,T2\nT2\n#EXTINF:-1,X9\nX9\n",
	    "M3U8 without a catalogue");

	is_str(WRITTEN(playlist_xspf(fp, capsule_find(&set, "walk"), cat)), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n"
	    "  <title>A &lt;walk&gt;</title>\n"
	    "  <creator>Ed</creator>\n"
	    "  <trackList>\n"
	    "    <track>\n"
	    "      <identifier>T1</identifier>\n"
	    "      <title>Song &amp; Dance</title>\n"
	    "      <creator>Ann</creator>\n"
	    "      <duration>61499</duration>\n"
	    "    </track>\n"
	    "    <track>\n"
	    "      <identifier>T2</identifier>\n"
	    "      <title>Quiet</title>\n"
	    "      <annotation>say &quot;hi&quot;</annotation>\n"
	    "      <duration>1500</duration>\n"
	    "    </track>\n"
	    "    <track>\n"
	    "      <identifier>X9</identifier>\n"
	    "      <title>X9</title>\n"
	    "    </track>\n"
	    "  </trackList>\n"
	    "</playlist>\n", "XSPF escaped, creator and duration only when known");

	is_str(WRITTEN(playlist_json(fp, &set, cat, "empty")), "[\n"
	    "  {\"capsule\": \"empty\", \"title\": \"E\", \"curator\": \"Bo\", \"structure\": null, "
	    "\"place\": null, \"lat\": null, \"lon\": null, \"starts\": null, \"ends\": null, \"items\": [\n"
	    "    {\"position\": 1, \"item\": \"T1\", \"media\": \"audio\", \"title\": \"Song & Dance\", "
	    "\"artists\": \"Ann\", \"duration_ms\": 61499, \"note\": \"\"}\n"
	    "  ]}\n"
	    "]\n", "JSON of one capsule, empty columns null");

	is_str(WRITTEN(playlist_json(fp, &set, NULL, NULL)), "[\n"
	    "  {\"capsule\": \"empty\", \"title\": \"E\", \"curator\": \"Bo\", \"structure\": null, "
	    "\"place\": null, \"lat\": null, \"lon\": null, \"starts\": null, \"ends\": null, \"items\": [\n"
	    "    {\"position\": 1, \"item\": \"T1\", \"media\": \"audio\", \"title\": \"\", "
	    "\"artists\": \"\", \"duration_ms\": null, \"note\": \"\"}\n"
	    "  ]},\n"
	    "  {\"capsule\": \"walk\", \"title\": \"A <walk>\", \"curator\": \"Ed\", \"structure\": \"bib\", "
	    "\"place\": null, \"lat\": 45.5, \"lon\": -4.25, \"starts\": \"2026-10-01\", \"ends\": null, \"items\": [\n"
	    "    {\"position\": 1, \"item\": \"T1\", \"media\": \"audio\", \"title\": \"\", "
	    "\"artists\": \"\", \"duration_ms\": null, \"note\": \"\"},\n"
	    "    {\"position\": 2, \"item\": \"T2\", \"media\": \"audio\", \"title\": \"\", "
	    "\"artists\": \"\", \"duration_ms\": null, \"note\": \"say \\\"hi\\\"\"},\n"
	    "    {\"position\": 3, \"item\": \"X9\", \"media\": \"video\", \"title\": \"\", "
	    "\"artists\": \"\", \"duration_ms\": null, \"note\": \"\"}\n"
	    "  ]}\n"
	    "]\n", "JSON of every capsule by id, coordinates as numbers, quotes escaped");

	free(buf);
	capsule_set_free(&set);
	catalog_free(cat);
	unlink(path);
	unlink(catpath);
	return done_testing();
}
