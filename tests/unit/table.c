/*
 * Unit tests for common/util/table.c: the CSV and TSV readers (quoting, CRLF,
 * BOM, gzip, line numbers) and the writer (quoting, escapes, --excel).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "table.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-table.XXXXXX";

static struct table *
open_text(const char *text, int flags)
{
	char err[256];
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return table_open(path, flags, err, sizeof err);
}

static char *
written(void (*fill)(struct table_writer *), int flags)
{
	static char buf[512];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	struct table_writer w;

	table_writer_init(&w, f, flags);
	fill(&w);
	fclose(f);
	return buf;
}

static void
tricky_row(struct table_writer *w)
{
	const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "=cmd()", "-3.10", "tab\there" };

	table_put_row(w, 7, row);
}

/*
 * Every row of text as "LINE:field|field|...\n", then how reading ended:
 * "end" or "error LINE: message".  Whole outputs compare both paths.
 */
static char *
dump(const char *text, size_t len, int flags)
{
	char err[256], *out = NULL;
	size_t outlen = 0;
	FILE *f = fopen(path, "w"), *o = open_memstream(&out, &outlen);
	struct table *t;
	int rc;

	fwrite(text, 1, len, f);
	fclose(f);
	if ((t = table_open(path, flags, err, sizeof err)) == NULL) {
		fprintf(o, "no table: %s\n", err);
		fclose(o);
		return out;
	}
	while ((rc = table_next(t)) == 1 || rc == TABLE_BAD) {
		fprintf(o, "%ld:", table_line(t));
		for (int i = 0; i < table_nfields(t); i++)
			fprintf(o, "%s%s", i ? "|" : "", table_field(t, i));
		fputs(rc == TABLE_BAD ? " (bad)\n" : "\n", o);
	}
	if (rc == 0)
		fputs("end\n", o);
	else
		fprintf(o, "error %ld: %s\n", table_line(t), table_error(t));
	table_close(t);
	fclose(o);
	return out;
}

/* text read with the fast path gives want, and libcsv alone the same. */
static void
both_paths(const char *text, const char *want, const char *what)
{
	char *fast = dump(text, strlen(text), 0), *slow = dump(text, strlen(text), TABLE_LIBCSV);

	is_str(fast, want, "%s", what);
	is_str(slow, want, "%s (libcsv alone)", what);
	free(fast);
	free(slow);
}

/* The reader's chunk (table.c's CHUNK): lines straddling it. */
#define READ_CHUNK (256 * 1024)

int
main(void)
{
	struct table *t;
	char err[256];
	gzFile gz;
	int fd = mkstemp(path);

	close(fd);
	plan(61);

	t = open_text("\xef\xbb\xbfts,user\r\n1,\"a,b\"\r\n\r\n2,\"multi\nline\"\r\n3,\"q\"\"x\"\r\n4,last", 0);
	ok(t != NULL, "open a CSV with BOM and CRLF");
	is_int(table_ncols(t), 2, "two columns");
	is_str(table_colname(t, 0), "ts", "BOM skipped from the first column name");
	is_int(table_col(t, "user"), 1, "column found by name");
	is_int(table_col(t, "nope"), -1, "missing column is -1");
	ok(table_next(t) == 1 && strcmp(table_field(t, 1), "a,b") == 0, "quoted comma");
	is_int(table_line(t), 2, "first row on line 2");
	ok(table_next(t) == 1 && strcmp(table_field(t, 1), "multi\nline") == 0, "quoted newline");
	is_int(table_line(t), 4, "blank line 3 skipped, row on line 4");
	ok(table_next(t) == 1 && strcmp(table_field(t, 1), "q\"x") == 0, "doubled quote");
	is_int(table_line(t), 6, "a quoted newline counts as a line");
	ok(table_next(t) == 1 && strcmp(table_field(t, 1), "last") == 0, "last row without newline");
	ok(table_next(t) == 0, "end of input");
	table_close(t);

	t = open_text("a,b\n1,ok\n2,x\"y\n", 0);
	ok(t != NULL && table_next(t) == 1 && table_next(t) == -1,
	    "a quote inside an unquoted field is an error after the good rows");
	ok(t != NULL && strstr(table_error(t), "malformed CSV") != NULL && table_line(t) == 3,
	    "error says malformed CSV on line 3");
	table_close(t);

	t = open_text("a\tb\nx\\ty\tline\\nbreak\\\\\n", TABLE_TSV);
	ok(t != NULL && table_next(t) == 1, "TSV row");
	is_str(table_field(t, 0), "x\ty", "TSV \\t escape");
	is_str(table_field(t, 1), "line\nbreak\\", "TSV \\n and \\\\ escapes");
	table_close(t);

	gz = gzopen(path, "wb");
	gzputs(gz, "track,plays\nT1,3\n");
	gzclose(gz);
	t = table_open(path, 0, err, sizeof err);
	ok(t != NULL && table_next(t) == 1 && strcmp(table_field(t, 1), "3") == 0, "gzip input read");
	table_close(t);

	t = open_text("", 0);
	ok(t == NULL, "an empty file has no header");

	is_str(written(tricky_row, 0),
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",=cmd(),-3.10,tab\there\n",
	    "CSV writer quotes only when needed");
	is_str(written(tricky_row, TABLE_EXCEL),
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"'=cmd()\",-3.10,tab\there\n",
	    "--excel neutralises formulas but not negative numbers");
	is_str(written(tricky_row, TABLE_TSV),
	    "plain\ta,b\tsay \"hi\"\ttwo\\nlines\t=cmd()\t-3.10\ttab\\there\n",
	    "TSV writer escapes");

	t = open_text("a,b\n\"unterminated\n", 0);
	ok(t != NULL && table_next(t) == -1, "unterminated quote is an error");
	table_close(t);

	{
		/* A long file crosses the reader's chunk boundary. */
		FILE *f = fopen(path, "w");
		long rows = 0, bad = 0;

		fputs("n,text\n", f);
		for (int i = 0; i < 40000; i++)
			fprintf(f, "%d,\"row %d, with \"\"quotes\"\"\"\n", i, i);
		fclose(f);
		t = table_open(path, 0, err, sizeof err);
		while (table_next(t) == 1) {
			char want[64];

			snprintf(want, sizeof want, "row %ld, with \"quotes\"", rows);
			if (atol(table_field(t, 0)) != rows || strcmp(table_field(t, 1), want) != 0 ||
			    table_line(t) != rows + 2)
				bad++;
			rows++;
		}
		table_close(t);
		ok(rows == 40000, "40000 rows read across chunks");
		ok(bad == 0, "every row's fields and line are right");
	}
	/* The boundary between lines split directly and lines given to libcsv. */
	both_paths("a,b\n1,2\n3,x\"y\n5,6\n", "2:1|2\nerror 3: malformed CSV: quote in an unquoted "
	    "field or text after a closing quote\n", "a quote inside an otherwise plain line");
	both_paths("a,b\r\n1,2\r\n\r\n3,\"q\r\nr\"\r\n4,5", "2:1|2\n4:3|q\r\nr\n6:4|5\nend\n",
	    "CRLF, a blank line, a quoted CRLF and a last line without newline");
	both_paths("\xef\xbb\xbf" "a,b\n,\n1\n", "2:|\n3:1\nend\n", "BOM, empty fields, a short row");
	both_paths("a,b\n1,2\r3,4\n5,6\r", "2:1|2\n3:3|4\n4:5|6\nend\n",
	    "a lone CR ends a row, as libcsv has it");
	both_paths("a,b\n\"x\n\ny\",2\n3,4\n", "2:x\n\ny|2\n5:3|4\nend\n",
	    "a quoted field over a blank line, then a plain line");
	{
		/* A quoted field across the boundary of a read, at several places. */
		size_t n = READ_CHUNK + 64;
		char *text = malloc(n + 64), *fast, *slow;
		int same = 1, rows_ok = 1;

		for (int shift = -6; shift <= 6; shift++) {
			size_t pad = READ_CHUNK - 4 - 4 + (size_t)(shift + 6);

			memcpy(text, "a,b\n", 4);
			memset(text + 4, 'p', pad);
			strcpy(text + 4 + pad, ",1\n\"x,\ny\",2\n3,4\r\n5,\"z\"");
			fast = dump(text, strlen(text), 0);
			slow = dump(text, strlen(text), TABLE_LIBCSV);
			same &= strcmp(fast, slow) == 0;
			rows_ok &= strstr(fast, "\n3:x,\ny|2\n5:3|4\n6:5|z\nend\n") != NULL;
			free(fast);
			free(slow);
		}
		ok(same, "a quoted field across a read boundary: both paths agree");
		ok(rows_ok, "and give its rows and lines");
		free(text);
	}
	/* Bounds: a field, a line or a row without end is an error, not growth. */
	{
		size_t big = TABLE_MAX_FIELD + 10;
		char *text = malloc(big + 64), *p;

		strcpy(text, "a,b\n\"");
		p = text + strlen(text);
		memset(p, 'x', big);
		p[big] = '\0';
		t = open_text(text, 0);
		ok(t != NULL && table_next(t) == -1, "a quoted field past TABLE_MAX_FIELD stops the reader");
		is_str(t ? table_error(t) : "", "a field longer than 1048576 bytes", "and says why");
		table_close(t);

		free(text);
		text = malloc(TABLE_MAX_ROW + 64);
		strcpy(text, "a\tb\n");
		p = text + strlen(text);
		memset(p, 'x', TABLE_MAX_ROW + 1);
		p[TABLE_MAX_ROW + 1] = '\0';
		t = open_text(text, TABLE_TSV);
		ok(t != NULL && table_next(t) == -1, "a TSV line past TABLE_MAX_ROW stops the reader");
		is_str(t ? table_error(t) : "", "a row longer than 4194304 bytes", "and says why");
		table_close(t);
		free(text);

		text = malloc(3 * TABLE_MAX_FIELDS + 64);
		strcpy(text, "a\n");
		p = text + strlen(text);
		for (int i = 0; i <= TABLE_MAX_FIELDS; i++)
			*p++ = ',';
		strcpy(p, "\n");
		t = open_text(text, 0);
		ok(t != NULL && table_next(t) == -1, "a row of more than TABLE_MAX_FIELDS fields stops it");
		is_str(t ? table_error(t) : "", "a row of more than 10000 fields", "and says why");
		table_close(t);
		free(text);
	}
	/* A truncated gzip table is an I/O error, told apart from bad text. */
	{
		char gzpath[64], text[64];
		FILE *f;
		long len;

		snprintf(gzpath, sizeof gzpath, "%s.gz", path);
		gz = gzopen(gzpath, "wb");
		gzputs(gz, "a,b\n1,2\n3,4\n");
		gzclose(gz);
		f = fopen(gzpath, "rb");
		len = (long)fread(text, 1, sizeof text, f);
		fclose(f);
		f = fopen(gzpath, "wb");
		fwrite(text, 1, (size_t)len - 4, f);
		fclose(f);
		t = table_open(gzpath, 0, err, sizeof err);
		while (t && table_next(t) == 1)
			continue;
		ok(t && table_io_error(t), "a truncated gzip table is an I/O error");
		table_close(t);
		unlink(gzpath);
		t = open_text("a,b\n\"x,y\n", 0);
		while (t && table_next(t) == 1)
			continue;
		ok(t && !table_io_error(t), "an unterminated quote is not an I/O error");
		table_close(t);
	}
	/* Text is UTF-8: a row that is not is an error, or with TABLE_BAD_ROWS a row to reject. */
	t = open_text("a,b\n1,ok\n2,caf\xe9\n3,fine\n", 0);
	ok(t && table_next(t) == 1 && table_next(t) == -1, "a Latin-1 field stops a plain reader");
	is_str(t ? table_error(t) : "", "b: not valid UTF-8 (byte 4: \\xe9)", "naming the column and byte");
	table_close(t);
	t = open_text("a,b\n1,ok\n2,caf\xe9\n3,fine\n", TABLE_BAD_ROWS);
	ok(t && table_next(t) == 1 && table_next(t) == TABLE_BAD, "with TABLE_BAD_ROWS it is a bad row");
	ok(t && table_bad_column(t) == 1 && table_line(t) == 3, "its column and line are known");
	ok(t && table_next(t) == 1 && strcmp(table_field(t, 1), "fine") == 0, "and reading goes on");
	table_close(t);
	t = open_text("a\tb\n1\tx\\0y\n", TABLE_TSV | TABLE_BAD_ROWS);
	ok(t && table_next(t) == 1, "a TSV backslash-zero is two characters, not a NUL");
	table_close(t);
	{
		static const char nul[] = "a,b\n1,x\0y\n";
		FILE *f = fopen(path, "w");

		fwrite(nul, 1, sizeof nul - 1, f);
		fclose(f);
		t = table_open(path, TABLE_BAD_ROWS, err, sizeof err);
		ok(t && table_next(t) == TABLE_BAD && strstr(table_error(t), "a NUL byte") != NULL,
		    "a NUL byte in a field is not text");
		table_close(t);
	}
	/* A row longer than its header is not silently cut. */
	t = open_text("a,b\n1,2\n3,4,5\n6,7\n", TABLE_BAD_ROWS);
	ok(t && table_next(t) == 1 && table_next(t) == TABLE_BAD, "a row with a field too many is bad");
	is_str(t ? table_error(t) : "", "3 fields where the header has 2", "and says so");
	ok(t && table_bad_column(t) == -1 && table_next(t) == 1, "no column is blamed; reading goes on");
	table_close(t);
	{
		static const char *const need[] = { "a", "c" };
		int idx[2];

		t = open_text("a,b\n1,2\n", 0);
		table_columns(t, need, 2, idx, err, sizeof err);
		ok(strstr(err, ":1: c: no such column") != NULL, "a missing column is named on line 1");
		table_close(t);
	}
	unlink(path);
	/*
	 * TABLE_RESYNC: a row libcsv refuses is a bad row at its first line,
	 * and the next line is read afresh; a quoted field over two lines
	 * before it keeps the line numbers right.  Without it, the error ends
	 * the table; an unclosed quote ends it in any case.
	 */
	{
		const char *text = "a,b\n1,\"x\ny\"\n2,b\"ad\n3,\"ok\"\n4,\"c\"d\n5,e\n";
		char *got;

		got = dump(text, strlen(text), TABLE_BAD_ROWS | TABLE_RESYNC);
		is_str(got, "2:1|x\ny\n4: (bad)\n5:3|ok\n6: (bad)\n7:5|e\nend\n",
		    "resync: bad rows named at their line, the rest read");
		free(got);
		got = dump(text, strlen(text), TABLE_BAD_ROWS | TABLE_RESYNC | TABLE_LIBCSV);
		is_str(got, "2:1|x\ny\n4: (bad)\n5:3|ok\n6: (bad)\n7:5|e\nend\n",
		    "resync: the same through libcsv alone");
		free(got);
		got = dump(text, strlen(text), TABLE_BAD_ROWS);
		is_str(got, "2:1|x\ny\nerror 4: malformed CSV: quote in an unquoted field or text after a closing quote\n",
		    "without resync the first malformed row ends the table");
		free(got);
		got = dump("a,b\n1,\"open\n2,x\n", 16, TABLE_BAD_ROWS | TABLE_RESYNC);
		is_str(got, "error 2: unterminated quoted field\n", "an unclosed quote still ends it, at its line");
		free(got);
	}
	return done_testing();
}
