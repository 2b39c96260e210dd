/*
 * playlist.c - capsules written as M3U8, XSPF and JSON playlists.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "markup.h"
#include "playlist.h"

static void
json_string(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", fp);
		else if (ch == '\t')
			fputs("\\t", fp);
		else if (ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			putc(ch, fp);
	}
	putc('"', fp);
}

static const char *
title_of(const struct catalog *cat, const char *item, const char *what)
{
	const struct catalog_title *t = cat ? catalog_find(cat, item) : NULL;

	if (t == NULL)
		return "";
	return strcmp(what, "title") == 0 ? t->title : t->artists;
}

static int64_t
duration_of(const struct catalog *cat, const char *item)
{
	const struct catalog_title *t = cat ? catalog_find(cat, item) : NULL;

	return t ? t->duration_ms : -1;
}

void
playlist_m3u8(FILE *fp, const struct capsule *c, const struct catalog *cat)
{
	fputs("#EXTM3U\n", fp);
	fprintf(fp, "#PLAYLIST:%s\n", c->field[CAPSULE_TITLE]);
	for (size_t i = 0; i < c->nitems; i++) {
		const char *item = c->items[i].item, *artists = title_of(cat, item, "artists");
		int64_t ms = duration_of(cat, item);

		/* Seconds, rounded; -1 when the length is unknown. */
		fprintf(fp, "#EXTINF:%" PRId64 ",%s%s%s\n", ms < 0 ? -1 : (ms + 500) / 1000, artists,
		    *artists ? " - " : "", *title_of(cat, item, "title") ? title_of(cat, item, "title") : item);
		fprintf(fp, "%s\n", item);
	}
}

void
playlist_xspf(FILE *fp, const struct capsule *c, const struct catalog *cat)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n  <title>", fp);
	markup_text(fp, c->field[CAPSULE_TITLE]);
	fputs("</title>\n  <creator>", fp);
	markup_text(fp, c->field[CAPSULE_CURATOR]);
	fputs("</creator>\n  <trackList>\n", fp);
	for (size_t i = 0; i < c->nitems; i++) {
		const char *item = c->items[i].item;
		int64_t ms = duration_of(cat, item);

		fputs("    <track>\n      <identifier>", fp);
		markup_text(fp, item);
		fputs("</identifier>\n      <title>", fp);
		markup_text(fp, *title_of(cat, item, "title") ? title_of(cat, item, "title") : item);
		fputs("</title>\n", fp);
		if (*title_of(cat, item, "artists")) {
			fputs("      <creator>", fp);
			markup_text(fp, title_of(cat, item, "artists"));
			fputs("</creator>\n", fp);
		}
		if (*c->items[i].note) {
			fputs("      <annotation>", fp);
			markup_text(fp, c->items[i].note);
			fputs("</annotation>\n", fp);
		}
		if (ms >= 0)
			fprintf(fp, "      <duration>%" PRId64 "</duration>\n", ms);
		fputs("    </track>\n", fp);
	}
	fputs("  </trackList>\n</playlist>\n", fp);
}

void
playlist_json(FILE *fp, const struct capsule_set *set, const struct catalog *cat, const char *only)
{
	fputs("[", fp);
	for (size_t k = 0, first = 1; k < set->n; k++) {
		const struct capsule *c = &set->c[k];
		double v;

		if (only && strcmp(only, c->id) != 0)
			continue;
		fputs(first ? "\n  {\"capsule\": " : ",\n  {\"capsule\": ", fp);
		first = 0;
		json_string(fp, c->id);
		for (int f = 0; f < 8; f++) {
			fprintf(fp, ", \"%s\": ", capsule_field_names[f]);
			/* Coordinates are numbers (already checked to be JSON numbers). */
			if (f == CAPSULE_LAT || f == CAPSULE_LON)
				fputs(capsule_coordinate(c->field[f], 180, &v) == 0 ? c->field[f] : "null", fp);
			else if (*c->field[f])
				json_string(fp, c->field[f]);
			else
				fputs("null", fp);
		}
		fputs(", \"items\": [", fp);
		for (size_t i = 0; i < c->nitems; i++) {
			const char *item = c->items[i].item;

			fprintf(fp, "%s\n    {\"position\": %ld, \"item\": ", i ? "," : "", c->items[i].position);
			json_string(fp, item);
			fputs(", \"media\": ", fp);
			json_string(fp, c->items[i].media);
			fputs(", \"title\": ", fp);
			json_string(fp, title_of(cat, item, "title"));
			fputs(", \"artists\": ", fp);
			json_string(fp, title_of(cat, item, "artists"));
			if (duration_of(cat, item) >= 0)
				fprintf(fp, ", \"duration_ms\": %" PRId64, duration_of(cat, item));
			else
				fputs(", \"duration_ms\": null", fp);
			fputs(", \"note\": ", fp);
			json_string(fp, c->items[i].note);
			fputs("}", fp);
		}
		fputs("\n  ]}", fp);
	}
	fputs("\n]\n", fp);
}

