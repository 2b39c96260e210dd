#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "cct.h"
#include "date.h"
#include "err.h"

#define NO_HOLDER UINT32_MAX

static int
policy_has_tier(const struct policy *p, const char *tier)
{
	for (int i = 0; i < p->ntiers; i++)
		if (strcmp(p->tiers[i].name, tier) == 0)
			return 1;
	return 0;
}

static int
load_tiers(struct cct_month *m, const char *path, int flags, char *errbuf, size_t errlen)
{
	struct table *t = table_open(path, flags, errbuf, errlen);
	int holder, tier, r;

	if (t == NULL)
		return -1;
	holder = table_col(t, "holder");
	tier = table_col(t, "tier");
	if (holder < 0 || tier < 0) {
		snprintf(errbuf, errlen, "%s:1: needs \"holder\" and \"tier\" columns", table_name(t));
		table_close(t);
		return -1;
	}
	while ((r = table_next(t)) == 1) {
		const char *name = table_field(t, tier);
		uint32_t id = intern_find(m->holders, table_field(t, holder), table_fieldlen(t, holder));

		if (*name && !policy_has_tier(m->policy, name)) {
			snprintf(errbuf, errlen, "%s:%ld: tier: \"%s\" is not a tier of the policy",
			    table_name(t), table_line(t), name);
			table_close(t);
			return -1;
		}
		if (id != INTERN_NONE)
			m->tier_multiplier[id] = policy_tier_multiplier(m->policy, name);
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		return -1;
	}
	table_close(t);
	return 0;
}

int
cct_month_init(struct cct_month *m, const struct policy *p, int year, int month,
    const struct catalog *c, const struct ledger_month *money, const char *holders_path,
    int flags, char *errbuf, size_t errlen)
{
	size_t n = catalog_count(c);
	struct date last = { year, month, date_days_in_month(year, month) };
	/* Released after this day: new.  A day missing in that month is clamped. */
	struct date boundary = date_add_months(last, -p->novelty_months);

	memset(m, 0, sizeof *m);
	m->policy = p;
	m->year = year;
	m->month = month;
	m->catalog = c;
	m->money = money;
	m->active = err_calloc(n, 1);
	m->coef = err_calloc(n, sizeof *m->coef);
	m->holder = err_calloc(n, sizeof *m->holder);
	m->track_listens = err_calloc(n, sizeof *m->track_listens);
	m->holders = intern_new();
	m->structures = intern_new();
	m->users = intern_new();
	for (size_t i = 0; i < n; i++) {
		const struct catalog_title *t = catalog_title(c, i);

		m->holder[i] = *t->holder ? intern_add(m->holders, t->holder, strlen(t->holder)) : NO_HOLDER;
		m->active[i] = m->holder[i] != NO_HOLDER &&
		    catalog_active_in_month(t, year, month, p->territory);
		m->coef[i] = t->has_release_date && date_cmp(t->release_date, boundary) > 0 ?
		    p->novelty_coef : 1000;
	}
	m->tier_multiplier = err_calloc(intern_count(m->holders) + 1, sizeof *m->tier_multiplier);
	for (uint32_t h = 0; h < intern_count(m->holders); h++)
		m->tier_multiplier[h] = 1000;
	if (holders_path && load_tiers(m, holders_path, flags, errbuf, errlen) != 0)
		return -1;
	return 0;
}

void
cct_month_free(struct cct_month *m)
{
	free(m->active);
	free(m->coef);
	free(m->holder);
	free(m->track_listens);
	free(m->tier_multiplier);
	free(m->entries);
	intern_free(m->holders);
	intern_free(m->structures);
	intern_free(m->users);
	memset(m, 0, sizeof *m);
}

/* Why a title earns nothing this month. */
static const char *
inactive_reason(const struct cct_month *m, long i, char *buf, size_t n)
{
	const struct catalog_title *t = catalog_title(m->catalog, (size_t)i);
	char month[8];

	date_format_month(m->year, m->month, month);
	if (t->status != CATALOG_ACTIVE)
		snprintf(buf, n, "taken down: \"%s\"", t->track);
	else if (!*t->holder)
		snprintf(buf, n, "no rights holder: \"%s\"", t->track);
	else if (!catalog_active_in_month(t, m->year, m->month, NULL))
		snprintf(buf, n, "not available in %s: \"%s\"", month, t->track);
	else
		snprintf(buf, n, "not available in %s: \"%s\"", m->policy->territory, t->track);
	return buf;
}

static int
parse_count(const char *s, int64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*v = strtoll(s, &end, 10);
	return *end ? -1 : 0;
}

long
cct_add_usage(struct cct_month *m, const char *path, int flags,
    void (*set_aside)(const struct table *t, const char *why),
    void (*bad)(const struct table *t, const char *field, const char *why),
    char *errbuf, size_t errlen)
{
	struct table *t = table_open(path, flags, errbuf, errlen);
	int track, listens, month, structure, user, ms, r;
	long nbad = 0;
	char why[512];

	if (t == NULL)
		return -1;
	track = table_col(t, "track");
	listens = table_col(t, "listens");
	month = table_col(t, "month");
	structure = table_col(t, "structure");
	user = table_col(t, "user");
	ms = table_col(t, "ms");
	if (track < 0 || listens < 0) {
		snprintf(errbuf, errlen, "%s:1: not usage: needs \"track\" and \"listens\" columns",
		    table_name(t));
		table_close(t);
		return -1;
	}
	while ((r = table_next(t)) == 1) {
		int64_t l, played = 0;
		long title;
		int y, mo;

		m->rows_read++;
		if (month >= 0) {
			if (date_parse_month(table_field(t, month), &y, &mo) != 0) {
				snprintf(why, sizeof why, "not a month: \"%s\"", table_field(t, month));
				bad(t, "month", why);
				nbad++;
				continue;
			}
			if (y != m->year || mo != m->month)
				continue;
		}
		if (parse_count(table_field(t, listens), &l) != 0) {
			snprintf(why, sizeof why, "not a non-negative integer: \"%s\"", table_field(t, listens));
			bad(t, "listens", why);
			nbad++;
			continue;
		}
		if (ms >= 0 && parse_count(table_field(t, ms), &played) != 0) {
			snprintf(why, sizeof why, "not a non-negative integer: \"%s\"", table_field(t, ms));
			bad(t, "ms", why);
			nbad++;
			continue;
		}
		if ((title = catalog_index(m->catalog, table_field(t, track))) < 0) {
			snprintf(why, sizeof why, "not in the catalogue: \"%s\"", table_field(t, track));
			set_aside(t, why);
			m->rows_set_aside++;
			m->set_aside_listens += l;
			continue;
		}
		if (!m->active[title]) {
			set_aside(t, inactive_reason(m, title, why, sizeof why));
			m->rows_set_aside++;
			m->set_aside_listens += l;
			continue;
		}
		m->rows_used++;
		m->track_listens[title] += l;
		m->listens += l;
		if (m->keep_entries) {
			struct cct_entry *e;

			if (m->nentries == m->entries_cap) {
				m->entries_cap = m->entries_cap ? m->entries_cap * 2 : 1024;
				m->entries = err_realloc(m->entries, m->entries_cap * sizeof *m->entries);
			}
			e = &m->entries[m->nentries++];
			e->structure = intern_add(m->structures, table_field(t, structure),
			    table_fieldlen(t, structure));
			e->user = intern_add(m->users, table_field(t, user), table_fieldlen(t, user));
			e->title = (uint32_t)title;
			e->listens = l;
			e->ms = played;
		}
		if (structure >= 0)
			m->have_structures = 1;
		if (user >= 0)
			m->have_users = 1;
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		return -1;
	}
	table_close(t);
	return nbad;
}

/* Entries sorted by structure name, user name and title, with equal keys
 * merged, so that results do not depend on the order of the usage rows. */
static uint32_t *structure_rank, *user_rank;

static int
by_structure_user_title(const void *a, const void *b)
{
	const struct cct_entry *x = a, *y = b;

	if (x->structure != y->structure)
		return structure_rank[x->structure] < structure_rank[y->structure] ? -1 : 1;
	if (x->user != y->user)
		return user_rank[x->user] < user_rank[y->user] ? -1 : 1;
	return (x->title > y->title) - (x->title < y->title);
}

void
cct_month_ready(struct cct_month *m)
{
	size_t j = 0;

	if (m->nentries == 0)
		return;
	structure_rank = intern_ranks(m->structures);
	user_rank = intern_ranks(m->users);
	qsort(m->entries, m->nentries, sizeof *m->entries, by_structure_user_title);
	for (size_t i = 1; i < m->nentries; i++) {
		struct cct_entry *e = &m->entries[j];

		if (m->entries[i].structure == e->structure && m->entries[i].user == e->user &&
		    m->entries[i].title == e->title) {
			e->listens += m->entries[i].listens;
			e->ms += m->entries[i].ms;
		} else {
			m->entries[++j] = m->entries[i];
		}
	}
	m->nentries = j + 1;
	free(structure_rank);
	free(user_rank);
}

static void
add_line(struct cct_result *r, uint32_t holder, enum payout_part part, long title, int64_t listens,
    int64_t weight, int64_t amount)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->lines = err_realloc(r->lines, r->cap * sizeof *r->lines);
	}
	r->lines[r->n++] = (struct cct_line){ holder, part, title, listens, weight, amount };
	r->parts[part] += amount;
}

/* A title competing for a part, with its weight and qualified listens. */
struct candidate {
	long title;
	uint32_t holder;
	int64_t weight, listens;
};

static int
by_holder_title(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->holder != y->holder)
		return x->holder < y->holder ? -1 : 1;
	return (x->title > y->title) - (x->title < y->title);
}

/*
 * Share amount among the holders of the candidates, each holder weighing
 * the sum of its titles' weights times its multiplier (in thousandths,
 * when multipliers are given), then among each holder's titles by their
 * weights.  With no weight at all the amount goes to the unallocated line.
 */
static void
share(const struct cct_month *m, struct cct_result *r, enum payout_part part, int64_t amount,
    struct candidate *c, size_t n, const int64_t *multiplier)
{
	struct apportion_item *holders, *titles;
	size_t nh = 0;

	qsort(c, n, sizeof *c, by_holder_title);
	holders = err_calloc(n + 1, sizeof *holders);
	titles = err_calloc(n + 1, sizeof *titles);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || c[i].holder != c[i - 1].holder) {
			holders[nh].key = intern_str(m->holders, c[i].holder);
			holders[nh].weight = 0;
			nh++;
		}
		holders[nh - 1].weight += c[i].weight;
	}
	if (multiplier) {
		for (size_t i = 0, h = 0; i < n; i++)
			if (i == 0 || c[i].holder != c[i - 1].holder)
				holders[h++].weight *= multiplier[c[i].holder];
	}
	if (apportion(amount, holders, nh) != 0) {
		if (amount != 0)
			add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, amount);
		free(holders);
		free(titles);
		return;
	}
	for (size_t i = 0, h = 0; i < n; h++) {
		size_t first = i, k = 0;

		for (; i < n && c[i].holder == c[first].holder; i++, k++) {
			titles[k].key = catalog_title(m->catalog, (size_t)c[i].title)->track;
			titles[k].weight = c[i].weight;
		}
		if (apportion(holders[h].amount, titles, k) != 0) {
			/* A holder weighted only by its multiplier has no title weight. */
			if (holders[h].amount != 0)
				add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, holders[h].amount);
			continue;
		}
		for (size_t j = 0; j < k; j++)
			add_line(r, c[first].holder, part, c[first + j].title, c[first + j].listens,
			    c[first + j].weight, titles[j].amount);
	}
	free(holders);
	free(titles);
}

/* The keys of the policy applied to a base: the five parts' amounts. */
static void
split_keys(const struct cct_month *m, struct cct_result *r, int64_t base, int64_t parts[POLICY_NPARTS])
{
	struct apportion_item items[POLICY_NPARTS];
	static const enum payout_part kept[] = { PAYOUT_FUND, PAYOUT_OPERATIONS, PAYOUT_RND };
	static const int policy_part[] = { POLICY_FUND, POLICY_OPERATIONS, POLICY_RND };

	for (int i = 0; i < POLICY_NPARTS; i++)
		items[i] = (struct apportion_item){ policy_part_names[i], m->policy->keys[i], 0 };
	apportion(base, items, POLICY_NPARTS);
	for (int i = 0; i < POLICY_NPARTS; i++)
		parts[i] = items[i].amount;
	for (int i = 0; i < 3; i++)
		add_line(r, NO_HOLDER, kept[i], -1, 0, m->policy->keys[policy_part[i]],
		    parts[policy_part[i]]);
}

/*
 * One pool of money shared by the rules of a model (all but user-centric):
 * the whole month, or one structure with --pool structure.  listens[i] of
 * the candidates are the pool's qualified listens; `weighed` are the
 * listens that weigh in the variable part (capped for artist-centric).
 */
static void
split_pool(const struct cct_month *m, struct cct_result *r, enum payout_model model, int64_t base,
    struct candidate *played, size_t nplayed, int played_only, const int64_t *multiplier)
{
	int64_t parts[POLICY_NPARTS];
	struct candidate *c;
	size_t n = 0, ntitles = catalog_count(m->catalog);

	split_keys(m, r, base, parts);
	if (model == PAYOUT_MODEL_PRORATA) {
		for (size_t i = 0; i < nplayed; i++)
			played[i].weight = played[i].listens;
		share(m, r, PAYOUT_VARIABLE, parts[POLICY_FIXED] + parts[POLICY_VARIABLE], played, nplayed, NULL);
		return;
	}
	/* Fixed part: one weight per active title (per played title in a structure's pool). */
	c = err_calloc((played_only ? nplayed : ntitles) + 1, sizeof *c);
	if (played_only) {
		for (size_t i = 0; i < nplayed; i++)
			c[n++] = (struct candidate){ played[i].title, played[i].holder, 1, played[i].listens };
	} else {
		for (size_t i = 0; i < ntitles; i++)
			if (m->active[i])
				c[n++] = (struct candidate){ (long)i, m->holder[i], 1, m->track_listens[i] };
	}
	share(m, r, PAYOUT_FIXED, parts[POLICY_FIXED], c, n,
	    model == PAYOUT_MODEL_TIERS ? m->tier_multiplier : NULL);
	free(c);
	share(m, r, PAYOUT_VARIABLE, parts[POLICY_VARIABLE], played, nplayed, multiplier);
}

/* Candidates for the variable part from per-title listens. */
static struct candidate *
played_titles(const struct cct_month *m, const int64_t *listens, const int64_t *weighed, size_t *n)
{
	size_t ntitles = catalog_count(m->catalog);
	struct candidate *c = err_calloc(ntitles + 1, sizeof *c);

	*n = 0;
	for (size_t i = 0; i < ntitles; i++)
		if (listens[i] > 0)
			c[(*n)++] = (struct candidate){ (long)i, m->holder[i], weighed[i] * m->coef[i], listens[i] };
	return c;
}

/*
 * Artist-centric: a user's qualified listens weigh at most ac_user_cap in
 * the month (spread over the titles by largest remainder), and holders
 * with at least ac_min_listens listens and ac_min_listeners distinct
 * listeners have their weight multiplied by ac_boost.
 */
static int64_t *
artist_centric(const struct cct_month *m, int64_t *multiplier)
{
	size_t ntitles = catalog_count(m->catalog), nholders = intern_count(m->holders);
	int64_t *weighed = err_calloc(ntitles + 1, sizeof *weighed);
	int64_t *holder_listens = err_calloc(nholders + 1, sizeof *holder_listens);
	int64_t *listeners = err_calloc(nholders + 1, sizeof *listeners);
	uint32_t *last_user = err_calloc(nholders + 1, sizeof *last_user);
	struct apportion_item *items = err_calloc(m->nentries + 1, sizeof *items);
	int64_t cap = m->policy->ac_user_cap;
	size_t i = 0;

	/* Entries are sorted by structure then user; a user may be in two
	 * structures, so totals per user are gathered by user id first. */
	int64_t *user_total = err_calloc(intern_count(m->users) + 1, sizeof *user_total);

	for (size_t k = 0; k < m->nentries; k++)
		user_total[m->entries[k].user] += m->entries[k].listens;
	for (uint32_t h = 0; h < nholders; h++)
		last_user[h] = UINT32_MAX;
	while (i < m->nentries) {
		size_t first = i, n = 0;
		uint32_t user = m->entries[i].user, s = m->entries[i].structure;
		int64_t total = user_total[user];

		for (; i < m->nentries && m->entries[i].user == user && m->entries[i].structure == s; i++, n++) {
			const struct cct_entry *e = &m->entries[i];
			uint32_t h = m->holder[e->title];

			items[n] = (struct apportion_item){ catalog_title(m->catalog, e->title)->track, e->listens, 0 };
			holder_listens[h] += e->listens;
			if (e->listens > 0 && last_user[h] != user) {
				last_user[h] = user;
				listeners[h]++;
			}
		}
		if (cap > 0 && total > cap) {
			/* This structure's part of the user's capped listens. */
			int64_t part = 0;

			for (size_t j = 0; j < n; j++)
				part += items[j].weight;
			apportion((int64_t)((__int128)cap * part / total), items, n);
		} else {
			for (size_t j = 0; j < n; j++)
				items[j].amount = items[j].weight;
		}
		for (size_t j = 0; j < n; j++)
			weighed[m->entries[first + j].title] += items[j].amount;
	}
	for (uint32_t h = 0; h < nholders; h++)
		multiplier[h] = holder_listens[h] >= m->policy->ac_min_listens &&
		    listeners[h] >= m->policy->ac_min_listeners ? m->policy->ac_boost : 1000;
	free(holder_listens);
	free(listeners);
	free(last_user);
	free(items);
	free(user_total);
	return weighed;
}

/* User-centric: each structure's fixed and variable money goes to its
 * listeners equally, and each listener's share to what they played. */
static void
user_centric(const struct cct_month *m, struct cct_result *r)
{
	struct apportion_item *users = err_calloc(m->nentries + 1, sizeof *users);
	struct apportion_item *titles = err_calloc(m->nentries + 1, sizeof *titles);

	for (size_t s = 0; s < m->money->n; s++) {
		const struct ledger_structure *ls = &m->money->s[s];
		uint32_t sid = intern_find(m->structures, ls->structure, strlen(ls->structure));
		int64_t parts[POLICY_NPARTS], money;
		size_t first = 0, end, nusers = 0;

		split_keys(m, r, ls->base, parts);
		money = parts[POLICY_FIXED] + parts[POLICY_VARIABLE];
		while (first < m->nentries && m->entries[first].structure != sid)
			first++;
		for (end = first; end < m->nentries && m->entries[end].structure == sid; end++)
			;
		/* Listeners: users with at least one qualified listen. */
		for (size_t i = first; i < end; ) {
			uint32_t user = m->entries[i].user;
			int64_t l = 0;

			for (; i < end && m->entries[i].user == user; i++)
				l += m->entries[i].listens;
			if (l > 0)
				users[nusers++] = (struct apportion_item){ intern_str(m->users, user), 1, 0 };
		}
		if (apportion(money, users, nusers) != 0) {
			if (money != 0)
				add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, money);
			continue;
		}
		for (size_t i = first, u = 0; i < end; ) {
			uint32_t user = m->entries[i].user;
			size_t from = i, n = 0;
			int64_t l = 0;

			for (; i < end && m->entries[i].user == user; i++, n++) {
				const struct cct_entry *e = &m->entries[i];

				titles[n] = (struct apportion_item){ catalog_title(m->catalog, e->title)->track,
					m->weight_ms ? e->ms : e->listens, 0 };
				l += e->listens;
			}
			if (l == 0)
				continue;
			if (apportion(users[u].amount, titles, n) != 0) {
				if (users[u].amount != 0)
					add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, users[u].amount);
			} else {
				for (size_t j = 0; j < n; j++) {
					const struct cct_entry *e = &m->entries[from + j];

					add_line(r, m->holder[e->title], PAYOUT_VARIABLE, e->title, e->listens,
					    titles[j].weight, titles[j].amount);
				}
			}
			u++;
		}
	}
	free(users);
	free(titles);
}

static uint32_t *line_holder_rank;

static int
by_line_key(const void *a, const void *b)
{
	const struct cct_line *x = a, *y = b;
	/* No holder sorts first, as the empty string does. */
	uint64_t hx = x->holder == NO_HOLDER ? 0 : (uint64_t)line_holder_rank[x->holder] + 1;
	uint64_t hy = y->holder == NO_HOLDER ? 0 : (uint64_t)line_holder_rank[y->holder] + 1;

	if (hx != hy)
		return hx < hy ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	return (x->title > y->title) - (x->title < y->title);
}

/* Sort lines by holder, part and title, and add up those with one key. */
static void
sort_and_merge(const struct cct_month *m, struct cct_result *r)
{
	size_t j = 0;

	if (r->n == 0)
		return;
	line_holder_rank = intern_ranks(m->holders);
	qsort(r->lines, r->n, sizeof *r->lines, by_line_key);
	for (size_t i = 1; i < r->n; i++) {
		struct cct_line *l = &r->lines[j];

		if (by_line_key(l, &r->lines[i]) == 0) {
			l->listens += r->lines[i].listens;
			/* A key line's weight is the key itself, not a sum. */
			if (l->part != PAYOUT_FUND && l->part != PAYOUT_OPERATIONS && l->part != PAYOUT_RND)
				l->weight += r->lines[i].weight;
			l->amount += r->lines[i].amount;
		} else {
			r->lines[++j] = r->lines[i];
		}
	}
	r->n = j + 1;
	free(line_holder_rank);
}

int
cct_compute(const struct cct_month *m, enum payout_model model, struct cct_result *r,
    char *errbuf, size_t errlen)
{
	size_t ntitles = catalog_count(m->catalog);
	int64_t *multiplier = NULL, *weighed = m->track_listens;

	memset(r, 0, sizeof *r);
	if ((model == PAYOUT_MODEL_USER || model == PAYOUT_MODEL_ARTIST_CENTRIC || m->pool_structure) &&
	    (!m->have_users || !m->have_structures || !m->keep_entries) && m->listens > 0) {
		snprintf(errbuf, errlen, "the %s model%s needs usage with structure and user columns",
		    payout_model_names[model], m->pool_structure ? " with --pool structure" : "");
		return -1;
	}
	if (model == PAYOUT_MODEL_TIERS)
		multiplier = m->tier_multiplier;
	if (model == PAYOUT_MODEL_ARTIST_CENTRIC) {
		multiplier = err_calloc(intern_count(m->holders) + 1, sizeof *multiplier);
		weighed = artist_centric(m, multiplier);
	}

	if (model == PAYOUT_MODEL_USER) {
		user_centric(m, r);
	} else if (!m->pool_structure) {
		size_t n;
		struct candidate *played = played_titles(m, m->track_listens, weighed, &n);

		split_pool(m, r, model, m->money->base, played, n, 0, multiplier);
		free(played);
	} else {
		/* Each structure's money goes to what its own users played. */
		int64_t *listens = err_calloc(ntitles + 1, sizeof *listens);
		int64_t *capped = err_calloc(ntitles + 1, sizeof *capped);
		struct candidate *played = err_calloc(m->nentries + 1, sizeof *played);

		for (size_t s = 0; s < m->money->n; s++) {
			const struct ledger_structure *ls = &m->money->s[s];
			uint32_t sid = intern_find(m->structures, ls->structure, strlen(ls->structure));
			size_t n = 0;

			for (size_t i = 0; i < m->nentries; i++) {
				const struct cct_entry *e = &m->entries[i];

				if (e->structure != sid || e->listens == 0)
					continue;
				if (listens[e->title] == 0)
					played[n++].title = e->title;
				listens[e->title] += e->listens;
			}
			for (size_t i = 0; i < n; i++) {
				long t = played[i].title;

				/* Capped listens are shared between structures in proportion. */
				capped[t] = weighed == m->track_listens ? listens[t] :
				    (int64_t)((__int128)weighed[t] * listens[t] / m->track_listens[t]);
				played[i] = (struct candidate){ t, m->holder[t], capped[t] * m->coef[t], listens[t] };
			}
			split_pool(m, r, model, ls->base, played, n, 1, multiplier);
			for (size_t i = 0; i < n; i++)
				listens[played[i].title] = 0;
		}
		free(listens);
		free(capped);
		free(played);
	}
	if (model == PAYOUT_MODEL_ARTIST_CENTRIC) {
		free(multiplier);
		free(weighed);
	}
	sort_and_merge(m, r);
	return 0;
}

void
cct_result_free(struct cct_result *r)
{
	free(r->lines);
	memset(r, 0, sizeof *r);
}

void
cct_write(const struct cct_month *m, enum payout_model model, const struct cct_result *r,
    struct table_writer *w)
{
	char month[8];

	date_format_month(m->year, m->month, month);
	table_put_header(w, "month,model,holder,part,track,listens,weight,amount");
	for (size_t i = 0; i < r->n; i++) {
		const struct cct_line *l = &r->lines[i];

		table_put(w, month);
		table_put(w, payout_model_names[model]);
		table_put(w, l->holder == NO_HOLDER ? "" : intern_str(m->holders, l->holder));
		table_put(w, payout_part_names[l->part]);
		table_put(w, l->title < 0 ? "" : catalog_title(m->catalog, (size_t)l->title)->track);
		table_put_int(w, l->listens);
		table_put_int(w, l->weight);
		table_put_money(w, l->amount);
		table_end_row(w);
	}
}
