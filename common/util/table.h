/*
 * table.h - streaming CSV (RFC 4180, parsed by libcsv) and TSV tables.
 *
 * A table has a header row; columns are found by name.  CSV lines
 * without a quote are split on commas directly, the others by libcsv,
 * the parser of record; both give the same fields and line numbers.  Input is read
 * through input.h, once, and may be gzip-compressed, may start with a UTF-8 byte-order mark and may use CRLF
 * or LF.  Rows are read one at a time with constant memory per row, and
 * each row knows the physical line it started on (a quoted field may span
 * lines), so that diagnostics point where an editor can jump.
 *
 * TSV has no quoting: fields are separated by tabs and "\t", "\n", "\\"
 * (and "\r") are escapes.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stdint.h>
#include <stdio.h>

#include "hash.h"

enum {
	TABLE_TSV = 1,		/* read or write TSV instead of CSV */
	TABLE_EXCEL = 2,	/* writer: neutralise cells starting = + - @ */
	TABLE_BAD_ROWS = 4,	/* reader: hand out rows that are not text as TABLE_BAD */
	TABLE_LATIN1 = 8,	/* reader: the input is ISO 8859-1, read as UTF-8 */
	TABLE_CP1252 = 16,	/* reader: the input is Windows-1252, read as UTF-8 */
	TABLE_LIBCSV = 32,	/* reader: every CSV line through libcsv (tests compare) */
	TABLE_RESYNC = 64,	/* reader, with TABLE_BAD_ROWS: a row with a stray quote is
				 * TABLE_BAD, and reading goes on at the next line */
};

/* What table_next() returns besides 1 (a row), 0 (the end) and -1 (an error). */
#define TABLE_BAD 2

/*
 * Bounds on what one row may hold, so that no input can make a reader
 * grow without end: beyond them reading stops with an error.
 */
#define TABLE_MAX_FIELD (1 << 20)	/* bytes of one field */
#define TABLE_MAX_ROW (4 << 20)		/* bytes of one row or line */
#define TABLE_MAX_FIELDS 10000		/* fields of one row */

struct table;

/*
 * Open path ("-" or NULL is standard input, named "<stdin>") and read its
 * header.  Returns NULL with *errmsg set (a static or table-owned string
 * is copied into errbuf) on failure.
 */
struct table *table_open(const char *path, int flags, char *errbuf, size_t errlen);
/*
 * Open path as a table without a header row, whose columns are the n
 * names, in order: the first row is line 1, and an empty input is a
 * table without rows.  For streams cut into pieces, such as the records
 * of Hadoop Streaming, where no piece can be sure to start with a header.
 */
struct table *table_open_headless(const char *path, int flags, const char *const *names, int n,
    char *errbuf, size_t errlen);
/* Open an already open stream (not closed by table_close unless owned). */
struct table *table_fdopen(int fd, const char *name, int flags, char *errbuf, size_t errlen);
void table_close(struct table *t);

/* Name used in messages: the path, or "<stdin>". */
const char *table_name(const struct table *t);

/* Header. */
int table_ncols(const struct table *t);
const char *table_colname(const struct table *t, int i);
/* Index of the named column, or -1. */
int table_col(const struct table *t, const char *name);
/*
 * The indexes of n required columns into idx; -1 with "FILE:1: NAME: no
 * such column" in errbuf for the first one missing (a usage error).
 */
int table_columns(const struct table *t, const char *const *names, int n, int *idx, char *errbuf,
    size_t errlen);

/*
 * Read the next row: 1 a row, 0 end of input, -1 an error (table_error()
 * says what; the line is table_line()).  Blank lines are skipped.  A row
 * with more fields than the header, or with a field that is not UTF-8
 * text (or holds a NUL byte), is an error, or, with TABLE_BAD_ROWS, is
 * handed out as TABLE_BAD so that the caller rejects it and reads on:
 * table_error() says "column: not valid UTF-8 (byte N: \xHH)" with
 * table_bad_column() the field, or "N fields where the header has M" with
 * table_bad_column() -1.
 */
int table_next(struct table *t);
int table_bad_column(const struct table *t);
/* Number of fields in the current row (may differ from table_ncols). */
int table_nfields(const struct table *t);
/* Field i of the current row; "" when the row is shorter. */
const char *table_field(const struct table *t, int i);
size_t table_fieldlen(const struct table *t, int i);
/* Physical line on which the current row starts (the header is line 1). */
long table_line(const struct table *t);
const char *table_error(const struct table *t);
/*
 * Whether the error was the input's (unreadable, a truncated or corrupt
 * gzip stream: an I/O error) rather than malformed text.
 */
int table_io_error(const struct table *t);
/* The SHA-256 of the input as read (input.h), once table_next returned 0. */
void table_sha256(struct table *t, char hex[HASH_HEX_LEN]);

/* Writing. */
struct table_writer {
	FILE *fp;
	int flags;
	int nfield;		/* fields written on the current line */
};

void table_writer_init(struct table_writer *w, FILE *fp, int flags);
void table_put(struct table_writer *w, const char *s);
void table_putn(struct table_writer *w, const char *s, size_t n);
void table_put_int(struct table_writer *w, int64_t v);
void table_put_money(struct table_writer *w, int64_t cents);
void table_end_row(struct table_writer *w);
/* Write a header or any row of NUL-terminated strings. */
void table_put_row(struct table_writer *w, int n, const char *const *fields);
/* Write "a,b,c" given as one comma-separated string (for fixed headers). */
void table_put_header(struct table_writer *w, const char *commalist);

#endif
