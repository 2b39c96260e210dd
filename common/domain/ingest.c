#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ddex.h"
#include "err.h"
#include "hash.h"
#include "ingest.h"

/* A delivery, owned. */
struct row {
	char *f[CATALOG_NCOLUMNS];
	char *created, *where, *file, *algo, *hash;
	int purge;
	long line;
};

struct upc_purge {
	char *upc, *created, *source, *sha256;
};

struct file_hash {
	char *name;
	char hex[HASH_NALGOS][HASH_HEX_LEN];
};

struct ingest {
	struct ingest_hooks hooks;
	const struct sheet_map *map;
	int max_depth;
	int sheet_flags;
	struct row *rows;
	size_t nrows, caprows;
	size_t drop_first;	/* first row of the current drop */
	struct upc_purge *purges;
	size_t npurges;
	struct file_hash *files;	/* of the current drop */
	size_t nfiles;
	char *drop, *distributor;
	struct ingest_counts n;
};

static char *
sdup(const char *s)
{
	return err_strdup(s ? s : "");
}

static void
row_free(struct row *r)
{
	for (int i = 0; i < CATALOG_NCOLUMNS; i++)
		free(r->f[i]);
	free(r->created), free(r->where), free(r->file), free(r->algo), free(r->hash);
}

static void
reject(struct ingest *in, const char *where, long line, const char *why)
{
	in->n.rejected++;
	in->hooks.reject(in->hooks.ctx, where, line, why);
}

/* The current row of sheet t refused: with its own columns when the hooks keep them. */
static void
reject_row(struct ingest *in, const struct table *t, const char *where, const char *why)
{
	if (in->hooks.reject_row == NULL) {
		reject(in, where, table_line(t), why);
		return;
	}
	in->n.rejected++;
	in->hooks.reject_row(in->hooks.ctx, t, where, table_line(t), why);
}

struct ingest *
ingest_new(const struct ingest_hooks *hooks, const struct sheet_map *map, int max_depth)
{
	struct ingest *in = err_calloc(1, sizeof *in);

	in->hooks = *hooks;
	in->map = map;
	in->max_depth = max_depth;
	in->drop = sdup("");
	in->distributor = sdup("");
	return in;
}

void
ingest_set_sheet_flags(struct ingest *in, int flags)
{
	in->sheet_flags = flags;
}

static void
forget_files(struct ingest *in)
{
	for (size_t k = 0; k < in->nfiles; k++)
		free(in->files[k].name);
	free(in->files);
	in->files = NULL;
	in->nfiles = 0;
}

void
ingest_free(struct ingest *in)
{
	if (in == NULL)
		return;
	for (size_t k = 0; k < in->nrows; k++)
		row_free(&in->rows[k]);
	free(in->rows);
	for (size_t k = 0; k < in->npurges; k++) {
		free(in->purges[k].upc), free(in->purges[k].created);
		free(in->purges[k].source), free(in->purges[k].sha256);
	}
	free(in->purges);
	forget_files(in);
	free(in->drop);
	free(in->distributor);
	free(in);
}

void
ingest_drop_begin(struct ingest *in, const char *drop, const char *distributor)
{
	free(in->drop);
	free(in->distributor);
	in->drop = sdup(drop);
	in->distributor = sdup(distributor);
	in->drop_first = in->nrows;
	forget_files(in);
}

static struct row *
new_row(struct ingest *in)
{
	if (in->nrows == in->caprows) {
		in->caprows = in->caprows ? in->caprows * 2 : 256;
		in->rows = err_realloc(in->rows, in->caprows * sizeof *in->rows);
	}
	memset(&in->rows[in->nrows], 0, sizeof in->rows[0]);
	return &in->rows[in->nrows++];
}

void
ingest_add(struct ingest *in, const struct ingest_delivery *d)
{
	struct row *c = new_row(in);

	for (int i = 0; i < CATALOG_NCOLUMNS; i++)
		c->f[i] = sdup(d->f[i]);
	c->created = sdup(d->created);
	c->purge = d->purge;
	c->where = sdup(d->where);
	c->line = d->line;
	if (d->file && d->hash) {
		c->file = sdup(d->file);
		c->algo = sdup(d->algo);
		c->hash = sdup(d->hash);
	}
}

void
ingest_add_upc_purge(struct ingest *in, const char *upc, const char *created, const char *source,
    const char *sha256)
{
	in->purges = err_realloc(in->purges, (in->npurges + 1) * sizeof *in->purges);
	in->purges[in->npurges++] = (struct upc_purge){ sdup(upc), sdup(created), sdup(source),
	    sdup(sha256) };
}

void
ingest_add_file(struct ingest *in, const char *name, const void *data, size_t len)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	struct file_hash *h;

	in->files = err_realloc(in->files, (in->nfiles + 1) * sizeof *in->files);
	h = &in->files[in->nfiles++];
	h->name = err_strdup(base);
	for (int a = 0; a < HASH_NALGOS; a++)
		hash_hex((enum hash_algo)a, data, len, h->hex[a]);
}

static char *
entry_name(const struct ingest *in, const char *name)
{
	char *s = err_malloc(strlen(in->drop) + strlen(name) + 2);

	sprintf(s, "%s:%s", in->drop, name);
	return s;
}

/* A title of a message as a delivery in d (dur its buffer); -1 with why when not a valid row. */
static int
title_row(const struct ingest *in, const struct ddex_title *t, struct ingest_delivery *d,
    char dur[32], char *why, size_t n)
{
	char what[256];
	int bad;

	*dur = '\0';
	if (t->duration_ms >= 0)
		snprintf(dur, 32, "%lld", (long long)t->duration_ms);
	d->f[CATALOG_TRACK] = t->isrc;
	d->f[CATALOG_ISRC] = t->isrc;
	d->f[CATALOG_UPC] = t->upc;
	d->f[CATALOG_TITLE] = t->title;
	d->f[CATALOG_ARTISTS] = t->artists;
	d->f[CATALOG_RELEASE_TITLE] = t->release_title;
	d->f[CATALOG_LABEL] = t->label;
	d->f[CATALOG_HOLDER] = t->holder;
	d->f[CATALOG_DISTRIBUTOR] = in->distributor;
	d->f[CATALOG_RELEASE_DATE] = t->release_date;
	d->f[CATALOG_DURATION_MS] = dur;
	d->f[CATALOG_MEDIA] = t->media;
	d->f[CATALOG_GENRE] = t->genre;
	d->f[CATALOG_TERRITORIES] = t->territories;
	d->f[CATALOG_AVAILABLE_FROM] = t->available_from;
	d->f[CATALOG_AVAILABLE_UNTIL] = t->available_until;
	d->f[CATALOG_STATUS] = catalog_status_name(t->takedown ? CATALOG_TAKEDOWN : CATALOG_ACTIVE);
	for (int i = 0; i < CATALOG_NCOLUMNS; i++)
		if (d->f[i] == NULL)
			d->f[i] = "";
	d->line = t->line;
	d->file = t->file;
	d->algo = t->hash_algo;
	d->hash = t->hash;
	if ((bad = catalog_check_row(d->f, what, sizeof what)) < 0)
		return 0;
	snprintf(why, n, "%s: %s: %s", t->isrc ? t->isrc : t->title ? t->title : "?",
	    catalog_column_names[bad], what);
	return -1;
}

static void
take_titles(struct ingest *in, const struct ddex_message *m, const char *where, const char *source,
    const char *sha)
{
	for (size_t i = 0; i < m->ntitles; i++) {
		const struct ddex_title *t = &m->titles[i];
		struct ingest_delivery d = { .created = m->created, .purge = m->purge, .where = where };
		char why[512], dur[32];

		if (t->reject != NULL) {
			snprintf(why, sizeof why, "%s: %s", t->isrc ? t->isrc : t->title ? t->title : "?",
			    t->reject);
			reject(in, where, t->line, why);
			continue;
		}
		d.f[CATALOG_SOURCE] = source;
		d.f[CATALOG_SHA256] = sha;
		if (title_row(in, t, &d, dur, why, sizeof why) != 0)
			reject(in, where, t->line, why);
		else
			ingest_add(in, &d);
	}
}

static void
take_message(struct ingest *in, const char *name, const unsigned char *data, size_t len)
{
	struct ddex_message m;
	char err[256], sha[HASH_HEX_LEN];
	char *where = entry_name(in, name), *source;
	long line;

	hash_sha256_hex(data, len, sha);
	if (ddex_parse(data, len, in->max_depth, &m, &line, err, sizeof err) != 0) {
		in->n.read++;
		reject(in, where, line, err);
		free(where);
		return;
	}
	in->n.read += (long)m.ntitles;
	for (size_t i = 0; in->hooks.warn && i < m.nwarnings; i++)
		in->hooks.warn(in->hooks.ctx, where, m.warnings[i].line, m.warnings[i].what);
	/* Without a MessageId, the message is known by its file. */
	source = m.id ? entry_name(in, m.id) : sdup(where);
	for (size_t i = 0; i < m.npurged_upc; i++)
		ingest_add_upc_purge(in, m.purged_upc[i], m.created, source, sha);
	take_titles(in, &m, where, source, sha);
	free(source);
	free(where);
	ddex_message_free(&m);
}

/*
 * The rows of a sheet in t (sha NULL: the digest of t as read, known at
 * its end).  0, or -1 with *line and why when the sheet lacks a column
 * the map names or cannot be read to its end; its rows are then dropped.
 */
static int
take_sheet_rows(struct ingest *in, struct table *t, const char *where, const char *sha, long *line,
    char *why, size_t n)
{
	size_t first = in->nrows, skip;
	char hex[HASH_HEX_LEN];
	int *ours, st;

	*line = 1;
	if (sheet_check_columns(in->map, t, why, n) != 0) {
		/* "FILE:1: NAME: no such column" without its place. */
		skip = strlen(table_name(t)) + 4;
		if (strlen(why) > skip)
			memmove(why, why + skip, strlen(why + skip) + 1);
		return -1;
	}
	ours = sheet_columns(in->map, t);
	while ((st = table_next(t)) > 0) {
		char *f[CATALOG_NCOLUMNS], bad[512];
		struct row *r;

		in->n.read++;
		if (st == TABLE_BAD) {
			/* Not text, or a field too many: rejected, the others go on. */
			reject_row(in, t, where, table_error(t));
			continue;
		}
		if (sheet_row(t, ours, in->distributor, where, sha ? sha : "", f, bad, sizeof bad) != 0) {
			reject_row(in, t, where, bad);
			continue;
		}
		r = new_row(in);
		memcpy(r->f, f, sizeof r->f);
		r->created = sdup("");
		r->where = sdup(where);
		r->line = table_line(t);
	}
	free(ours);
	if (st < 0) {
		*line = table_line(t);
		snprintf(why, n, "%s", table_error(t));
		for (size_t k = first; k < in->nrows; k++)
			row_free(&in->rows[k]);
		in->nrows = first;
		return -1;
	}
	if (sha == NULL) {
		table_sha256(t, hex);
		for (size_t k = first; k < in->nrows; k++) {
			free(in->rows[k].f[CATALOG_SHA256]);
			in->rows[k].f[CATALOG_SHA256] = err_strdup(hex);
		}
	}
	return 0;
}

int
ingest_sheet_table(struct ingest *in, struct table *t, const char *where, char *errbuf,
    size_t errlen)
{
	char why[512];
	long line;

	if (take_sheet_rows(in, t, where, NULL, &line, why, sizeof why) == 0)
		return 0;
	snprintf(errbuf, errlen, "%s:%ld: %s", where, line, why);
	return -1;
}

void
ingest_sheet(struct ingest *in, const char *name, const unsigned char *data, size_t len)
{
	char *where = entry_name(in, name), err[512], sha[HASH_HEX_LEN];
	FILE *tmp = tmpfile();
	struct table *t = NULL;
	long line;

	hash_sha256_hex(data, len, sha);
	/* The table reader wants a file descriptor: the sheet goes through a temporary file. */
	if (tmp == NULL || fwrite(data, 1, len, tmp) != len || fflush(tmp) != 0 ||
	    lseek(fileno(tmp), 0, SEEK_SET) != 0 ||
	    (t = table_fdopen(dup(fileno(tmp)), where, in->sheet_flags | INGEST_SHEET_TABLE_FLAGS, err,
	    sizeof err)) == NULL) {
		in->n.read++;
		reject(in, where, 1, t == NULL && tmp ? err : "cannot buffer the sheet");
	} else if (take_sheet_rows(in, t, where, sha, &line, err, sizeof err) != 0) {
		in->n.read++;
		reject(in, where, line, err);
	}
	table_close(t);
	if (tmp)
		fclose(tmp);
	free(where);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int
ingest_entry(void *arg, const char *name, const unsigned char *data, size_t len)
{
	struct ingest *in = arg;

	if (has_suffix(name, ".xml"))
		take_message(in, name, data, len);
	else if (has_suffix(name, ".csv") && in->map != NULL)
		ingest_sheet(in, name, data, len);
	else
		ingest_add_file(in, name, data, len);
	return 0;
}

void
ingest_drop_abandon(struct ingest *in)
{
	for (size_t k = in->drop_first; k < in->nrows; k++)
		row_free(&in->rows[k]);
	in->nrows = in->drop_first;
}

/* Does r's resource match the drop's files? NULL, or why not in why. */
static const char *
check_resource(const struct ingest *in, const struct row *r, char *why, size_t n)
{
	enum hash_algo algo;
	const char *bad = NULL;

	for (size_t k = 0; r->file && k < in->nfiles; k++) {
		if (strcmp(in->files[k].name, r->file) != 0)
			continue;
		if (hash_algo_parse(r->algo, &algo) != 0) {
			snprintf(why, n, "%s: unknown hash algorithm %s", r->f[CATALOG_TRACK], r->algo);
			bad = why;
		} else if (strcasecmp(in->files[k].hex[algo], r->hash) != 0) {
			snprintf(why, n, "%s: resource %s: hash mismatch", r->f[CATALOG_TRACK], r->file);
			bad = why;
		}
	}
	return bad;
}

void
ingest_drop_end(struct ingest *in)
{
	size_t keep = in->drop_first;
	char why[512];

	for (size_t i = in->drop_first; i < in->nrows; i++) {
		struct row *r = &in->rows[i];

		if (check_resource(in, r, why, sizeof why) != NULL) {
			reject(in, r->where, r->line, why);
			row_free(r);
			continue;
		}
		in->rows[keep++] = *r;
	}
	in->nrows = keep;
	forget_files(in);
	in->drop_first = in->nrows;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if ((c = strcmp(x->f[CATALOG_TRACK], y->f[CATALOG_TRACK])) != 0)
		return c;
	if ((c = strcmp(x->created, y->created)) != 0)
		return c;
	if (x->purge != y->purge)
		return x->purge - y->purge;
	if ((c = strcmp(x->f[CATALOG_SOURCE], y->f[CATALOG_SOURCE])) != 0)
		return c;
	/* qsort is not stable: within one file, the later line comes last and wins. */
	if ((c = strcmp(x->where, y->where)) != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

static void
set(struct row *r, int col, const char *s)
{
	free(r->f[col]);
	r->f[col] = err_strdup(s);
}

static void
take_down(struct row *r, const char *source, const char *sha256)
{
	set(r, CATALOG_STATUS, catalog_status_name(CATALOG_TAKEDOWN));
	set(r, CATALOG_SOURCE, source);
	set(r, CATALOG_SHA256, sha256);
}

/* The winner among the deliveries rows[i..j) of one track, sorted oldest first. */
static struct row *
resolve(struct ingest *in, size_t i, size_t j)
{
	struct row *win = &in->rows[j - 1], *body = NULL;

	for (size_t k = i; k < j; k++)
		if (!in->rows[k].purge)
			body = &in->rows[k];
	in->n.duplicates += (long)(j - i - 1);
	for (size_t k = i; k + 1 < j; k++) {
		struct row *r = &in->rows[k];

		if (strcmp(r->where, win->where) == 0 && r->purge == win->purge) {
			if (in->hooks.twice)
				in->hooks.twice(in->hooks.ctx, win->f[CATALOG_TRACK], win->where, r->line,
				    win->line);
		} else if (in->hooks.replaced) {
			in->hooks.replaced(in->hooks.ctx, win->f[CATALOG_TRACK], r->where, r->line,
			    r->created, win->where, win->line, win->created);
		}
	}
	/* A purge carries no metadata: the newest delivery before it is taken down. */
	if (win->purge && body != NULL) {
		take_down(body, win->f[CATALOG_SOURCE], win->f[CATALOG_SHA256]);
		win = body;
	}
	for (size_t k = 0; k < in->npurges; k++) {
		struct upc_purge *p = &in->purges[k];

		if (*win->f[CATALOG_UPC] && strcmp(p->upc, win->f[CATALOG_UPC]) == 0 &&
		    strcmp(win->created, p->created) < 0)
			take_down(win, p->source, p->sha256);
	}
	return win;
}

void
ingest_write(struct ingest *in, struct table_writer *w)
{
	if (in->nrows > 0)
		qsort(in->rows, in->nrows, sizeof *in->rows, row_cmp);
	table_put_header(w, CATALOG_COLUMNS);
	for (size_t i = 0, j; i < in->nrows; i = j) {
		for (j = i; j < in->nrows && strcmp(in->rows[j].f[CATALOG_TRACK],
		    in->rows[i].f[CATALOG_TRACK]) == 0; j++)
			;
		table_put_row(w, CATALOG_NCOLUMNS, (const char *const *)resolve(in, i, j)->f);
	}
}

void
ingest_get_counts(const struct ingest *in, struct ingest_counts *n)
{
	*n = in->n;
}
