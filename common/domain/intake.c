#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "hmap.h"
#include "intern.h"
#include "intake.h"

struct intake {
	struct intake_rules rules;
	struct aggregate *usage;
	/*
	 * Listens kept so far, per month: the first instant of each (user,
	 * track), in milliseconds since the day before the month began, and
	 * the other instants of the pairs that have more, exactly.  One probe
	 * answers both "a duplicate?" and "a new pair?" for most rows.
	 */
	struct seen_month {
		int month;
		int64_t origin_ms;
		struct pair {
			uint64_t key;		/* (user + 1, track + 1); 0: empty */
			uint32_t first;
		} *pairs;
		size_t mask, npairs;
		struct hmap *more;		/* (user, track) and a later instant */
	} *seen;
	int nseen;
	struct hmap *per_day;		/* (day, user, track) -> index in day_listens */
	int64_t *day_listens;
	uint32_t day_cap;
	/* Pseudonymisation: raw user id -> usage user id. */
	struct intern *raw_users;
	uint32_t *pseudonym;
	uint32_t pseudonym_cap;
	struct intake_counts n;
};

struct intake *
intake_new(const struct intake_rules *rules, struct aggregate *usage)
{
	struct intake *in = err_calloc(1, sizeof *in);

	in->rules = *rules;
	in->usage = usage;
	aggregate_count_listeners_by_pair(usage);
	if (rules->max_per_day > 0)
		in->per_day = hmap_new_map();
	if (rules->key)
		in->raw_users = intern_new();
	return in;
}

void
intake_free(struct intake *in)
{
	if (in == NULL)
		return;
	for (int i = 0; i < in->nseen; i++) {
		free(in->seen[i].pairs);
		hmap_free(in->seen[i].more);
	}
	free(in->seen);
	hmap_free(in->per_day);
	free(in->day_listens);
	intern_free(in->raw_users);
	free(in->pseudonym);
	free(in);
}

const struct intake_counts *
intake_counts(const struct intake *in)
{
	return &in->n;
}

/* The usage id of a user, through its pseudonym when there is a key. */
static uint32_t
user_id(struct intake *in, const char *user, size_t len)
{
	uint32_t raw;
	char hex[HASH_HEX_LEN];

	if (in->rules.key == NULL)
		return aggregate_id(in->usage, AGGREGATE_USER, user, len);
	raw = intern_add(in->raw_users, user, len);
	if (raw >= in->pseudonym_cap) {
		uint32_t old = in->pseudonym_cap;

		in->pseudonym_cap = in->pseudonym_cap ? in->pseudonym_cap * 2 : 1024;
		in->pseudonym = err_realloc(in->pseudonym, in->pseudonym_cap * sizeof *in->pseudonym);
		for (uint32_t i = old; i < in->pseudonym_cap; i++)
			in->pseudonym[i] = UINT32_MAX;
	}
	if (in->pseudonym[raw] == UINT32_MAX) {
		hash_hmac_sha256_hex(in->rules.key, in->rules.keylen, user, len, hex);
		in->pseudonym[raw] = aggregate_id(in->usage, AGGREGATE_USER, hex, HASH_HEX_LEN - 1);
	}
	return in->pseudonym[raw];
}

/* The slot of key, or the empty one where it goes. */
static struct pair *
pair_slot(struct pair *pairs, size_t mask, uint64_t key)
{
	for (size_t j = hash_mix(key, 0) & mask;; j = (j + 1) & mask)
		if (pairs[j].key == key || pairs[j].key == 0)
			return &pairs[j];
}

static void
pairs_grow(struct seen_month *sm)
{
	size_t mask = sm->mask * 2 + 1;
	struct pair *pairs = err_calloc(mask + 1, sizeof *pairs);

	for (size_t i = 0; i <= sm->mask; i++)
		if (sm->pairs[i].key)
			*pair_slot(pairs, mask, sm->pairs[i].key) = sm->pairs[i];
	free(sm->pairs);
	sm->pairs = pairs;
	sm->mask = mask;
}

/*
 * Is this the first time (ts, user, track) is seen?  Exact, never a
 * guess.  *new_pair: and (user, track) in this month too.
 */
static int
first_listen(struct intake *in, int month, int64_t ts_ms, uint32_t user, uint32_t track,
    int *new_pair)
{
	struct seen_month *sm = NULL;
	uint64_t key = (uint64_t)(user + 1) << 32 | (track + 1);
	uint32_t at;
	struct pair *p;

	for (int i = 0; i < in->nseen; i++)
		if (in->seen[i].month == month)
			sm = &in->seen[i];
	if (sm == NULL) {
		struct date first = { month / 12, month % 12 + 1, 1 };

		in->seen = err_realloc(in->seen, (size_t)(in->nseen + 1) * sizeof *in->seen);
		sm = &in->seen[in->nseen++];
		memset(sm, 0, sizeof *sm);
		sm->month = month;
		/* A day of margin either side covers any zone's offset, and a
		 * month and two days of milliseconds fit in 32 bits. */
		sm->origin_ms = (date_to_days(first) - 1) * 86400000;
		sm->mask = 1023;
		sm->pairs = err_calloc(sm->mask + 1, sizeof *sm->pairs);
		sm->more = hmap_new_set();
	}
	at = (uint32_t)(ts_ms - sm->origin_ms);
	p = pair_slot(sm->pairs, sm->mask, key);
	*new_pair = p->key == 0;
	if (*new_pair) {
		p->key = key;
		p->first = at;
		if (++sm->npairs * 4 > (sm->mask + 1) * 3)
			pairs_grow(sm);
		return 1;
	}
	if (p->first == at)
		return 0;
	return hmap_add(sm->more, key, at);
}

/* Is one more qualified listen of (user, track) on this day under the cap? */
static int
under_daily_cap(struct intake *in, int64_t day, uint32_t user, uint32_t track)
{
	int added;
	uint32_t i = hmap_index(in->per_day, (uint64_t)day, (uint64_t)(user + 1) << 32 | (track + 1),
	    &added);

	if (i == HMAP_FULL)
		return -1;
	if (i >= in->day_cap) {
		in->day_cap = in->day_cap ? in->day_cap * 2 : 1024;
		in->day_listens = err_realloc(in->day_listens, in->day_cap * sizeof *in->day_listens);
	}
	if (added)
		in->day_listens[i] = 0;
	if (in->day_listens[i] >= in->rules.max_per_day)
		return 0;
	in->day_listens[i]++;
	return 1;
}

int
intake_rules_init(struct intake_rules *r, const char *month, const char *tz, int64_t min_ms,
    int64_t max_per_day, char *err, size_t errlen)
{
	int year, mon;

	*r = (struct intake_rules){ .month = -1, .min_ms = min_ms, .max_per_day = max_per_day };
	if (month) {
		if (date_parse_month(month, &year, &mon) != 0) {
			snprintf(err, errlen, "--month: not a month (YYYY-MM): \"%s\"", month);
			return -1;
		}
		r->month = date_month_index(year, mon);
	}
	if ((r->zone = date_zone_open(tz)) == NULL) {
		snprintf(err, errlen, "--tz: unknown time zone \"%s\"", tz);
		return -1;
	}
	return 0;
}

int
intake_add(struct intake *in, const struct listen *l, const char **column)
{
	/* Seconds rounded down, before the epoch too. */
	int64_t epoch = l->ts_ms >= 0 ? l->ts_ms / 1000 : -((999 - l->ts_ms) / 1000);
	int month = date_zone_month(in->rules.zone, epoch), qualified, under, new_pair;
	uint32_t sid, uid, tid;

	*column = NULL;
	if (in->rules.month >= 0 && month != in->rules.month) {
		in->n.other_months++;
		return INTAKE_OTHER_MONTH;
	}
	sid = aggregate_id(in->usage, AGGREGATE_STRUCTURE, l->structure, l->structure_len);
	uid = user_id(in, l->user, l->user_len);
	tid = aggregate_id(in->usage, AGGREGATE_TRACK, l->track, l->track_len);
	if (!first_listen(in, month, l->ts_ms, uid, tid, &new_pair)) {
		in->n.duplicates++;
		return INTAKE_DUPLICATE;
	}
	qualified = l->ms_played >= in->rules.min_ms;
	if (qualified && in->rules.max_per_day > 0) {
		if ((under = under_daily_cap(in, date_zone_day(in->rules.zone, epoch), uid, tid)) < 0)
			return INTAKE_OVERFLOW;
		if (!under) {
			qualified = 0;
			in->n.capped++;
		}
	}
	if (aggregate_add(in->usage, month, sid, uid, tid, 1, qualified, l->ms_played, new_pair,
	    column) != 0)
		return INTAKE_OVERFLOW;
	in->n.kept++;
	in->n.qualified += qualified;
	return INTAKE_KEPT;
}

char *
intake_read_key(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *key;

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot read the key file", path);
		return NULL;
	}
	key = err_malloc(4096);
	*len = fread(key, 1, 4096, f);
	fclose(f);
	/* A trailing newline is not part of the key. */
	while (*len > 0 && (key[*len - 1] == '\n' || key[*len - 1] == '\r'))
		(*len)--;
	if (*len < 16) {
		snprintf(err, errlen, "%s: a key needs at least 16 bytes", path);
		free(key);
		return NULL;
	}
	return key;
}
