/*
 * 1d-ingest - turn distributors' drops into catalogue rows.
 *
 * A drop is a directory, a zip, a tar or tar.gz archive, or an archive on
 * standard input.  Its entries are streamed through libarchive: DDEX ERN
 * messages (*.xml) become one row per sound recording or video, CSV
 * metadata sheets (*.csv, with --map) one row per line, and every other
 * file is hashed so that the resources a message lists can be checked.
 * When several messages deliver the same track, the newest message (by
 * MessageCreatedDateTime) wins.  Rows are written sorted by track.
 */
#include <getopt.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "ddex.h"
#include "drop.h"
#include "err.h"
#include "hash.h"
#include "out.h"
#include "rejects.h"
#include "table.h"

static const char usage[] =
    "usage: 1d-ingest [-tv] [-o FILE] [--rejects FILE] [--map FILE]\n"
    "    [--distributor NAME] [--max-entries N] [--max-entry-size BYTES]\n"
    "    [--max-total-size BYTES] [--max-ratio N] [--max-depth N] [DROP ...]\n";

struct row {
	char *f[CATALOG_NCOLUMNS];
	char *created;		/* of the message; "" for sheets */
	int purge;		/* a purge: only the status counts */
	char *where;		/* drop:entry, for messages */
	long line;
	char *file, *algo, *hash;	/* resource to check */
};

struct upc_purge {
	char *upc, *created, *source, *sha256;
};

struct file_hash {
	char *name;
	char md5[33], sha1[41], sha256[65];
};

/* Everything read so far, and the drop being read. */
struct ingest {
	struct row *rows;
	size_t nrows, caprows;
	size_t drop_first;	/* first row of the current drop */
	struct upc_purge *purges;
	size_t npurges;
	struct file_hash *files;
	size_t nfiles;
	const char *drop;	/* its name in messages */
	const char *distributor;
	struct rejects *rej;
	char **map;		/* our column for each sheet header, by pairs */
	size_t nmap;
	int max_depth, verbose, flags;
	long read, rejected, duplicates;
	int failed;
};

static void
row_free(struct row *r)
{
	for (int i = 0; i < CATALOG_NCOLUMNS; i++)
		free(r->f[i]);
	free(r->created), free(r->where), free(r->file), free(r->algo), free(r->hash);
}

static char *
sdup(const char *s)
{
	return s ? err_strdup(s) : err_strdup("");
}

static void
reject(struct ingest *in, const char *where, long line, const char *fmt, const char *what)
{
	char reason[512];

	snprintf(reason, sizeof reason, fmt, what);
	err_at(where, line, NULL, "%s", reason);
	rejects_add_note(in->rej, where, line, reason);
	in->rejected++;
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

static char *
drop_entry_name(const struct ingest *in, const char *name)
{
	char *s = err_malloc(strlen(in->drop) + strlen(name) + 2);

	sprintf(s, "%s:%s", in->drop, name);
	return s;
}

static void
take_message(struct ingest *in, const char *name, const unsigned char *data, size_t len)
{
	struct ddex_message m;
	char err[256], sha[HASH_HEX_LEN];
	char *where = drop_entry_name(in, name), *source;
	long line;

	hash_sha256_hex(data, len, sha);
	if (ddex_parse(data, len, in->max_depth, &m, &line, err, sizeof err) != 0) {
		in->read++;
		reject(in, where, line, "%s", err);
		free(where);
		return;
	}
	in->read += (long)m.ntitles;
	source = err_malloc(strlen(in->drop) + strlen(m.id) + 2);
	sprintf(source, "%s:%s", in->drop, m.id);
	for (size_t i = 0; i < m.npurged_upc; i++) {
		in->purges = err_realloc(in->purges, (in->npurges + 1) * sizeof *in->purges);
		in->purges[in->npurges++] = (struct upc_purge){ err_strdup(m.purged_upc[i]),
		    err_strdup(m.created), err_strdup(source), err_strdup(sha) };
	}
	for (size_t i = 0; i < m.ntitles; i++) {
		struct ddex_title *t = &m.titles[i];
		struct row *r;
		char dur[32] = "";

		if (t->reject != NULL) {
			char what[512];

			snprintf(what, sizeof what, "%s: %s", t->isrc ? t->isrc :
			    t->title ? t->title : "?", t->reject);
			reject(in, where, t->line, "%s", what);
			continue;
		}
		r = new_row(in);
		if (t->duration_ms >= 0)
			snprintf(dur, sizeof dur, "%lld", (long long)t->duration_ms);
		r->f[CATALOG_TRACK] = sdup(t->isrc);
		r->f[CATALOG_ISRC] = sdup(t->isrc);
		r->f[CATALOG_UPC] = sdup(t->upc);
		r->f[CATALOG_TITLE] = sdup(t->title);
		r->f[CATALOG_ARTISTS] = sdup(t->artists);
		r->f[CATALOG_RELEASE_TITLE] = sdup(t->release_title);
		r->f[CATALOG_LABEL] = sdup(t->label);
		r->f[CATALOG_HOLDER] = sdup(t->holder);
		r->f[CATALOG_DISTRIBUTOR] = sdup(in->distributor);
		r->f[CATALOG_RELEASE_DATE] = sdup(t->release_date);
		r->f[CATALOG_DURATION_MS] = sdup(dur);
		r->f[CATALOG_MEDIA] = sdup(t->media);
		r->f[CATALOG_GENRE] = sdup(t->genre);
		r->f[CATALOG_TERRITORIES] = sdup(t->territories);
		r->f[CATALOG_AVAILABLE_FROM] = sdup(t->available_from);
		r->f[CATALOG_AVAILABLE_UNTIL] = sdup(t->available_until);
		r->f[CATALOG_STATUS] = sdup(t->takedown ? "takedown" : "active");
		r->f[CATALOG_SOURCE] = sdup(source);
		r->f[CATALOG_SHA256] = sdup(sha);
		r->created = sdup(m.created);
		r->purge = m.purge;
		r->where = sdup(where);
		r->line = t->line;
		if (t->file && t->hash) {
			r->file = sdup(t->file);
			r->hash = sdup(t->hash);
			r->algo = sdup(t->hash_algo);
		}
	}
	free(source);
	free(where);
	ddex_message_free(&m);
}

static const char *
map_column(const struct ingest *in, const char *header)
{
	for (size_t i = 0; i < in->nmap; i++)
		if (strcmp(in->map[2 * i], header) == 0)
			return in->map[2 * i + 1];
	return NULL;
}

/* Check a sheet row's values; NULL when good, else why not (in why). */
static const char *
check_sheet_row(char **f, char *why, size_t n)
{
	char what[256];
	int bad;

	if (*f[CATALOG_TITLE] == '\0')
		return "title: missing";
	if (*f[CATALOG_TRACK] == '\0')
		return "track: no isrc and no id";
	if ((bad = catalog_check_row((const char *const *)f, what, sizeof what)) < 0)
		return NULL;
	snprintf(why, n, "%s: %s", catalog_column_names[bad], what);
	return why;
}

static void
take_sheet(struct ingest *in, const char *name, const unsigned char *data, size_t len)
{
	char *where = drop_entry_name(in, name), err[256], sha[HASH_HEX_LEN];
	FILE *tmp = tmpfile();
	struct table *t = NULL;
	int ours[256];

	hash_sha256_hex(data, len, sha);
	if (tmp == NULL || fwrite(data, 1, len, tmp) != len || fflush(tmp) != 0 ||
	    lseek(fileno(tmp), 0, SEEK_SET) != 0 ||
	    (t = table_fdopen(dup(fileno(tmp)), where, 0, err, sizeof err)) == NULL) {
		in->read++;
		reject(in, where, 1, "%s", t == NULL && tmp ? err : "cannot buffer the sheet");
		goto done;
	}
	for (int i = 0; i < table_ncols(t) && i < 256; i++) {
		const char *c = map_column(in, table_colname(t, i));

		ours[i] = -1;
		for (int k = 0; c && k < CATALOG_NCOLUMNS; k++)
			if (strcmp(catalog_column_names[k], c) == 0)
				ours[i] = k;
		if (c && strcmp(c, "id") == 0)
			ours[i] = CATALOG_NCOLUMNS;
	}
	int st;
	while ((st = table_next(t)) == 1) {
		char *f[CATALOG_NCOLUMNS + 1] = { 0 }, whybuf[512];
		const char *why;
		struct row *r;

		in->read++;
		for (int i = 0; i < table_ncols(t) && i < 256; i++)
			if (ours[i] >= 0 && f[ours[i]] == NULL)
				f[ours[i]] = err_strdup(table_field(t, i));
		for (int k = 0; k <= CATALOG_NCOLUMNS; k++)
			if (f[k] == NULL)
				f[k] = err_strdup("");
		if (*f[CATALOG_TRACK] == '\0') {
			free(f[CATALOG_TRACK]);
			if (*f[CATALOG_ISRC])
				f[CATALOG_TRACK] = err_strdup(f[CATALOG_ISRC]);
			else if (*f[CATALOG_NCOLUMNS]) {
				f[CATALOG_TRACK] = err_malloc(strlen(in->distributor) + strlen(f[CATALOG_NCOLUMNS]) + 2);
				sprintf(f[CATALOG_TRACK], "%s:%s", in->distributor, f[CATALOG_NCOLUMNS]);
			} else
				f[CATALOG_TRACK] = err_strdup("");
		}
		if (*f[CATALOG_DISTRIBUTOR] == '\0') {
			free(f[CATALOG_DISTRIBUTOR]);
			f[CATALOG_DISTRIBUTOR] = err_strdup(in->distributor);
		}
		if (*f[CATALOG_MEDIA] == '\0') {
			free(f[CATALOG_MEDIA]);
			f[CATALOG_MEDIA] = err_strdup("audio");
		}
		if (*f[CATALOG_STATUS] == '\0') {
			free(f[CATALOG_STATUS]);
			f[CATALOG_STATUS] = err_strdup("active");
		}
		free(f[CATALOG_SOURCE]);
		f[CATALOG_SOURCE] = err_strdup(where);
		free(f[CATALOG_SHA256]);
		f[CATALOG_SHA256] = err_strdup(sha);
		if ((why = check_sheet_row(f, whybuf, sizeof whybuf)) != NULL) {
			in->rejected++;
			err_at(where, table_line(t), NULL, "%s", why);
			rejects_add_note(in->rej, where, table_line(t), why);
			for (int k = 0; k <= CATALOG_NCOLUMNS; k++)
				free(f[k]);
			continue;
		}
		r = new_row(in);
		memcpy(r->f, f, sizeof r->f);
		free(f[CATALOG_NCOLUMNS]);
		r->created = err_strdup("");
		r->where = err_strdup(where);
		r->line = table_line(t);
	}
	if (st < 0) {
		in->read++;
		reject(in, where, table_line(t), "%s", table_error(t));
	}
done:
	table_close(t);
	if (tmp)
		fclose(tmp);
	free(where);
}

static void
take_file(struct ingest *in, const char *name, const unsigned char *data, size_t len)
{
	struct file_hash *h;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n;
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;

	in->files = err_realloc(in->files, (in->nfiles + 1) * sizeof *in->files);
	h = &in->files[in->nfiles++];
	h->name = err_strdup(base);
	EVP_Digest(data, len, md, &n, EVP_md5(), NULL);
	hash_to_hex(md, n, h->md5);
	EVP_Digest(data, len, md, &n, EVP_sha1(), NULL);
	hash_to_hex(md, n, h->sha1);
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	hash_to_hex(md, n, h->sha256);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int
on_entry(void *arg, const char *name, const unsigned char *data, size_t len)
{
	struct ingest *in = arg;

	if (has_suffix(name, ".xml"))
		take_message(in, name, data, len);
	else if (has_suffix(name, ".csv") && in->map != NULL)
		take_sheet(in, name, data, len);
	else
		take_file(in, name, data, len);
	return 0;
}

/* A sheet given on its own rather than in a drop. */
static int
read_sheet(struct ingest *in, const char *path, const char *name)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL)
		return -1;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = err_realloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	take_sheet(in, name, buf, len);
	free(buf);
	return 0;
}

/* The digest a message gives, in our spelling; NULL for an unknown algorithm. */
static const char *
file_digest(const struct file_hash *h, const char *algo)
{
	char a[16];
	size_t k = 0;

	for (const char *p = algo; *p && k + 1 < sizeof a; p++)
		if (*p != '-' && *p != '_')
			a[k++] = *p;
	a[k] = '\0';
	if (strcasecmp(a, "MD5") == 0)
		return h->md5;
	if (strcasecmp(a, "SHA1") == 0)
		return h->sha1;
	if (strcasecmp(a, "SHA256") == 0)
		return h->sha256;
	return NULL;
}

/* Check the resources of the drop's titles against the files it holds. */
static void
verify_files(struct ingest *in)
{
	size_t keep = in->drop_first;

	for (size_t i = in->drop_first; i < in->nrows; i++) {
		struct row *r = &in->rows[i];
		const char *why = NULL, *want;

		for (size_t k = 0; r->file && k < in->nfiles; k++) {
			if (strcmp(in->files[k].name, r->file) != 0)
				continue;
			if ((want = file_digest(&in->files[k], r->algo)) == NULL)
				why = "unknown hash algorithm %s";
			else if (strcasecmp(want, r->hash) != 0)
				why = "resource %s: hash mismatch";
		}
		if (why != NULL) {
			char what[512], how[256];

			snprintf(how, sizeof how, why, strstr(why, "algorithm") ? r->algo : r->file);
			snprintf(what, sizeof what, "%s: %s", r->f[CATALOG_TRACK], how);
			reject(in, r->where, r->line, "%s", what);
			row_free(r);
			continue;
		}
		in->rows[keep++] = *r;
	}
	in->nrows = keep;
	for (size_t k = 0; k < in->nfiles; k++)
		free(in->files[k].name);
	free(in->files);
	in->files = NULL;
	in->nfiles = 0;
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
	return strcmp(x->f[CATALOG_SOURCE], y->f[CATALOG_SOURCE]);
}

static void
set(struct row *r, int col, const char *s)
{
	free(r->f[col]);
	r->f[col] = err_strdup(s);
}

/* Sort, keep the newest delivery of each track and write it. */
static void
write_rows(struct ingest *in, FILE *fp)
{
	struct table_writer w;

	if (in->nrows > 0)
		qsort(in->rows, in->nrows, sizeof *in->rows, row_cmp);
	table_writer_init(&w, fp, in->flags);
	table_put_header(&w, CATALOG_COLUMNS);
	for (size_t i = 0, j; i < in->nrows; i = j) {
		struct row *win, *body = NULL;

		for (j = i; j < in->nrows && strcmp(in->rows[j].f[CATALOG_TRACK],
		    in->rows[i].f[CATALOG_TRACK]) == 0; j++)
			if (!in->rows[j].purge)
				body = &in->rows[j];
		win = &in->rows[j - 1];
		in->duplicates += (long)(j - i - 1);
		for (size_t k = i; in->verbose && k + 1 < j; k++)
			err_warn("%s: %s (%s) replaced by %s (%s)", win->f[CATALOG_TRACK],
			    in->rows[k].f[CATALOG_SOURCE], in->rows[k].created,
			    win->f[CATALOG_SOURCE], win->created);
		if (win->purge && body != NULL) {
			set(body, CATALOG_STATUS, "takedown");
			set(body, CATALOG_SOURCE, win->f[CATALOG_SOURCE]);
			set(body, CATALOG_SHA256, win->f[CATALOG_SHA256]);
			win = body;
		}
		for (size_t k = 0; k < in->npurges; k++) {
			struct upc_purge *p = &in->purges[k];

			if (*win->f[CATALOG_UPC] && strcmp(p->upc, win->f[CATALOG_UPC]) == 0 &&
			    strcmp(win->created, p->created) < 0) {
				set(win, CATALOG_STATUS, "takedown");
				set(win, CATALOG_SOURCE, p->source);
				set(win, CATALOG_SHA256, p->sha256);
			}
		}
		table_put_row(&w, CATALOG_NCOLUMNS, (const char *const *)win->f);
	}
}

static void
load_map(struct ingest *in, const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	long n = 0;

	if (fp == NULL)
		err_exit(ERR_EXIT_USAGE, "%s: cannot open the map", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		char *eq, *a = line, *b, *e;
		int known = 0;

		n++;
		a += strspn(a, " \t");
		if (*a == '#' || *a == '\n' || *a == '\0')
			continue;
		if ((eq = strchr(a, '=')) == NULL) {
			err_at(path, n, NULL, "not \"their_header = our_column\"");
			exit(ERR_EXIT_USAGE);
		}
		for (e = eq; e > a && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		b = eq + 1 + strspn(eq + 1, " \t");
		b[strcspn(b, " \t\r\n")] = '\0';
		for (int k = 0; k < CATALOG_NCOLUMNS; k++)
			known |= strcmp(catalog_column_names[k], b) == 0;
		if (!known && strcmp(b, "id") != 0) {
			err_at(path, n, NULL, "unknown column: %s", b);
			exit(ERR_EXIT_USAGE);
		}
		in->map = err_realloc(in->map, 2 * (in->nmap + 1) * sizeof *in->map);
		in->map[2 * in->nmap] = err_strdup(a);
		in->map[2 * in->nmap + 1] = err_strdup(b);
		in->nmap++;
	}
	fclose(fp);
}

static long long
number(const char *opt, const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v <= 0) {
		err_warn("%s: not a positive integer: %s", opt, s);
		cli_usage(usage, 0);
	}
	return v;
}

/* A drop is named by its last path component, so that rows do not depend on where it was. */
static char *
base_name(const char *path)
{
	char *s = err_strdup(path), *b;
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	b = strrchr(s, '/');
	b = err_strdup(b && b[1] ? b + 1 : s);
	free(s);
	return b;
}

/* The distributor a drop is from: its file name up to the first '-' or '.'. */
static char *
distributor_of(const char *drop)
{
	char *d = base_name(drop);

	d[strcspn(d, "-.")] = '\0';
	return d;
}

int
main(int argc, char **argv)
{
	enum { O_REJECTS = 256, O_MAP, O_DIST, O_ENTRIES, O_ENTRY, O_TOTAL, O_RATIO,
	    O_DEPTH, O_VERSION };
	static const struct option opts[] = {
		{ "tsv", no_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "rejects", required_argument, NULL, O_REJECTS },
		{ "map", required_argument, NULL, O_MAP },
		{ "distributor", required_argument, NULL, O_DIST },
		{ "max-entries", required_argument, NULL, O_ENTRIES },
		{ "max-entry-size", required_argument, NULL, O_ENTRY },
		{ "max-total-size", required_argument, NULL, O_TOTAL },
		{ "max-ratio", required_argument, NULL, O_RATIO },
		{ "max-depth", required_argument, NULL, O_DEPTH },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct ingest in = { .max_depth = 64 };
	struct drop_limits lim;
	const char *output = NULL, *rejpath = NULL, *dist = NULL;
	char err[512];
	struct out out;
	int c, io_failed = 0;

	err_init("1d-ingest");
	drop_limits_default(&lim);
	while ((c = getopt_long(argc, argv, "tvo:h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			in.flags |= TABLE_TSV;
			break;
		case 'v':
			in.verbose = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case O_REJECTS:
			rejpath = optarg;
			break;
		case O_MAP:
			load_map(&in, optarg);
			break;
		case O_DIST:
			dist = optarg;
			break;
		case O_ENTRIES:
			lim.max_entries = (long)number("--max-entries", optarg);
			break;
		case O_ENTRY:
			lim.max_entry = number("--max-entry-size", optarg);
			break;
		case O_TOTAL:
			lim.max_total = number("--max-total-size", optarg);
			break;
		case O_RATIO:
			lim.max_ratio = number("--max-ratio", optarg);
			break;
		case O_DEPTH:
			in.max_depth = (int)number("--max-depth", optarg);
			break;
		case 'h':
			cli_usage(usage, 1);
		case O_VERSION:
			cli_version();
		default:
			cli_usage(usage, 0);
		}
	}
	if ((in.rej = rejects_open(rejpath, in.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (out_open(&out, output, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	for (int i = optind; i < argc || (i == optind && i == argc); i++) {
		const char *path = i < argc ? argv[i] : "-";
		char *d = dist ? err_strdup(dist) : strcmp(path, "-") == 0 ?
		    err_strdup("") : distributor_of(path);
		char *name = strcmp(path, "-") == 0 ? err_strdup("<stdin>") : base_name(path);

		in.drop = name;
		in.distributor = d;
		in.drop_first = in.nrows;
		if (strcmp(path, "-") != 0 && access(path, R_OK) != 0) {
			err_warn_errno("%s", path);
			io_failed = 1;
		} else if (in.map != NULL && has_suffix(path, ".csv")) {
			if (read_sheet(&in, path, name) != 0)
				err_exit(ERR_EXIT_USAGE, "%s: cannot read", path);
		} else if (drop_read(path, &lim, on_entry, &in, err, sizeof err) != 0) {
			err_at(in.drop, 0, NULL, "%s", err);
			rejects_add_note(in.rej, in.drop, 0, err);
			in.failed = 1;
			for (size_t k = in.drop_first; k < in.nrows; k++)
				row_free(&in.rows[k]);
			in.nrows = in.drop_first;
		}
		verify_files(&in);
		free(d);
		free(name);
	}
	write_rows(&in, out.fp);
	if (out_commit(&out, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (rejects_close(in.rej, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (in.verbose)
		err_warn("read %ld = kept %ld + rejected %ld + duplicates %ld", in.read,
		    in.read - in.rejected - in.duplicates, in.rejected, in.duplicates);
	for (size_t k = 0; k < in.nrows; k++)
		row_free(&in.rows[k]);
	free(in.rows);
	for (size_t k = 0; k < in.npurges; k++) {
		free(in.purges[k].upc), free(in.purges[k].created);
		free(in.purges[k].source), free(in.purges[k].sha256);
	}
	free(in.purges);
	for (size_t k = 0; k < 2 * in.nmap; k++)
		free(in.map[k]);
	free(in.map);
	if (io_failed)
		return ERR_EXIT_USAGE;
	return in.failed || in.rejected ? ERR_EXIT_DATA : ERR_EXIT_OK;
}
