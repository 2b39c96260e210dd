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
 * of a split and merging them gives the same bytes as one run.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "hmap.h"
#include "hset.h"
#include "intern.h"
#include "listen.h"
#include "out.h"
#include "rejects.h"
#include "table.h"
#include "aggregate.h"

/* Diagnostics for rejected rows stop after this many per file; the
 * --rejects file still gets every one. */
#define MAX_MESSAGES_PER_FILE 20

struct counts {
	long long read, kept, rejected, duplicates, other_months, qualified, capped;
};

static struct options {
	int flags;		/* TABLE_TSV */
	int verbose, progress;
	const char *month_text;
	int month;		/* date_month_index, or -1 for every month */
	const char *tz;
	const char *catalog_path;
	int64_t min_ms, max_per_day, max_rejects, shards;
	const char *by;
	unsigned keys;
	const char *key_path;
	const char *rejects_path;
	const char *output;
} opt = { .month = -1, .min_ms = 30000, .max_rejects = -1, .keys = AGGREGATE_ALL_KEYS };

struct aggregation {
	struct options *opt;
	struct aggregate *usage;
	struct date_zone *zone;
	struct catalog *catalog;
	struct rejects *rejects;
	/*
	 * Listens kept so far, one set per month: (user, track) and the
	 * milliseconds since the day before the month began, exactly.
	 */
	struct seen_month {
		int month;
		int64_t origin_ms;
		struct hset *set;
	} *seen;
	int nseen;
	struct hmap *per_day;		/* (day, user, track) -> index in day_listens */
	int64_t *day_listens;
	uint32_t day_cap;
	/* Pseudonymisation: raw user id -> pseudonymous usage id. */
	char *key;
	size_t keylen;
	struct intern *raw_users;
	uint32_t *pseudonym;
	uint32_t pseudonym_cap;
	struct counts n;
	int status;
};

static void
reject(struct aggregation *ag, const struct table *t, const char *field, const char *why,
    long *messages)
{
	char reason[512];

	snprintf(reason, sizeof reason, "%s%s%s", field ? field : "", field ? ": " : "", why);
	rejects_add(ag->rejects, t, reason);
	ag->n.rejected++;
	if (++*messages <= MAX_MESSAGES_PER_FILE)
		err_at(table_name(t), table_line(t), field, "%s", why);
	if (ag->opt->max_rejects >= 0 && ag->n.rejected > ag->opt->max_rejects)
		err_exit(ERR_EXIT_DATA, "more than %" PRId64 " rejected rows: giving up, nothing written",
		    ag->opt->max_rejects);
}

/* The usage id of a user, through its pseudonym when --pseudonymise is on. */
static uint32_t
user_id(struct aggregation *ag, const char *user, size_t len)
{
	uint32_t raw;
	char hex[HASH_HEX_LEN];

	if (ag->key == NULL)
		return aggregate_id(ag->usage, AGGREGATE_USER, user, len);
	raw = intern_add(ag->raw_users, user, len);
	if (raw >= ag->pseudonym_cap) {
		uint32_t old = ag->pseudonym_cap;

		ag->pseudonym_cap = ag->pseudonym_cap ? ag->pseudonym_cap * 2 : 1024;
		ag->pseudonym = err_realloc(ag->pseudonym, ag->pseudonym_cap * sizeof *ag->pseudonym);
		for (uint32_t i = old; i < ag->pseudonym_cap; i++)
			ag->pseudonym[i] = UINT32_MAX;
	}
	if (ag->pseudonym[raw] == UINT32_MAX) {
		hash_hmac_sha256_hex(ag->key, ag->keylen, user, len, hex);
		ag->pseudonym[raw] = aggregate_id(ag->usage, AGGREGATE_USER, hex, HASH_HEX_LEN - 1);
	}
	return ag->pseudonym[raw];
}

/* Is one more qualified listen of (user, track) on this day under the cap? */
static int
under_daily_cap(struct aggregation *ag, int64_t day, uint32_t user, uint32_t track)
{
	int added;
	uint32_t i = hmap_put(ag->per_day, (uint64_t)day, (uint64_t)user << 32 | track, &added);

	if (i == UINT32_MAX)
		err_exit(ERR_EXIT_USAGE, "too many distinct (day, user, track) keys");
	if (i >= ag->day_cap) {
		ag->day_cap = ag->day_cap ? ag->day_cap * 2 : 1024;
		ag->day_listens = err_realloc(ag->day_listens, ag->day_cap * sizeof *ag->day_listens);
	}
	if (added)
		ag->day_listens[i] = 0;
	if (ag->day_listens[i] >= ag->opt->max_per_day)
		return 0;
	ag->day_listens[i]++;
	return 1;
}

/* Is this the first time (ts, user, track) is seen?  Exact, never a guess. */
static int
first_listen(struct aggregation *ag, int month, int64_t ts_ms, uint32_t user, uint32_t track)
{
	struct seen_month *sm = NULL;

	for (int i = 0; i < ag->nseen; i++)
		if (ag->seen[i].month == month)
			sm = &ag->seen[i];
	if (sm == NULL) {
		struct date first = { month / 12, month % 12 + 1, 1 };

		ag->seen = err_realloc(ag->seen, (size_t)(ag->nseen + 1) * sizeof *ag->seen);
		sm = &ag->seen[ag->nseen++];
		sm->month = month;
		/* A day of margin either side covers any zone's offset, and a
		 * month and two days of milliseconds fit in 32 bits. */
		sm->origin_ms = (date_to_days(first) - 1) * 86400000;
		sm->set = hset_new();
	}
	return hset_add(sm->set, (uint64_t)(user + 1) << 32 | (track + 1),
	    (uint32_t)(ts_ms - sm->origin_ms));
}

static void
aggregate_row(struct aggregation *ag, const struct table *t, const struct listen_columns *cols,
    long *messages)
{
	struct listen l;
	const char *field;
	char why[256];
	int64_t epoch;
	int month, qualified;
	uint32_t sid, uid, tid;

	if (listen_parse(t, cols, &l, &field, why, sizeof why) != 0) {
		reject(ag, t, field, why, messages);
		return;
	}
	if (ag->catalog && catalog_find(ag->catalog, l.track) == NULL) {
		snprintf(why, sizeof why, "not in the catalogue: \"%.128s\"", l.track);
		reject(ag, t, "track", why, messages);
		return;
	}
	epoch = l.ts_ms >= 0 ? l.ts_ms / 1000 : -((999 - l.ts_ms) / 1000);
	month = date_zone_month(ag->zone, epoch);
	if (ag->opt->month >= 0 && month != ag->opt->month) {
		ag->n.other_months++;
		return;
	}
	sid = aggregate_id(ag->usage, AGGREGATE_STRUCTURE, l.structure, l.structure_len);
	uid = user_id(ag, l.user, l.user_len);
	tid = aggregate_id(ag->usage, AGGREGATE_TRACK, l.track, l.track_len);
	if (!first_listen(ag, month, l.ts_ms, uid, tid)) {
		ag->n.duplicates++;
		return;
	}
	qualified = l.ms_played >= ag->opt->min_ms;
	if (qualified && ag->opt->max_per_day > 0 &&
	    !under_daily_cap(ag, date_zone_day(ag->zone, epoch), uid, tid)) {
		qualified = 0;
		ag->n.capped++;
	}
	if (aggregate_add(ag->usage, month, sid, uid, tid, 1, qualified, l.ms_played, 0) != 0)
		err_exit(ERR_EXIT_USAGE, "%s:%ld: counter overflow", table_name(t), table_line(t));
	ag->n.kept++;
	ag->n.qualified += qualified;
}

static void
aggregate_file(struct aggregation *ag, const char *path)
{
	char err[512];
	struct table *t = table_open(path, ag->opt->flags, err, sizeof err);
	struct listen_columns cols;
	const char *missing;
	long messages = 0;
	int r;

	if (t == NULL) {
		err_warn("%s", err);
		ag->status = ERR_EXIT_USAGE;
		return;
	}
	if (listen_columns(t, &cols, &missing) != 0) {
		err_at(table_name(t), 1, NULL, "no \"%s\" column", missing);
		ag->status = ERR_EXIT_USAGE;
		table_close(t);
		return;
	}
	while ((r = table_next(t)) == 1) {
		ag->n.read++;
		aggregate_row(ag, t, &cols, &messages);
		if (ag->opt->progress && ag->n.read % 1000000 == 0)
			fprintf(stderr, "\r%s: %lld rows", err_prog(), ag->n.read);
	}
	if (messages > MAX_MESSAGES_PER_FILE)
		err_warn("%s: %ld more rejected rows not shown", table_name(t),
		    messages - MAX_MESSAGES_PER_FILE);
	if (r < 0) {
		err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
		ag->status = ERR_EXIT_DATA;
	}
	table_close(t);
}

static char *
read_key(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *key = err_malloc(4096);

	if (f == NULL)
		err_exit(ERR_EXIT_USAGE, "%s: cannot read the key file", path);
	*len = fread(key, 1, 4096, f);
	fclose(f);
	/* A trailing newline is not part of the key. */
	while (*len > 0 && (key[*len - 1] == '\n' || key[*len - 1] == '\r'))
		(*len)--;
	if (*len < 16)
		err_exit(ERR_EXIT_USAGE, "%s: a key needs at least 16 bytes", path);
	return key;
}

static int
aggregate(struct options *opt, int argc, char **argv)
{
	struct aggregation ag = { .opt = opt };
	char err[512];
	struct out out;
	struct table_writer w;

	if (opt->tz && (ag.zone = date_zone_open(opt->tz)) == NULL)
		err_exit(ERR_EXIT_USAGE, "--tz: unknown time zone \"%s\"", opt->tz);
	if (ag.zone == NULL)
		ag.zone = date_zone_open(NULL);
	if (opt->catalog_path &&
	    (ag.catalog = catalog_load(opt->catalog_path, opt->flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (opt->key_path) {
		ag.key = read_key(opt->key_path, &ag.keylen);
		ag.raw_users = intern_new();
	}
	if ((ag.rejects = rejects_open(opt->rejects_path, opt->flags, err, sizeof err)) == NULL)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	ag.usage = aggregate_new(opt->keys, 1, 0);
	if (opt->max_per_day > 0)
		ag.per_day = hmap_new();

	if (argc == 0)
		aggregate_file(&ag, "-");
	for (int i = 0; i < argc; i++)
		aggregate_file(&ag, argv[i]);
	if (opt->progress)
		fputc('\n', stderr);

	cli_open_output(&out, opt->output, &w, opt->flags);
	aggregate_write(ag.usage, &w);
	cli_commit_output(&out);
	if (rejects_close(ag.rejects, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (opt->verbose)
		err_warn("read %lld = kept %lld + rejected %lld + duplicates %lld + other months %lld;"
		    " %lld qualified listens, %lld over the daily cap; %u usage rows",
		    ag.n.read, ag.n.kept, ag.n.rejected, ag.n.duplicates, ag.n.other_months,
		    ag.n.qualified, ag.n.capped, aggregate_rows(ag.usage));
	if (ag.status == ERR_EXIT_OK && ag.n.rejected > 0)
		ag.status = ERR_EXIT_DATA;
	aggregate_free(ag.usage);
	for (int i = 0; i < ag.nseen; i++)
		hset_free(ag.seen[i].set);
	free(ag.seen);
	hmap_free(ag.per_day);
	free(ag.day_listens);
	catalog_free(ag.catalog);
	date_zone_close(ag.zone);
	intern_free(ag.raw_users);
	free(ag.pseudonym);
	free(ag.key);
	return ag.status;
}

/*
 * split: every row goes, unchanged, to PREFIX.K.csv where K is the FNV-1a
 * hash of its user modulo N: the same user always lands in the same shard,
 * on any machine.
 */
static int
split(int flags, int64_t nshards, const char *prefix, int argc, char **argv)
{
	struct out *outs;
	struct table_writer *ws;
	char err[512], path[4096];
	int status = ERR_EXIT_OK, header_written = 0;
	long long rows = 0;

	outs = err_calloc((size_t)nshards, sizeof *outs);
	ws = err_calloc((size_t)nshards, sizeof *ws);
	for (long k = 0; k < nshards; k++) {
		snprintf(path, sizeof path, "%s.%ld.%s", prefix, k, flags & TABLE_TSV ? "tsv" : "csv");
		if (out_open(&outs[k], path, err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
		table_writer_init(&ws[k], outs[k].fp, flags);
	}
	for (int i = 0; i < (argc ? argc : 1); i++) {
		struct table *t = table_open(argc ? argv[i] : "-", flags, err, sizeof err);
		int user, r;

		if (t == NULL) {
			err_warn("%s", err);
			status = ERR_EXIT_USAGE;
			continue;
		}
		if ((user = table_col(t, "user")) < 0) {
			err_at(table_name(t), 1, NULL, "no \"user\" column");
			status = ERR_EXIT_USAGE;
			table_close(t);
			continue;
		}
		if (!header_written) {
			for (long k = 0; k < nshards; k++) {
				for (int c = 0; c < table_ncols(t); c++)
					table_put(&ws[k], table_colname(t, c));
				table_end_row(&ws[k]);
			}
			header_written = 1;
		}
		while ((r = table_next(t)) == 1) {
			uint64_t h = hash_fnv1a(table_field(t, user), table_fieldlen(t, user));
			struct table_writer *w = &ws[h % (uint64_t)nshards];

			for (int c = 0; c < table_nfields(t); c++)
				table_putn(w, table_field(t, c), table_fieldlen(t, c));
			table_end_row(w);
			rows++;
		}
		if (r < 0) {
			err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
			status = ERR_EXIT_DATA;
		}
		table_close(t);
	}
	for (long k = 0; k < nshards; k++)
		if (out_commit(&outs[k], err, sizeof err) != 0)
			err_exit(ERR_EXIT_USAGE, "%s", err);
	free(outs);
	free(ws);
	return status;
}

/* merge: add usage files up; their key columns must be the same. */
static int
merge(int flags, const char *output, int argc, char **argv)
{
	struct aggregate *u = NULL;
	unsigned keys = 0;
	int has_users = 0, status = ERR_EXIT_OK;
	char err[512];
	struct out out;
	struct table_writer w;

	for (int i = 0; i < argc; i++) {
		struct table *t = table_open(argv[i], flags, err, sizeof err);
		int col[AGGREGATE_NDIMS], plays, listens, ms, users, r;
		unsigned file_keys = 0;

		if (t == NULL) {
			err_warn("%s", err);
			status = ERR_EXIT_USAGE;
			continue;
		}
		for (int d = 0; d < AGGREGATE_NDIMS; d++)
			if ((col[d] = table_col(t, aggregate_dim_names[d])) >= 0)
				file_keys |= 1u << d;
		plays = table_col(t, "plays");
		listens = table_col(t, "listens");
		ms = table_col(t, "ms");
		users = table_col(t, "users");
		if (file_keys == 0 || plays < 0 || listens < 0 || ms < 0) {
			err_at(table_name(t), 1, NULL, "not a usage file: needs key columns and plays, listens, ms");
			status = ERR_EXIT_USAGE;
			table_close(t);
			continue;
		}
		if (u == NULL) {
			keys = file_keys;
			has_users = users >= 0;
			u = aggregate_new(keys, has_users, 1);
		} else if (file_keys != keys || has_users != (users >= 0)) {
			err_at(table_name(t), 1, NULL, "its columns differ from those of %s", argv[0]);
			status = ERR_EXIT_USAGE;
			table_close(t);
			continue;
		}
		while ((r = table_next(t)) == 1) {
			int64_t v[4] = { 0, 0, 0, 0 };
			int vcol[4] = { plays, listens, ms, users };
			const char *vname[4] = { "plays", "listens", "ms", "users" };
			uint32_t id[AGGREGATE_NDIMS] = { 0, 0, 0, 0 };
			int year = 0, month = 1, bad = 0;

			if ((keys & 1u << AGGREGATE_MONTH) &&
			    date_parse_month(table_field(t, col[AGGREGATE_MONTH]), &year, &month) != 0) {
				err_at(table_name(t), table_line(t), "month", "not a month: \"%s\"",
				    table_field(t, col[AGGREGATE_MONTH]));
				bad = 1;
			}
			for (int k = 0; k < 4 && !bad; k++) {
				char *end;
				const char *s = table_field(t, vcol[k]);

				if (vcol[k] < 0)
					continue;
				v[k] = strtoll(s, &end, 10);
				if (*s < '0' || *s > '9' || *end != '\0') {
					err_at(table_name(t), table_line(t), vname[k],
					    "not a non-negative integer: \"%s\"", s);
					bad = 1;
				}
			}
			if (bad) {
				status = ERR_EXIT_DATA;
				continue;
			}
			for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
				if (keys & 1u << d)
					id[d] = aggregate_id(u, (enum aggregate_dim)d, table_field(t, col[d]),
					    table_fieldlen(t, col[d]));
			if (aggregate_add(u, date_month_index(year, month), id[AGGREGATE_STRUCTURE], id[AGGREGATE_USER],
			    id[AGGREGATE_TRACK], v[0], v[1], v[2], v[3]) != 0)
				err_exit(ERR_EXIT_USAGE, "%s:%ld: counter overflow", table_name(t), table_line(t));
		}
		if (r < 0) {
			err_at(table_name(t), table_line(t), NULL, "%s", table_error(t));
			status = ERR_EXIT_DATA;
		}
		table_close(t);
	}
	if (u == NULL)
		return status;
	cli_open_output(&out, output, &w, flags);
	aggregate_write(u, &w);
	cli_commit_output(&out);
	aggregate_free(u);
	return status;
}

static int
cmd_aggregate(int argc, char **argv)
{
	int year, month;

	if (opt.month_text) {
		if (date_parse_month(opt.month_text, &year, &month) != 0)
			cli_usage_error("--month: not a month (YYYY-MM): \"%s\"", opt.month_text);
		opt.month = date_month_index(year, month);
	}
	if (opt.by && aggregate_parse_keys(opt.by, &opt.keys) != 0)
		cli_usage_error("--by: not a list of month, structure, user, track: \"%s\"", opt.by);
	opt.progress = cli_progress(opt.progress);
	return aggregate(&opt, argc, argv);
}

static int
cmd_split(int argc, char **argv)
{
	if (strcmp(opt.by, "user") != 0)
		err_exit(ERR_EXIT_USAGE, "split: only --by user is supported");
	if (opt.shards < 1 || opt.shards > 4096)
		cli_usage_error("split: -n: not between 1 and 4096: %" PRId64, opt.shards);
	return split(opt.flags, opt.shards, opt.output, argc, argv);
}

static int
cmd_merge(int argc, char **argv)
{
	return merge(opt.flags, opt.output, argc, argv);
}

#define TSV_OPTION { "tsv", 't', CLI_FLAG, NULL, &opt.flags, TABLE_TSV, 0 }

static const struct cli_option aggregate_options[] = {
	TSV_OPTION,
	{ "verbose", 'v', CLI_FLAG, NULL, &opt.verbose, 1, 0 },
	{ "month", 0, CLI_STRING, "MONTH", &opt.month_text, 0, 0 },
	{ "tz", 0, CLI_STRING, "TZ", &opt.tz, 0, 0 },
	{ "catalog", 0, CLI_STRING, "FILE", &opt.catalog_path, 0, 0 },
	{ "min-ms", 0, CLI_COUNT, "N", &opt.min_ms, 0, 0 },
	{ "max-per-day", 0, CLI_COUNT, "N", &opt.max_per_day, 0, 0 },
	{ "by", 0, CLI_STRING, "LIST", &opt.by, 0, 0 },
	{ "pseudonymise", 0, CLI_STRING, "KEY", &opt.key_path, 0, 0 },
	{ "rejects", 0, CLI_STRING, "FILE", &opt.rejects_path, 0, 0 },
	{ "max-rejects", 0, CLI_COUNT, "N", &opt.max_rejects, 0, 0 },
	{ "progress", 0, CLI_FLAG, NULL, &opt.progress, 1, 0 },
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
static const struct cli_option merge_options[] = {
	TSV_OPTION,
	{ "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 },
	{ NULL },
};

static const struct cli_command commands[] = {
	{ NULL, aggregate_options, "[FILE ...]", 0, -1, cmd_aggregate },
	{ "split", split_options, "[FILE ...]", 0, -1, cmd_split },
	{ "merge", merge_options, "FILE ...", 1, -1, cmd_merge },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { NULL, commands };

	return cli_main(&tool, argc, argv);
}
