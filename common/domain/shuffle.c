#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shuffle.h"

const char *const shuffle_log_columns[SHUFFLE_LOG_NCOLUMNS] = {
	"ts", "user", "structure", "track", "ms_played", "source",
};

const char *const shuffle_columns[SHUFFLE_NCOLUMNS] = {
	"key_user", "key_file", "key_start", "key_line",
	"ts", "user", "structure", "track", "ms_played", "source",
};

int
shuffle_place(struct shuffle_place *p, const char *name, char *err, size_t errlen)
{
	const char *file = NULL, *start = NULL;
	char *end;

	p->file = name;
	p->start = 0;
	if (name != NULL && strcmp(name, "-") != 0)
		return 0;
	if ((file = getenv("mapreduce_map_input_file")) == NULL)
		file = getenv("map_input_file");
	if ((start = getenv("mapreduce_map_input_start")) == NULL)
		start = getenv("map_input_start");
	if (file != NULL)
		p->file = file;
	if (start != NULL) {
		errno = 0;
		p->start = strtoll(start, &end, 10);
		if (errno || end == start || *end || p->start < 0) {
			snprintf(err, errlen, "mapreduce_map_input_start: not a count: \"%.64s\"", start);
			return -1;
		}
	}
	return 0;
}

int
shuffle_is_header(const struct table *t)
{
	if (strcmp(table_field(t, 0), "ts") != 0)
		return 0;
	if (table_nfields(t) != SHUFFLE_LOG_NCOLUMNS)
		return -1;
	for (int i = 1; i < SHUFFLE_LOG_NCOLUMNS; i++)
		if (strcmp(table_field(t, i), shuffle_log_columns[i]) != 0)
			return -1;
	return 1;
}

void
shuffle_put(struct table_writer *w, const struct shuffle_place *p, const struct table *t)
{
	char num[32];
	int user = 1;	/* shuffle_log_columns */

	table_putn(w, table_field(t, user), table_fieldlen(t, user));
	table_put(w, p->file);
	snprintf(num, sizeof num, "%019" PRId64, p->start);
	table_put(w, num);
	snprintf(num, sizeof num, "%012ld", table_line(t));
	table_put(w, num);
	for (int i = 0; i < SHUFFLE_LOG_NCOLUMNS; i++)
		table_putn(w, table_field(t, i), table_fieldlen(t, i));
	table_end_row(w);
}
