/*
 * 1d-listens - raw listen logs to validated, deduplicated usage.
 *
 * Every row of the logs is read once and is either kept, rejected (with
 * its file, line and reason), an exact duplicate of a row already kept
 * (same timestamp, user and track) or outside the month asked for; the
 * counts add up.  Kept rows are added to aggregates per month, structure,
 * user and track, or per the coarser keys of --by with the number of
 * distinct listeners, so memory grows with distinct keys, not with rows.
 *
 * "split" partitions logs by a stable hash of the user, so that shards can
 * be aggregated apart; "merge" adds usage files up.  Aggregating the shards
 * of a split and merging them gives the same bytes as one run.  "map" and
 * "reduce" do the same under Hadoop Streaming (shuffle.h): map keys each
 * row by its user and place, reduce aggregates whole users, and merge adds
 * the reducers' outputs up.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "aggregate.h"
#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "intake.h"
#include "listen.h"
#include "out.h"
#include "pool.h"
#include "rejects.h"
#include "shuffle.h"
#include "table.h"
#include "usage_merge.h"

/* Diagnostics for rejected rows stop after this many per file; the
 * --rejects file still gets every one. */
#define MAX_MESSAGES_PER_FILE 20

static struct {
	int flags;		/* TABLE_TSV */
	int verbose, progress;
	int shuffled;		/* reduce: the input is map's lines */
	int unsorted;		/* merge: inputs in any order, added up in memory */
	const char *month, *tz, *catalog, *by, *key, *rejects, *output;
	int64_t min_ms, max_per_day, max_rejects, shards, threads;
} opt = { .min_ms = 30000, .max_rejects = -1, .threads = -1 };

/* What an aggregation run reads into, and its counts. */
static struct {
	struct pool *pool;
	struct catalog *catalog;
	struct rejects *rejects;
	long long read, rejected;
} run;

/* A sum past int64 or a table past 2^32 keys ends the run: nothing is written. */
static noreturn void
overflow(const struct table *t, const char *column)
{
	err_at(table_name(t), table_line(t), column, "%s; nothing written",
	    column ? "the sum would pass 9223372036854775807" : "too many distinct keys");
	exit(ERR_EXIT_DATA);
}

static void
reject(const struct table *t, const char *field, const char *why, long *messages)
{
	char reason[512];

	snprintf(reason, sizeof reason, "%s%s%s", field ? field : "", field ? ": " : "", why);
	rejects_add(run.rejects, t, reason);
	run.rejected++;
	if (++*messages <= MAX_MESSAGES_PER_FILE)
		err_at(table_name(t), table_line(t), field, "%s", why);
	if (opt.max_rejects >= 0 && run.rejected > opt.max_rejects)
		err_exit(ERR_EXIT_DATA, "more than %" PRId64 " rejected rows: giving up, nothing written",
		    opt.max_rejects);
}

static void
aggregate_row(const struct table *t, const struct listen_columns *cols, long *messages)
{
	struct listen l;
	const char *field;
	char why[256];

	if (listen_parse(t, cols, &l, &field, why, sizeof why) != 0) {
		reject(t, field, why, messages);
		return;
	}
	if (run.catalog && catalog_find(run.catalog, l.track) == NULL) {
		snprintf(why, sizeof why, "not in the catalogue: \"%.128s\"", l.track);
		reject(t, "track", why, messages);
		return;
	}
	if (pool_add(run.pool, &l, &field) == INTAKE_OVERFLOW)
		overflow(t, field);
}

/*
 * An input that cannot be read to its end (I/O, a truncated gzip, CSV
 * that stops parsing) or lacks a column: exit 2, and no output at all.
 */
static int
input_fault(struct table *t, const char *msg)
{
	if (t != NULL && msg == NULL)
		err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
	else
		err_warn("%s", msg);
	if (t != NULL)
		table_close(t);
	err_status_raise(ERR_EXIT_USAGE);
	return ERR_EXIT_USAGE;
}

/* Open an input with its required columns, or NULL after input_fault(). */
static struct table *
open_input(const char *path, const char *const *names, int n, int *idx)
{
	char err[512];
	struct table *t = table_open(path, opt.flags | TABLE_BAD_ROWS, err, sizeof err);

	if (t == NULL) {
		input_fault(NULL, err);
		return NULL;
	}
	if (table_columns(t, names, n, idx, err, sizeof err) != 0) {
		input_fault(t, err);
		return NULL;
	}
	return t;
}

/* Open an input without a header row, its columns named; NULL after input_fault(). */
static struct table *
open_headless(const char *path, int flags, const char *const *names, int n)
{
	char err[512];
	struct table *t = table_open_headless(path, flags | TABLE_BAD_ROWS, names, n, err, sizeof err);

	if (t == NULL)
		input_fault(NULL, err);
	return t;
}

static const char *const listen_names[] = { "ts", "user", "structure", "track", "ms_played" };
#define NLISTEN_NAMES ((int)(sizeof listen_names / sizeof *listen_names))

static int
aggregate_file(const char *path, void *ctx)
{
	int idx[NLISTEN_NAMES];
	struct table *t = opt.shuffled ? open_headless(path, TABLE_TSV, shuffle_columns,
	    SHUFFLE_NCOLUMNS) : open_input(path, listen_names, NLISTEN_NAMES, idx);
	struct listen_columns cols;
	const char *missing;
	long messages = 0;
	int r;

	(void)ctx;
	if (t == NULL)
		return ERR_EXIT_USAGE;
	listen_columns(t, &cols, &missing);
	while ((r = table_next(t)) > 0) {
		run.read++;
		if (r == TABLE_BAD)
			reject(t, NULL, table_error(t), &messages);
		else
			aggregate_row(t, &cols, &messages);
		if (opt.progress && run.read % 1000000 == 0)
			fprintf(stderr, "\r%s: %lld rows", err_prog(), run.read);
	}
	if (messages > MAX_MESSAGES_PER_FILE)
		err_warn("%s: %ld more rejected rows not shown", table_name(t),
		    messages - MAX_MESSAGES_PER_FILE);
	if (r < 0)
		return input_fault(t, NULL);
	table_close(t);
	return ERR_EXIT_OK;
}

/* The rules of the command line, checked; the zone is opened. */
static struct intake_rules
rules(void)
{
	struct intake_rules r;
	char err[512];

	if (intake_rules_init(&r, opt.month, opt.tz, opt.min_ms, opt.max_per_day, err, sizeof err) != 0)
		cli_usage_error("%s", err);
	if (opt.key && (r.key = intake_read_key(opt.key, &r.keylen, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	return r;
}

static void
report(void)
{
	const struct intake_counts *n = pool_counts(run.pool);

	err_warn("read %lld = kept %" PRId64 " + rejected %lld + duplicates %" PRId64
	    " + other months %" PRId64 "; %" PRId64 " qualified listens, %" PRId64
	    " over the daily cap; %u usage rows", run.read, n->kept, run.rejected, n->duplicates,
	    n->other_months, n->qualified, n->capped, pool_rows(run.pool));
}

static int
cmd_aggregate(int argc, char **argv)
{
	unsigned keys = AGGREGATE_ALL_KEYS;
	struct intake_rules r;
	char err[512];
	struct out out;
	struct table_writer w;
	const char *field;
	int status;

	if (opt.by && aggregate_parse_keys(opt.by, &keys) != 0)
		cli_usage_error("--by: not a list of month, structure, user, track: \"%s\"", opt.by);
	r = rules();
	if (opt.catalog && (run.catalog = catalog_load(opt.catalog, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if ((run.rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (opt.threads == 0 || opt.threads > 256)
		cli_usage_error("--threads: not between 1 and 256: %" PRId64, opt.threads);
	if (opt.threads < 0 && (opt.threads = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		opt.threads = 1;
	run.pool = pool_new(&r, keys, (int)opt.threads);
	opt.progress = cli_progress(opt.progress);

	status = cli_each_input(argc, argv, aggregate_file, NULL);
	if (opt.progress)
		fputc('\n', stderr);
	if (pool_finish(run.pool, &field) != 0) {
		err_warn("%s: %s; nothing written", field ? field : "usage",
		    field ? "the sum would pass 9223372036854775807" : "too many distinct keys");
		exit(ERR_EXIT_DATA);
	}
	/* After an I/O error (exit 2) nothing is written, not even to stdout. */
	if (err_status() < ERR_EXIT_USAGE) {
		cli_open_output(&out, opt.output, &w, opt.flags);
		pool_write(run.pool, &w);
		cli_commit_output(&out);
		if (rejects_close(run.rejects, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
	}
	if (opt.verbose)
		report();
	if (status == ERR_EXIT_OK && run.rejected > 0)
		status = ERR_EXIT_DATA;
	pool_free(run.pool);
	catalog_free(run.catalog);
	date_zone_close(r.zone);
	free((char *)r.key);
	return status;
}

/* The shards of a split, and whether their header is written yet; or map's one output. */
struct shards {
	struct out *outs;
	struct table_writer *ws;
	int header_written;
	struct table_writer *keyed;	/* map: shuffle_put() every row here */
};

static int
split_file(const char *path, void *ctx)
{
	struct shards *s = ctx;
	int idx[NLISTEN_NAMES];
	struct table *t = s->keyed ? open_headless(path, opt.flags, shuffle_log_columns,
	    SHUFFLE_LOG_NCOLUMNS) : open_input(path, listen_names, NLISTEN_NAMES, idx);
	struct listen_columns cols;
	struct shuffle_place place;
	const char *missing, *field;
	char why[512];
	long messages = 0;
	int user, header, r;

	if (t == NULL)
		return ERR_EXIT_USAGE;
	if (s->keyed && shuffle_place(&place, path, why, sizeof why) != 0)
		return input_fault(t, why);
	listen_columns(t, &cols, &missing);
	user = cols.user;
	for (int64_t k = 0; k < opt.shards && !s->header_written; k++) {
		for (int c = 0; c < table_ncols(t); c++)
			table_put(&s->ws[k], table_colname(t, c));
		table_end_row(&s->ws[k]);
	}
	s->header_written = 1;
	while ((r = table_next(t)) > 0) {
		struct listen l;
		uint64_t h;
		struct table_writer *w;

		/* map: a split of a log may begin with its header line, or not. */
		if (s->keyed && r != TABLE_BAD && (header = shuffle_is_header(t)) != 0) {
			if (header > 0)
				continue;
			snprintf(why, sizeof why, "%s:%ld: map reads logs whose columns are "
			    "ts,user,structure,track,ms_played,source, in that order", table_name(t),
			    table_line(t));
			return input_fault(t, why);
		}
		run.read++;
		/* A row a shard would reject is rejected here, where its place is known. */
		if (r == TABLE_BAD) {
			reject(t, NULL, table_error(t), &messages);
			continue;
		}
		if (listen_parse(t, &cols, &l, &field, why, sizeof why) != 0) {
			reject(t, field, why, &messages);
			continue;
		}
		if (s->keyed) {
			shuffle_put(s->keyed, &place, t);
			continue;
		}
		h = hash_fnv1a(table_field(t, user), table_fieldlen(t, user));
		w = &s->ws[h % (uint64_t)opt.shards];
		for (int c = 0; c < table_nfields(t); c++)
			table_putn(w, table_field(t, c), table_fieldlen(t, c));
		table_end_row(w);
	}
	if (messages > MAX_MESSAGES_PER_FILE)
		err_warn("%s: %ld more rejected rows not shown", table_name(t),
		    messages - MAX_MESSAGES_PER_FILE);
	if (r < 0)
		return input_fault(t, NULL);
	table_close(t);
	return ERR_EXIT_OK;
}

/*
 * split: every row goes, unchanged, to PREFIX.K.csv where K is the FNV-1a
 * hash of its user modulo N: the same user always lands in the same shard,
 * on any machine.
 */
static int
cmd_split(int argc, char **argv)
{
	struct shards s = { NULL, NULL, 0, NULL };
	char err[512], path[4096];
	int status;

	if (strcmp(opt.by, "user") != 0)
		err_exit(ERR_EXIT_USAGE, "split: only --by user is supported");
	if (opt.shards < 1 || opt.shards > 4096)
		cli_usage_error("split: -n: not between 1 and 4096: %" PRId64, opt.shards);
	s.outs = err_calloc((size_t)opt.shards, sizeof *s.outs);
	s.ws = err_calloc((size_t)opt.shards, sizeof *s.ws);
	for (int64_t k = 0; k < opt.shards; k++) {
		snprintf(path, sizeof path, "%s.%" PRId64 ".%s", opt.output, k,
		    opt.flags & TABLE_TSV ? "tsv" : "csv");
		if (out_open(&s.outs[k], path, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		table_writer_init(&s.ws[k], s.outs[k].fp, opt.flags);
	}
	if ((run.rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	status = cli_each_input(argc, argv, split_file, &s);
	/* After an I/O error no shard is written at all. */
	for (int64_t k = 0; k < opt.shards; k++)
		cli_commit_output(&s.outs[k]);
	if (err_status() < ERR_EXIT_USAGE && rejects_close(run.rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (status == ERR_EXIT_OK && run.rejected > 0)
		status = ERR_EXIT_DATA;
	free(s.outs);
	free(s.ws);
	return status;
}

/*
 * map: the mapper of Hadoop Streaming.  Rows of a log without a header
 * (a split may start anywhere) go to standard output keyed by user and
 * place (shuffle.h), checked as split checks them; nothing is added up,
 * because a duplicate or a user's other listens may be in another split.
 */
static int
cmd_map(int argc, char **argv)
{
	struct table_writer w;
	struct shards s = { NULL, NULL, 1, &w };
	struct out out;
	char err[512];
	int status;

	cli_open_output(&out, NULL, &w, TABLE_TSV);
	if ((run.rejects = rejects_open(opt.rejects, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	status = cli_each_input(argc, argv, split_file, &s);
	cli_commit_output(&out);
	if (err_status() < ERR_EXIT_USAGE && rejects_close(run.rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (status == ERR_EXIT_OK && run.rejected > 0)
		status = ERR_EXIT_DATA;
	return status;
}

/*
 * reduce: the reducer of Hadoop Streaming, the aggregation of one run
 * over map's lines.  Each reducer has whole users in the order of the
 * logs, so its usage is that of one run over its users: the reducers'
 * outputs are shards disjoint in users, for merge.
 */
static int
cmd_reduce(int argc, char **argv)
{
	opt.shuffled = 1;
	return cmd_aggregate(argc, argv);
}

/* What merge adds up: the usage so far, and the columns of its first file. */
struct merge {
	struct aggregate *usage;
	struct aggregate_columns cols;
	const char *first;
	struct aggregate_shards *shards;	/* disjoint in users? */
};

/* Is the row's (month, user) in an earlier shard?  Its file, or NULL. */
static const char *
user_in_other_shard(struct merge *m, const struct table *t)
{
	if (!(m->cols.keys & (1u << AGGREGATE_USER)) || !(m->cols.keys & (1u << AGGREGATE_MONTH)))
		return NULL;
	return aggregate_shards_check(m->shards, table_field(t, m->cols.key[AGGREGATE_MONTH]),
	    table_field(t, m->cols.key[AGGREGATE_USER]));
}

static int
merge_file(const char *path, void *ctx)
{
	static const char *const counts[] = { "plays", "listens", "ms" };
	struct merge *m = ctx;
	struct aggregate_columns cols;
	const char *field;
	char why[256];
	int idx[3];
	struct table *t = open_input(path, counts, 3, idx);
	long messages = 0;
	int r;

	if (t == NULL)
		return ERR_EXIT_USAGE;
	if (aggregate_columns(t, &cols) != 0) {
		snprintf(why, sizeof why, "%s:1: month: no such column (a usage file has key columns)",
		    table_name(t));
		return input_fault(t, why);
	}
	if (m->usage && !aggregate_same_columns(&cols, &m->cols)) {
		snprintf(why, sizeof why, "%s:1: its columns differ from those of %s", table_name(t),
		    m->first);
		return input_fault(t, why);
	}
	if (m->usage == NULL) {
		m->usage = aggregate_new_merge(&cols);
		m->cols = cols;
		m->first = path;
	}
	while ((r = table_next(t)) > 0) {
		const char *other;

		run.read++;
		if (r == TABLE_BAD) {
			reject(t, NULL, table_error(t), &messages);
			continue;
		}
		if ((other = user_in_other_shard(m, t)) != NULL) {
			snprintf(why, sizeof why, "\"%s\" of %s is also in %s: shards must be disjoint in "
			    "users (a shard merged twice, or a stale one, is counted twice)",
			    table_field(t, cols.key[AGGREGATE_USER]), table_field(t, cols.key[AGGREGATE_MONTH]),
			    other);
			return input_fault(t, why);
		}
		switch (aggregate_add_row(m->usage, t, &cols, &field, why, sizeof why)) {
		case AGGREGATE_ROW_BAD:
			reject(t, field, why, &messages);
			break;
		case AGGREGATE_ROW_OVERFLOW:
			overflow(t, field);
		}
	}
	if (messages > MAX_MESSAGES_PER_FILE)
		err_warn("%s: %ld more rejected rows not shown", table_name(t),
		    messages - MAX_MESSAGES_PER_FILE);
	if (r < 0)
		return input_fault(t, NULL);
	aggregate_shards_next(m->shards, path);
	table_close(t);
	return ERR_EXIT_OK;
}

/* merge --unsorted: add usage files up in memory, whatever their order. */
static int
merge_in_memory(int argc, char **argv)
{
	struct merge m = { NULL };
	struct out out;
	struct table_writer w;
	int status;

	m.shards = aggregate_shards_new();
	status = cli_each_input(argc, argv, merge_file, &m);
	aggregate_shards_free(m.shards);
	if (m.usage == NULL || err_status() >= ERR_EXIT_USAGE) {
		aggregate_free(m.usage);
		return status;
	}
	cli_open_output(&out, opt.output, &w, opt.flags);
	aggregate_write(m.usage, &w);
	cli_commit_output(&out);
	aggregate_free(m.usage);
	return status;
}

/*
 * Open every input of a sorted merge and check its columns; NULL when
 * none can be merged.  Standard input is read once, so "-" is taken once.
 */
static struct usage_merge *
merge_open(int argc, char **argv)
{
	static const char *const counts[] = { "plays", "listens", "ms" };
	struct usage_merge *um = NULL;
	struct aggregate_columns first_cols;
	const char *first = NULL;
	int stdin_taken = 0;
	char why[512];

	for (int i = 0; i < argc; i++) {
		struct aggregate_columns cols;
		struct table *t;
		int idx[3];

		if (strcmp(argv[i], "-") == 0 && stdin_taken++) {
			input_fault(NULL, "<stdin>: standard input is read once: give \"-\" once");
			continue;
		}
		if ((t = open_input(argv[i], counts, 3, idx)) == NULL)
			continue;
		if (aggregate_columns(t, &cols) != 0) {
			snprintf(why, sizeof why, "%s:1: month: no such column (a usage file has key columns)",
			    table_name(t));
			input_fault(t, why);
			continue;
		}
		if (um && !aggregate_same_columns(&cols, &first_cols)) {
			snprintf(why, sizeof why, "%s:1: its columns differ from those of %s", table_name(t),
			    first);
			input_fault(t, why);
			continue;
		}
		if (um == NULL) {
			um = usage_merge_new(&cols);
			first_cols = cols;
			first = argv[i];
		}
		usage_merge_add(um, t, &cols);
	}
	return um;
}

/* An input the sorted merge cannot read on: reported, and nothing is committed. */
static void
merge_fault(const struct usage_merge_event *ev)
{
	const struct table *t = ev->t;

	switch (ev->kind) {
	case USAGE_MERGE_UNSORTED:
		err_at(table_name(t), table_line(t), NULL, "not sorted by key: merge needs usage files "
		    "as 1d-listens writes them (--unsorted adds up any order, in memory)");
		break;
	case USAGE_MERGE_SHARED_USER:
		err_at(table_name(t), table_line(t), NULL, "\"%s\" of %s is also in %s: shards must be "
		    "disjoint in users (a shard merged twice, or a stale one, is counted twice)",
		    table_field(t, table_col(t, "user")), table_field(t, table_col(t, "month")), ev->other);
		break;
	default:
		err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
	}
	err_status_raise(ERR_EXIT_USAGE);
}

/* The spooled output to standard output; a failure is an I/O error. */
static void
copy_spool(FILE *spool, FILE *to)
{
	char buf[1 << 16];
	size_t got;

	if (fflush(spool) != 0 || fseek(spool, 0, SEEK_SET) != 0)
		err_exit(ERR_EXIT_USAGE, "a temporary file for standard output: %s", strerror(errno));
	while ((got = fread(buf, 1, sizeof buf, spool)) > 0)
		if (fwrite(buf, 1, got, to) != got)
			break;
	if (ferror(spool))
		err_exit(ERR_EXIT_USAGE, "a temporary file for standard output: %s", strerror(errno));
}

/*
 * merge: add usage files up; their key columns must be the same.  They
 * are sorted by key, so they are merged as streams (usage_merge.h) and
 * each row is written as soon as it is summed.
 */
static int
cmd_merge(int argc, char **argv)
{
	static char *stdin_only[] = { "-", NULL };
	struct usage_merge *um;
	struct usage_merge_event ev;
	struct out out;
	struct table_writer w;
	FILE *spool = NULL;
	struct rlimit files;
	long *messages;
	char err[512];
	int n = argc ? argc : 1;

	if ((run.rejects = rejects_open(NULL, opt.flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (opt.unsorted) {
		int status = merge_in_memory(argc, argv);

		rejects_close(run.rejects, err, sizeof err);
		if (status == ERR_EXIT_OK && run.rejected > 0)
			status = ERR_EXIT_DATA;
		return status;
	}
	/* Every file is open at once: as many as the hard limit allows (split makes up to 4096). */
	if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
		files.rlim_cur = files.rlim_max;
		setrlimit(RLIMIT_NOFILE, &files);
	}
	if ((um = merge_open(argc ? argc : 1, argc ? argv : stdin_only)) == NULL) {
		rejects_close(run.rejects, err, sizeof err);
		return err_status() > ERR_EXIT_OK ? err_status() : ERR_EXIT_USAGE;
	}
	messages = err_calloc(n, sizeof *messages);
	cli_open_output(&out, opt.output, &w, opt.flags);
	/*
	 * Rows go out as they are summed, and a fault may come after: standard
	 * output is spooled to a temporary file so that it too gets nothing.
	 */
	if (out.path == NULL && (spool = tmpfile()) == NULL)
		err_exit(ERR_EXIT_USAGE, "a temporary file for standard output: %s", strerror(errno));
	if (spool)
		table_writer_init(&w, spool, opt.flags);
	usage_merge_write_header(um, &w);
	for (usage_merge_next(um, &ev); ev.kind != USAGE_MERGE_END; usage_merge_next(um, &ev)) {
		switch (ev.kind) {
		case USAGE_MERGE_ROW:
			usage_merge_write_row(um, &w);
			break;
		case USAGE_MERGE_BAD_TEXT:
			reject(ev.t, NULL, table_error(ev.t), &messages[ev.input]);
			break;
		case USAGE_MERGE_BAD:
			reject(ev.t, ev.field, ev.why, &messages[ev.input]);
			break;
		case USAGE_MERGE_OVERFLOW:
			overflow(ev.t, ev.field);
		default:
			merge_fault(&ev);
		}
	}
	for (int i = 0; i < n; i++)
		if (messages[i] > MAX_MESSAGES_PER_FILE)
			err_warn("%s: %ld more rejected rows not shown", usage_merge_name(um, i),
			    messages[i] - MAX_MESSAGES_PER_FILE);
	rejects_close(run.rejects, err, sizeof err);
	if (spool && err_status() < ERR_EXIT_USAGE)
		copy_spool(spool, out.fp);
	if (spool)
		fclose(spool);
	cli_commit_output(&out);
	usage_merge_free(um);
	free(messages);
	if (err_status() >= ERR_EXIT_USAGE)
		return ERR_EXIT_USAGE;
	return run.rejected > 0 ? ERR_EXIT_DATA : ERR_EXIT_OK;
}

#define TSV_OPTION { "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 }

static const struct cli_option aggregate_options[] = {
	TSV_OPTION,
	{ "verbose", 'v', CLI_FLAG, NULL, &opt.verbose, 1, 0 },
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 0 },
	{ "tz", 0, CLI_STRING, "TZ", &opt.tz, 0, 0 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog, 0, 0 },
	{ "min-ms", 0, CLI_COUNT, "N", &opt.min_ms, 0, 0 },
	{ "max-per-day", 0, CLI_COUNT, "N", &opt.max_per_day, 0, 0 },
	{ "by", 0, CLI_STRING, "LIST", &opt.by, 0, 0 },
	{ "pseudonymise", 0, CLI_STRING, "KEY", &opt.key, 0, 0 },
	{ "rejects", 0, CLI_STRING, "FILE", &opt.rejects, 0, 0 },
	{ "max-rejects", 0, CLI_COUNT, "N", &opt.max_rejects, 0, 0 },
	{ "progress", 0, CLI_FLAG, NULL, &opt.progress, 1, 0 },
	{ "threads", 'j', CLI_COUNT, "N", &opt.threads, 0, 0 },
	{ "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 },
	{ NULL },
};
static const struct cli_option split_options[] = {
	TSV_OPTION,
	{ "by", 0, CLI_STRING, "user", &opt.by, 0, 1 },
	{ "shards", 'n', CLI_COUNT, "N", &opt.shards, 0, 1 },
	{ "output", 'o', CLI_STRING, "PREFIX", &opt.output, 0, 1 },
	{ NULL },
};
static const struct cli_option map_options[] = {
	TSV_OPTION,
	{ "rejects", 0, CLI_STRING, "FILE", &opt.rejects, 0, 0 },
	{ NULL },
};
static const struct cli_option merge_options[] = {
	TSV_OPTION,
	{ "unsorted", 0, CLI_FLAG, NULL, &opt.unsorted, 1, 0 },
	{ "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 },
	{ NULL },
};

static const struct cli_command commands[] = {
	{ NULL, aggregate_options, "[FILE ...]", 0, -1, cmd_aggregate },
	{ "split", split_options, "[FILE ...]", 0, -1, cmd_split },
	{ "merge", merge_options, "[FILE ...]", 0, -1, cmd_merge },
	{ "map", map_options, "[FILE ...]", 0, -1, cmd_map },
	{ "reduce", aggregate_options, "[FILE ...]", 0, -1, cmd_reduce },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { NULL, commands };

	return cli_main(&tool, argc, argv);
}
