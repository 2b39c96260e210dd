#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "out.h"
#include "rejects.h"

struct rejects {
	struct out out;
	struct table_writer w;
	int writing;
	int header_done;
	long count;
};

/*
 * The rejects files open, so that a tool ending on an error (whose
 * temporary file out.c removes) leaves nothing the leak checker calls
 * lost.
 */
#define MAX_OPEN 16
static struct rejects *open_rejects[MAX_OPEN];

static void
remember(struct rejects *r, struct rejects *with)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (open_rejects[i] == r) {
			open_rejects[i] = with;
			return;
		}
}

struct rejects *
rejects_open(const char *path, int flags, char *errbuf, size_t errlen)
{
	struct rejects *r = err_calloc(1, sizeof *r);

	remember(NULL, r);

	if (path != NULL) {
		if (out_open(&r->out, path, errbuf, errlen) != 0) {
			remember(r, NULL);
			free(r);
			return NULL;
		}
		r->writing = 1;
		table_writer_init(&r->w, r->out.fp, flags);
	}
	return r;
}

static void
header(struct rejects *r, const struct table *t)
{
	if (r->header_done)
		return;
	r->header_done = 1;
	table_put(&r->w, "_file");
	table_put(&r->w, "_line");
	table_put(&r->w, "_reason");
	for (int i = 0; t && i < table_ncols(t); i++)
		table_put(&r->w, table_colname(t, i));
	table_end_row(&r->w);
}

void
rejects_add(struct rejects *r, const struct table *t, const char *reason)
{
	r->count++;
	if (!r->writing)
		return;
	header(r, t);
	table_put(&r->w, table_name(t));
	table_put_int(&r->w, table_line(t));
	table_put(&r->w, reason);
	for (int i = 0; i < table_nfields(t); i++)
		table_putn(&r->w, table_field(t, i), table_fieldlen(t, i));
	table_end_row(&r->w);
}

void
rejects_add_note(struct rejects *r, const char *file, long line, const char *reason)
{
	r->count++;
	if (!r->writing)
		return;
	header(r, NULL);
	table_put(&r->w, file);
	if (line > 0)
		table_put_int(&r->w, line);
	else
		table_put(&r->w, "");
	table_put(&r->w, reason);
	table_end_row(&r->w);
}

long
rejects_count(const struct rejects *r)
{
	return r->count;
}

int
rejects_close(struct rejects *r, char *errbuf, size_t errlen)
{
	int rc = 0;

	if (r->writing) {
		header(r, NULL);
		rc = out_commit(&r->out, errbuf, errlen);
	}
	remember(r, NULL);
	free(r);
	return rc;
}
