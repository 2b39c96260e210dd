/*
 * ddex.h - DDEX ERN messages (NewReleaseMessage, PurgeReleaseMessage; ERN
 * 3.8.x and 4.1 to 4.3) read with expat and mapped to catalogue titles,
 * one per sound recording or video.
 *
 * The parser refuses any DOCTYPE (and so every entity declaration,
 * internal or external) and elements nested deeper than a bound.  The
 * mapping, element by element, is written down in 1d-ingest(1).
 */
#ifndef DDEX_H
#define DDEX_H
#include <stddef.h>
#include <stdint.h>

struct ddex_title {
	char *isrc, *title, *artists, *release_title, *upc, *label, *holder;
	char *release_date, *genre, *territories, *available_from, *available_until;
	char *media;		/* audio or video */
	int takedown;
	int64_t duration_ms;	/* -1 when unknown */
	char *file, *hash_algo, *hash;	/* a resource file and its hash, or NULL */
	long line;		/* where the recording starts */
	char *reject;		/* why the title is refused, or NULL */
};

/* Something read leniently, said but not refused. */
struct ddex_warning {
	long line;
	char *what;
};

struct ddex_message {
	int version;		/* 38 or 4 */
	int purge;		/* a PurgeReleaseMessage */
	char *id, *created, *sender;
	struct ddex_title *titles;
	size_t ntitles;
	char **purged_upc;	/* releases purged by ICPN */
	size_t npurged_upc;
	struct ddex_warning *warnings;
	size_t nwarnings;
};

/*
 * Parse one message.  0 with m filled (titles may carry a reject reason,
 * m->id is NULL when the header has no MessageId, and m->warnings says
 * what was read leniently), or -1 when the whole message is refused: *line and errbuf say where and
 * why.
 */
int ddex_parse(const void *buf, size_t len, int max_depth, struct ddex_message *m,
    long *line, char *errbuf, size_t errlen);
void ddex_message_free(struct ddex_message *m);

/* "PT3M25S", "PT1H2M3.5S" to milliseconds; -1 when not a duration. */
int64_t ddex_duration_ms(const char *s);
#endif
