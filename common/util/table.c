#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "err.h"
#include "input.h"
#include "money.h"
#include "utf8.h"
#include "table.h"

#define CHUNK (256 * 1024)

/* libcsv's state between rows (its ROW_NOT_BEGUN). */
#define CSV_BETWEEN_ROWS 0

struct field {
	const char *ptr;	/* into chunk (a line split in place), or NULL: */
	size_t off;		/* into arena (a field libcsv gave) */
	size_t len;
};

struct row {
	size_t first;		/* index of the first field */
	int nfields;
	long line;
	int malformed;		/* TABLE_RESYNC: a row libcsv refused, without fields */
};

struct table {
	char *name;
	struct input *in;
	int flags;
	int eof;
	int failed;
	int io_error;		/* the failure is the input's, not the text's */
	int bad_col;		/* the field of the current row that is not text */
	char errmsg[256];

	struct csv_parser csv;
	/*
	 * CSV is read into chunk, CHUNK bytes at a time after the unfinished
	 * line carried from the last read (at most CHUNK bytes).  A line
	 * without a quote (and without a CR but before its LF) is split in
	 * place; any other goes to libcsv, the parser of record, which then
	 * gets every byte until one of its rows ends at a line end.
	 */
	unsigned char *chunk;
	unsigned char *raw;	/* with TABLE_LATIN1 or TABLE_CP1252: the bytes read, before UTF-8 */
	size_t chunk_len, chunk_pos;
	int in_libcsv;
	long libcsv_start, libcsv_lines;	/* where libcsv's row began, lines fed since */
	int first_chunk;

	/* Fields and rows parsed from the last chunk. */
	char *arena;
	size_t arena_len, arena_cap;
	struct field *fields;
	size_t nfields, fields_cap;
	struct row *rows;
	size_t nrows, rows_cap, next_row;

	/* The row being built by the CSV callbacks. */
	size_t pending_first;
	long pending_line;
	long cur_line;
	int last_was_cr;

	/* TSV: a partial line carried between chunks. */
	char *line;
	size_t line_len, line_cap;

	/* Header. */
	char **cols;
	int ncols;

	/* Current row. */
	struct row *cur;
};

static void
table_fail(struct table *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->errmsg, sizeof t->errmsg, fmt, ap);
	va_end(ap);
	t->failed = 1;
}

static void
arena_reserve(struct table *t, size_t n)
{
	if (t->arena_len + n <= t->arena_cap)
		return;
	while (t->arena_len + n > t->arena_cap)
		t->arena_cap = t->arena_cap ? t->arena_cap * 2 : CHUNK;
	t->arena = err_realloc(t->arena, t->arena_cap);
}

static void
add_field(struct table *t, const char *s, size_t len)
{
	if (t->nfields == t->fields_cap) {
		t->fields_cap = t->fields_cap ? t->fields_cap * 2 : 1024;
		t->fields = err_realloc(t->fields, t->fields_cap * sizeof *t->fields);
	}
	arena_reserve(t, len + 1);
	memcpy(t->arena + t->arena_len, s, len);
	t->arena[t->arena_len + len] = '\0';
	t->fields[t->nfields].ptr = NULL;
	t->fields[t->nfields].off = t->arena_len;
	t->fields[t->nfields].len = len;
	t->nfields++;
	t->arena_len += len + 1;
}

static const char *
field_text(const struct table *t, const struct field *f)
{
	return f->ptr ? f->ptr : t->arena + f->off;
}

/* Hand out r after the rows parsed so far. */
static void
push_row(struct table *t, struct row r)
{
	if (t->nrows == t->rows_cap) {
		t->rows_cap = t->rows_cap ? t->rows_cap * 2 : 256;
		t->rows = err_realloc(t->rows, t->rows_cap * sizeof *t->rows);
	}
	t->rows[t->nrows++] = r;
}

static void
add_row(struct table *t, long line)
{
	/* Nothing after a row out of bounds is handed out. */
	if (t->failed || t->nfields - t->pending_first > TABLE_MAX_FIELDS) {
		if (!t->failed)
			table_fail(t, "a row of more than %d fields", TABLE_MAX_FIELDS);
		t->nfields = t->pending_first;
		return;
	}
	push_row(t, (struct row){ t->pending_first, (int)(t->nfields - t->pending_first), line, 0 });
	t->pending_first = t->nfields;
}

static void
csv_on_field(void *s, size_t len, void *data)
{
	struct table *t = data;
	const char *p = s ? s : "";

	if (t->nfields == t->pending_first)
		t->pending_line = t->cur_line;
	add_field(t, p, len);
	for (const char *q = p; (q = memchr(q, '\n', len - (size_t)(q - p))) != NULL; q++)
		t->cur_line++;
	t->last_was_cr = 0;
}

static void
csv_on_row(int c, void *data)
{
	struct table *t = data;
	int had_fields = t->nfields > t->pending_first;

	/* The LF of a CRLF pair: the line was already ended by the CR. */
	if (c == '\n' && t->last_was_cr && !had_fields) {
		t->last_was_cr = 0;
		return;
	}
	if (had_fields)
		add_row(t, t->pending_line);
	if (c != -1)
		t->cur_line++;
	t->last_was_cr = c == '\r';
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* TSV: undo the \t \n \r \\ escapes in place; returns the new length. */
static size_t
tsv_unescape(char *s, size_t len)
{
	size_t i, j;

	for (i = j = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			switch (s[i + 1]) {
			case 't': s[j++] = '\t'; i++; continue;
			case 'n': s[j++] = '\n'; i++; continue;
			case 'r': s[j++] = '\r'; i++; continue;
			case '\\': s[j++] = '\\'; i++; continue;
			}
		}
		s[j++] = s[i];
	}
	return j;
}

static void
tsv_line(struct table *t, char *s, size_t len)
{
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len > 0) {
		char *start = s, *end = s + len, *tab;

		for (;;) {
			tab = memchr(start, '\t', (size_t)(end - start));
			if (tab == NULL)
				tab = end;
			add_field(t, start, (size_t)(tab - start));
			t->fields[t->nfields - 1].len = tsv_unescape(t->arena + t->fields[t->nfields - 1].off,
			    (size_t)(tab - start));
			t->arena[t->fields[t->nfields - 1].off + t->fields[t->nfields - 1].len] = '\0';
			if (tab == end)
				break;
			start = tab + 1;
		}
		add_row(t, t->cur_line);
	}
	t->cur_line++;
}

static void
tsv_parse(struct table *t, unsigned char *buf, size_t n)
{
	char *p = (char *)buf, *end = p + n, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (t->line_len > 0) {
			size_t add = (size_t)(nl - p);

			if (t->line_len + add > t->line_cap) {
				t->line_cap = (t->line_len + add) * 2;
				t->line = err_realloc(t->line, t->line_cap);
			}
			memcpy(t->line + t->line_len, p, add);
			t->line_len += add;
			tsv_line(t, t->line, t->line_len);
			t->line_len = 0;
		} else {
			tsv_line(t, p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	if (p < end) {
		size_t add = (size_t)(end - p);

		if (t->line_len + add > t->line_cap) {
			t->line_cap = (t->line_len + add) * 2;
			t->line = err_realloc(t->line, t->line_cap);
		}
		memcpy(t->line + t->line_len, p, add);
		t->line_len += add;
	}
}

/*
 * A line of CSV without quotes: its fields are the bytes between commas,
 * made NUL-terminated in place (the separators and the line end are
 * overwritten), exactly the fields libcsv would give.
 */
static void
csv_split_line(struct table *t, char *s, size_t len)
{
	char *end = s + len, *comma;

	if (len == 0)
		return;		/* a blank line, which libcsv skips too */
	for (;;) {
		if (t->nfields == t->fields_cap) {
			t->fields_cap = t->fields_cap ? t->fields_cap * 2 : 1024;
			t->fields = err_realloc(t->fields, t->fields_cap * sizeof *t->fields);
		}
		comma = memchr(s, ',', (size_t)(end - s));
		if (comma == NULL)
			comma = end;
		*comma = '\0';
		t->fields[t->nfields].ptr = s;
		t->fields[t->nfields].off = 0;
		t->fields[t->nfields].len = (size_t)(comma - s);
		t->nfields++;
		if (comma == end)
			break;
		s = comma + 1;
	}
	add_row(t, t->cur_line);
}

/* libcsv as the reader uses it: strict, any newline ends a row, no spaces trimmed. */
static void
csv_start(struct table *t)
{
	if (csv_init(&t->csv, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI) != 0)
		err_nomem();
	csv_set_space_func(&t->csv, never_space);
}

#define MALFORMED "malformed CSV: quote in an unquoted field or text after a closing quote"

/* Give n bytes to libcsv; -1 when they do not parse. */
static int
csv_feed(struct table *t, const unsigned char *p, size_t n)
{
	if (csv_parse(&t->csv, p, n, csv_on_field, csv_on_row, t) == n)
		return 0;
	if (csv_error(&t->csv) == CSV_EPARSE)
		table_fail(t, "%s", MALFORMED);
	else
		table_fail(t, "malformed CSV: %s", csv_strerror(csv_error(&t->csv)));
	return -1;
}

/*
 * TABLE_RESYNC: the row libcsv refused becomes a malformed row, its
 * fields dropped, and reading goes on with a fresh parser at the line
 * after the one that failed (ended: that line's LF was fed).
 */
static void
csv_resync(struct table *t, int ended)
{
	t->failed = 0;
	t->nfields = t->pending_first;
	push_row(t, (struct row){ t->pending_first, 0, t->libcsv_start, 1 });
	csv_free(&t->csv);
	csv_start(t);
	t->cur_line = t->libcsv_start + t->libcsv_lines + ended;
	t->last_was_cr = 0;
	t->in_libcsv = 0;
}

/*
 * Parse the complete lines of chunk (all of it at the end of input); the
 * unfinished last line stays for the next read, unless it is longer than
 * CHUNK, when libcsv takes it.  -1 on malformed CSV.
 */
static int
csv_parse_chunk(struct table *t, int at_end)
{
	char *buf = (char *)t->chunk, *p = buf + t->chunk_pos, *end = buf + t->chunk_len;
	char *quote = p - 1, *cr = p - 1, *nl, *stop;
	int ended;

	*end = '\0';		/* room for the NUL of a last line without LF */
	while (p < end && !t->failed) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (t->in_libcsv) {
			stop = nl ? nl + 1 : end;
			if (csv_feed(t, (unsigned char *)p, (size_t)(stop - p)) != 0) {
				if (!(t->flags & TABLE_RESYNC) || csv_error(&t->csv) != CSV_EPARSE)
					return -1;
				csv_resync(t, nl != NULL);
				p = stop;
				continue;
			}
			t->libcsv_lines += nl != NULL;
			p = stop;
			if (nl && t->csv.pstate == CSV_BETWEEN_ROWS)
				t->in_libcsv = 0;
			continue;
		}
		if (nl == NULL && !at_end && end - p <= CHUNK)
			break;		/* the rest of the line comes with the next read */
		stop = nl ? nl : end;
		if (quote < p && (quote = memchr(p, '"', (size_t)(end - p))) == NULL)
			quote = end;
		if (cr < p && (cr = memchr(p, '\r', (size_t)(end - p))) == NULL)
			cr = end;
		if ((t->flags & TABLE_LIBCSV) || quote < stop || (cr < stop && cr + 1 != stop) ||
		    (nl == NULL && !at_end)) {
			t->in_libcsv = 1;
			t->libcsv_start = t->cur_line;
			t->libcsv_lines = 0;
			continue;
		}
		ended = nl != NULL;
		if (cr + 1 == stop) {
			/* CRLF (or a CR ending the input) ends the line. */
			stop = cr;
			cr = p - 1;
			ended = 1;
		}
		csv_split_line(t, p, (size_t)(stop - p));
		t->cur_line += ended;
		p = nl ? nl + 1 : end;
	}
	t->chunk_pos = (size_t)(p - buf);
	return 0;
}

/*
 * The row being read may not outgrow the bounds of table.h, whatever the
 * input: a field or a line without end is an error, not memory growth.
 */
static int
within_bounds(struct table *t)
{
	size_t row_bytes = t->pending_first < t->nfields && t->fields[t->pending_first].ptr == NULL ?
	    t->arena_len - t->fields[t->pending_first].off : 0;

	if (!(t->flags & TABLE_TSV) && t->csv.entry_pos > TABLE_MAX_FIELD)
		table_fail(t, "a field longer than %d bytes", TABLE_MAX_FIELD);
	else if (t->line_len > TABLE_MAX_ROW || row_bytes > TABLE_MAX_ROW)
		table_fail(t, "a row longer than %d bytes", TABLE_MAX_ROW);
	else if (t->nfields - t->pending_first > TABLE_MAX_FIELDS)
		table_fail(t, "a row of more than %d fields", TABLE_MAX_FIELDS);
	return t->failed ? -1 : 0;
}

/* Parse the next chunk of input into rows; 0 at end of input, -1 error. */
static int
fill(struct table *t)
{
	ssize_t n;
	unsigned char *buf;

	/* Keep the fields of a row that is still incomplete (libcsv's, in arena). */
	if (t->pending_first < t->nfields) {
		size_t base = t->fields[t->pending_first].off;
		size_t nf = t->nfields - t->pending_first;

		memmove(t->arena, t->arena + base, t->arena_len - base);
		t->arena_len -= base;
		memmove(t->fields, t->fields + t->pending_first, nf * sizeof *t->fields);
		for (size_t i = 0; i < nf; i++)
			t->fields[i].off -= base;
		t->nfields = nf;
	} else {
		t->arena_len = 0;
		t->nfields = 0;
	}
	t->pending_first = 0;
	t->nrows = t->next_row = 0;

	while (t->nrows == 0) {
		if (t->eof)
			return 0;
		/* No row points into chunk now: the unfinished line moves to the front. */
		memmove(t->chunk, t->chunk + t->chunk_pos, t->chunk_len - t->chunk_pos);
		t->chunk_len -= t->chunk_pos;
		t->chunk_pos = 0;
		buf = t->chunk + t->chunk_len;
		/* A single-byte encoding takes at most 3 bytes a character in UTF-8. */
		if (t->raw == NULL)
			n = input_read(t->in, buf, CHUNK);
		else if ((n = input_read(t->in, t->raw, CHUNK / 3)) > 0)
			n = (ssize_t)utf8_from_single_byte(t->flags & TABLE_CP1252 ? UTF8_CP1252 :
			    UTF8_LATIN1, t->raw, (size_t)n, (char *)buf);
		if (n < 0) {
			table_fail(t, "%s", input_error(t->in));
			t->io_error = 1;
			return -1;
		}
		if (t->first_chunk && n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
			memmove(buf, buf + 3, (size_t)n - 3);
			n -= 3;
		}
		t->first_chunk = 0;
		if (n == 0) {
			t->eof = 1;
			if (t->flags & TABLE_TSV) {
				if (t->line_len > 0)
					tsv_line(t, t->line, t->line_len);
				t->line_len = 0;
				continue;
			}
			if (csv_parse_chunk(t, 1) != 0)
				return t->nrows > 0 ? 1 : -1;
			if (csv_fini(&t->csv, csv_on_field, csv_on_row, t) != 0) {
				table_fail(t, "unterminated quoted field");
				return -1;
			}
			continue;
		}
		if (t->flags & TABLE_TSV) {
			tsv_parse(t, buf, (size_t)n);
			if (within_bounds(t) != 0)
				return t->nrows > 0 ? 1 : -1;
			continue;
		}
		t->chunk_len += (size_t)n;
		/* The rows before an error are still handed out. */
		if (csv_parse_chunk(t, 0) != 0 || within_bounds(t) != 0)
			return t->nrows > 0 ? 1 : -1;
	}
	return 1;
}

/*
 * Text is UTF-8 without NUL bytes (DESIGN.md section 3).  A row with a
 * field that is not: its column in *col and the reason in the error.
 */
static int
row_is_text(struct table *t, const struct row *r)
{
	for (int i = 0; i < r->nfields; i++) {
		const struct field *f = &t->fields[r->first + (size_t)i];
		const char *s = field_text(t, f);
		size_t ok = utf8_valid_prefix(s, f->len);

		if (ok < f->len) {
			t->bad_col = i;
			snprintf(t->errmsg, sizeof t->errmsg, "%s: %s (byte %zu: \\x%02x)",
			    i < t->ncols ? t->cols[i] : "(extra field)",
			    s[ok] == '\0' ? "a NUL byte" : "not valid UTF-8", ok + 1, (unsigned char)s[ok]);
			return 0;
		}
	}
	return 1;
}

int
table_next(struct table *t)
{
	if (t->next_row == t->nrows) {
		int r = t->failed ? -1 : fill(t);

		if (r <= 0) {
			t->cur = NULL;
			return r;
		}
	}
	t->cur = &t->rows[t->next_row++];
	t->bad_col = -1;
	if (t->cur->malformed) {
		snprintf(t->errmsg, sizeof t->errmsg, "%s", MALFORMED);
		return TABLE_BAD;
	}
	if (t->ncols > 0 && t->cur->nfields > t->ncols) {
		snprintf(t->errmsg, sizeof t->errmsg, "%d fields where the header has %d",
		    t->cur->nfields, t->ncols);
		if (t->flags & TABLE_BAD_ROWS)
			return TABLE_BAD;
		t->failed = 1;
		return -1;
	}
	if (!row_is_text(t, t->cur)) {
		if (t->flags & TABLE_BAD_ROWS)
			return TABLE_BAD;
		t->failed = 1;
		return -1;
	}
	return 1;
}

int
table_columns(const struct table *t, const char *const *names, int n, int *idx, char *errbuf,
    size_t errlen)
{
	for (int i = 0; i < n; i++)
		if ((idx[i] = table_col(t, names[i])) < 0) {
			snprintf(errbuf, errlen, "%s:1: %s: no such column", t->name, names[i]);
			return -1;
		}
	return 0;
}

int
table_bad_column(const struct table *t)
{
	return t->bad_col;
}

/* Start reading in; names are the columns of a table without a header row, or NULL. */
static struct table *
table_start(struct input *in, int flags, const char *const *names, int n, char *errbuf,
    size_t errlen)
{
	struct table *t = err_calloc(1, sizeof *t);

	t->in = in;
	t->name = err_strdup(input_name(in));
	t->flags = flags;
	t->first_chunk = 1;
	t->cur_line = 1;
	/* A carried line, a read and the NUL after a last line. */
	t->chunk = err_malloc(2 * CHUNK + 1);
	if (flags & (TABLE_LATIN1 | TABLE_CP1252))
		t->raw = err_malloc(CHUNK / 3);
	csv_start(t);
	if (names != NULL) {
		t->ncols = n;
		t->cols = err_calloc((size_t)n, sizeof *t->cols);
		for (int i = 0; i < n; i++)
			t->cols[i] = err_strdup(names[i]);
		return t;
	}

	switch (table_next(t)) {
	case 1:
		break;
	case 0:
		snprintf(errbuf, errlen, "%s: no header row", t->name);
		table_close(t);
		return NULL;
	default:
		snprintf(errbuf, errlen, "%s:%ld: %s", t->name, t->cur_line, t->errmsg);
		table_close(t);
		return NULL;
	}
	t->ncols = table_nfields(t);
	t->cols = err_calloc((size_t)t->ncols, sizeof *t->cols);
	for (int i = 0; i < t->ncols; i++)
		t->cols[i] = err_strdup(table_field(t, i));
	return t;
}

struct table *
table_fdopen(int fd, const char *name, int flags, char *errbuf, size_t errlen)
{
	struct input *in = input_fdopen(fd, name, errbuf, errlen);

	return in ? table_start(in, flags, NULL, 0, errbuf, errlen) : NULL;
}

struct table *
table_open(const char *path, int flags, char *errbuf, size_t errlen)
{
	struct input *in = input_open(path, errbuf, errlen);

	return in ? table_start(in, flags, NULL, 0, errbuf, errlen) : NULL;
}

struct table *
table_open_headless(const char *path, int flags, const char *const *names, int n, char *errbuf,
    size_t errlen)
{
	struct input *in = input_open(path, errbuf, errlen);

	return in ? table_start(in, flags, names, n, errbuf, errlen) : NULL;
}

int
table_io_error(const struct table *t)
{
	return t->io_error;
}

void
table_sha256(struct table *t, char hex[HASH_HEX_LEN])
{
	input_sha256(t->in, hex);
}

void
table_close(struct table *t)
{
	if (t == NULL)
		return;
	input_close(t->in);
	csv_free(&t->csv);
	for (int i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->name);
	free(t->chunk);
	free(t->raw);
	free(t->arena);
	free(t->fields);
	free(t->rows);
	free(t->line);
	free(t);
}

const char *
table_name(const struct table *t)
{
	return t->name;
}

int
table_ncols(const struct table *t)
{
	return t->ncols;
}

const char *
table_colname(const struct table *t, int i)
{
	return i >= 0 && i < t->ncols ? t->cols[i] : "";
}

int
table_col(const struct table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return i;
	return -1;
}

int
table_nfields(const struct table *t)
{
	return t->cur ? t->cur->nfields : 0;
}

const char *
table_field(const struct table *t, int i)
{
	if (t->cur == NULL || i < 0 || i >= t->cur->nfields)
		return "";
	return field_text(t, &t->fields[t->cur->first + (size_t)i]);
}

size_t
table_fieldlen(const struct table *t, int i)
{
	if (t->cur == NULL || i < 0 || i >= t->cur->nfields)
		return 0;
	return t->fields[t->cur->first + (size_t)i].len;
}

long
table_line(const struct table *t)
{
	return t->cur ? t->cur->line : t->cur_line;
}

const char *
table_error(const struct table *t)
{
	return t->errmsg;
}

/* Writing. */

void
table_writer_init(struct table_writer *w, FILE *fp, int flags)
{
	w->fp = fp;
	w->flags = flags;
	w->nfield = 0;
}

/* A cell a spreadsheet would evaluate: starts with = + - @ (or a tab or
 * carriage return), unless it is a plain number such as -3.10. */
static int
is_formula(const char *s, size_t n)
{
	int64_t v;

	if (n == 0 || strchr("=+-@\t\r", s[0]) == NULL)
		return 0;
	if (s[0] == '-' && n < 40) {
		char buf[40];

		memcpy(buf, s, n);
		buf[n] = '\0';
		if (money_parse_scaled(buf, 6, &v) == 0)
			return 0;
	}
	return 1;
}

void
table_putn(struct table_writer *w, const char *s, size_t n)
{
	FILE *fp = w->fp;

	if (w->nfield++ > 0)
		putc(w->flags & TABLE_TSV ? '\t' : ',', fp);
	if (w->flags & TABLE_TSV) {
		if ((w->flags & TABLE_EXCEL) && is_formula(s, n))
			putc('\'', fp);
		for (size_t i = 0; i < n; i++) {
			switch (s[i]) {
			case '\t': fputs("\\t", fp); break;
			case '\n': fputs("\\n", fp); break;
			case '\r': fputs("\\r", fp); break;
			case '\\': fputs("\\\\", fp); break;
			default: putc(s[i], fp);
			}
		}
		return;
	}
	int excel = (w->flags & TABLE_EXCEL) && is_formula(s, n);
	int quote = excel;

	for (size_t i = 0; i < n && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = 1;
	if (!quote) {
		fwrite(s, 1, n, fp);
		return;
	}
	putc('"', fp);
	if (excel)
		putc('\'', fp);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			putc('"', fp);
		putc(s[i], fp);
	}
	putc('"', fp);
}

void
table_put(struct table_writer *w, const char *s)
{
	table_putn(w, s ? s : "", s ? strlen(s) : 0);
}

void
table_put_int(struct table_writer *w, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	table_put(w, buf);
}

void
table_put_money(struct table_writer *w, int64_t cents)
{
	char buf[MONEY_BUFSZ];

	table_put(w, money_format(cents, buf));
}

void
table_end_row(struct table_writer *w)
{
	putc('\n', w->fp);
	w->nfield = 0;
}

void
table_put_row(struct table_writer *w, int n, const char *const *fields)
{
	for (int i = 0; i < n; i++)
		table_put(w, fields[i]);
	table_end_row(w);
}

void
table_put_header(struct table_writer *w, const char *commalist)
{
	const char *p = commalist, *comma;

	for (;;) {
		comma = strchr(p, ',');
		if (comma == NULL) {
			table_put(w, p);
			break;
		}
		table_putn(w, p, (size_t)(comma - p));
		p = comma + 1;
	}
	table_end_row(w);
}
