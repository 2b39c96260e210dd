/* Unit tests for common/domain/capsule_stats.c: plays, listens, users and titles per capsule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capsule_stats.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-capsule-stats.XXXXXX";
static char err[512];

static int
add(struct capsule_stats *s, const char *user, const char *structure, const char *track,
    const char *source, int64_t ms)
{
	struct listen l = { 0 };

	l.user = user, l.user_len = strlen(user);
	l.structure = structure, l.structure_len = strlen(structure);
	l.track = track, l.track_len = strlen(track);
	l.source = source, l.source_len = strlen(source);
	l.ms_played = ms;
	/* What intake decides, here simply 30 s or more. */
	return capsule_stats_add(s, &l, ms >= 30000);
}

int
main(void)
{
	struct capsule_set set = { 0 };
	struct capsule_stats *s;
	const struct capsule_unknown *unknown;
	size_t nunknown;
	struct table_writer w;
	char *buf = NULL;
	size_t len;
	FILE *f;

	close(mkstemp(path));
	plan(7);
	f = fopen(path, "w");
	fputs("capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note\n"
	    "walk,W,c,,,,,,,1,A,audio,\n"
	    "quiet,Q,c,,,,,,,1,A,audio,\n", f);
	fclose(f);
	ok(capsule_load(&set, path, 0, NULL, NULL, err, sizeof err) == 0, "capsules load");
	capsule_sort(&set);
	s = capsule_stats_new(&set);
	ok(add(s, "u1", "bib", "A", "capsule:walk", 30000) == 1, "a capsule listen counts");
	add(s, "u1", "bib", "A", "capsule:walk", 29999);
	add(s, "u2", "bib", "B", "capsule:walk", 90000);
	add(s, "u2", "cafe", "A", "capsule:walk", 1000);
	ok(add(s, "u3", "bib", "A", "capsule:gone", 90000) == -1, "an unknown capsule is told apart");
	add(s, "u4", "bib", "B", "capsule:gone", 1000);
	ok(add(s, "u3", "bib", "A", "search", 90000) == 0, "another source is not a capsule");
	ok(add(s, "u3", "bib", "A", "capsule:", 90000) == -1, "an empty capsule id is unknown");
	unknown = capsule_stats_unknown(s, &nunknown);
	ok(nunknown == 2 && strcmp(unknown[0].id, "") == 0 && unknown[0].plays == 1 &&
	    strcmp(unknown[1].id, "gone") == 0 && unknown[1].plays == 2,
	    "unknown ids in byte order with their plays");
	f = open_memstream(&buf, &len);
	table_writer_init(&w, f, 0);
	capsule_stats_write(s, &w);
	fclose(f);
	/*
	 * walk: 4 plays, 2 of 30 s or more, users u1 u2, titles A B; bib has
	 * the first three plays, cafe the last.  quiet has its row at zero.
	 */
	is_str(buf, "capsule,structure,plays,listens,users,titles\n"
	    "quiet,,0,0,0,0\n"
	    "walk,,4,2,2,2\n"
	    "walk,bib,3,2,2,2\n"
	    "walk,cafe,1,0,1,1\n", "a total per capsule, then per structure, sorted");
	free(buf);
	capsule_stats_free(s);
	capsule_set_free(&set);
	unlink(path);
	return done_testing();
}
