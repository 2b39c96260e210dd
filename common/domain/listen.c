#include <stdio.h>
#include <string.h>

#include "date.h"
#include "listen.h"
#include "num.h"

int
listen_columns(const struct table *t, struct listen_columns *c, const char **missing)
{
	static const char *required[] = { "ts", "user", "structure", "track", "ms_played" };
	int *slot[] = { &c->ts, &c->user, &c->structure, &c->track, &c->ms_played };

	for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
		*slot[i] = table_col(t, required[i]);
		if (*slot[i] < 0) {
			*missing = required[i];
			return -1;
		}
	}
	c->source = table_col(t, "source");
	return 0;
}

int
listen_parse(const struct table *t, const struct listen_columns *c, struct listen *l,
    const char **field, char *why, size_t whylen)
{
	const char *s;
	int rc;

	if (table_nfields(t) != table_ncols(t)) {
		*field = NULL;
		snprintf(why, whylen, "%d fields where the header has %d", table_nfields(t), table_ncols(t));
		return -1;
	}
	s = table_field(t, c->ts);
	if (date_parse_ts_ms(s, &l->ts_ms) != 0) {
		*field = "ts";
		snprintf(why, whylen, "not an ISO 8601 timestamp with a zone: \"%.64s\"", s);
		return -1;
	}
#define ID(name, col) do { \
		l->name = table_field(t, col); \
		l->name##_len = table_fieldlen(t, col); \
		if (l->name##_len == 0) { \
			*field = #name; \
			snprintf(why, whylen, "empty"); \
			return -1; \
		} \
	} while (0)
	ID(user, c->user);
	ID(structure, c->structure);
	ID(track, c->track);
#undef ID
	l->source = table_field(t, c->source);
	l->source_len = table_fieldlen(t, c->source);
	s = table_field(t, c->ms_played);
	if ((rc = num_parse_count(s, table_fieldlen(t, c->ms_played), &l->ms_played)) != NUM_OK) {
		*field = "ms_played";
		snprintf(why, whylen, "%s: \"%.64s\"", num_strerror(rc), s);
		return -1;
	}
	return 0;
}
