#define _GNU_SOURCE	/* qsort_r */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "cct.h"
#include "date.h"
#include "err.h"
#include "money.h"
#include "num.h"

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
	m->held = intern_new();
	m->open_tracks = intern_new();
	m->hold = strcmp(p->unmatched, "hold") == 0;
	m->released = err_calloc(n + 1, sizeof *m->released);
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
	intern_free(m->held);
	intern_free(m->open_tracks);
	free(m->open);
	free(m->held_listens);
	free(m->released);
	memset(m, 0, sizeof *m);
}

/* A title's name: a catalogue title, or a held one (after the catalogue's). */
static const char *
track_name(const struct cct_month *m, long title)
{
	size_t n = catalog_count(m->catalog);

	return (size_t)title < n ? catalog_title(m->catalog, (size_t)title)->track :
	    intern_str(m->held, (uint32_t)((size_t)title - n));
}

/* Listens that unmatched = hold keeps: on a title unknown, or known without a holder but active otherwise. */
static int
held_track(const struct cct_month *m, long title, int kind)
{
	return m->hold && (kind == CCT_ASIDE_UNKNOWN || (kind == CCT_ASIDE_NO_HOLDER &&
	    catalog_active_in_month(catalog_title(m->catalog, (size_t)title), m->year, m->month,
	    m->policy->territory)));
}

static void
hold_listens(struct cct_month *m, const char *track, size_t len, int64_t listens)
{
	uint32_t id = intern_add(m->held, track, len);

	if (id >= m->held_cap) {
		size_t cap = m->held_cap ? m->held_cap * 2 : 64;

		m->held_listens = err_realloc(m->held_listens, cap * sizeof *m->held_listens);
		memset(m->held_listens + m->held_cap, 0, (cap - m->held_cap) * sizeof *m->held_listens);
		m->held_cap = cap;
	}
	m->held_listens[id] += listens;
	m->held_total += listens;
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

/* The columns of a usage file; -1 for those it lacks. */
struct usage_columns {
	int track, listens, month, structure, user, ms;
};

/* A count field; 0, or -1 after reporting it as malformed. */
static int
usage_count(const struct cct_sink *sink, const struct table *t, int col, const char *field,
    int64_t *v)
{
	char why[512];

	if (num_parse_count(table_field(t, col), table_fieldlen(t, col), v) == NUM_OK)
		return 0;
	snprintf(why, sizeof why, "not a non-negative integer: \"%s\"", table_field(t, col));
	sink->bad(sink->ctx, t, field, why);
	return -1;
}

static void
keep_entry(struct cct_month *m, const struct table *t, const struct usage_columns *c, long title,
    int64_t listens, int64_t ms)
{
	struct cct_entry *e;

	if (m->nentries == m->entries_cap) {
		m->entries_cap = m->entries_cap ? m->entries_cap * 2 : 1024;
		m->entries = err_realloc(m->entries, m->entries_cap * sizeof *m->entries);
	}
	e = &m->entries[m->nentries++];
	e->structure = intern_add(m->structures, table_field(t, c->structure),
	    table_fieldlen(t, c->structure));
	e->user = intern_add(m->users, table_field(t, c->user), table_fieldlen(t, c->user));
	e->title = (uint32_t)title;
	e->listens = listens;
	e->ms = ms;
}

/* Why a title earns nothing, as one of enum cct_aside. */
static int
inactive_kind(const struct cct_month *m, long i)
{
	const struct catalog_title *t = catalog_title(m->catalog, (size_t)i);

	if (t->status != CATALOG_ACTIVE)
		return CCT_ASIDE_TAKEN_DOWN;
	if (!*t->holder)
		return CCT_ASIDE_NO_HOLDER;
	if (!catalog_active_in_month(t, m->year, m->month, NULL))
		return CCT_ASIDE_NOT_AVAILABLE;
	return CCT_ASIDE_TERRITORY;
}

const char *const cct_aside_names[CCT_NASIDE] = {
	"not in the catalogue", "taken down", "no rights holder", "not available in the month",
	"not available in the territory",
};

/*
 * One usage row: counted, set aside or skipped (0), malformed (1), or a
 * sum that would pass int64 (-1, with the place in errbuf).
 */
static int
usage_row(struct cct_month *m, const struct table *t, const struct usage_columns *c,
    const struct cct_sink *sink, char *errbuf, size_t errlen)
{
	int64_t l, played = 0;
	long title;
	int y, mo;
	char why[512];
	const char *field;

	m->rows_read++;
	if (c->month >= 0) {
		if (date_parse_month(table_field(t, c->month), &y, &mo) != 0) {
			snprintf(why, sizeof why, "not a month: \"%s\"", table_field(t, c->month));
			sink->bad(sink->ctx, t, "month", why);
			return 1;
		}
		if (y != m->year || mo != m->month)
			return 0;
	}
	m->rows_in_month++;
	if (usage_count(sink, t, c->listens, "listens", &l) != 0 ||
	    (c->ms >= 0 && usage_count(sink, t, c->ms, "ms", &played) != 0))
		return 1;
	/*
	 * Every sum of listens (or of time) is a part of the month's total,
	 * which is checked here: no sum of them can wrap later.
	 */
	if ((field = num_add(&m->all_listens, l) != 0 ? "listens" :
	    num_add(&m->all_ms, played) != 0 ? "ms" : NULL) != NULL) {
		snprintf(errbuf, errlen, "%s:%ld: %s: the month's sum would pass 9223372036854775807: "
		    "refused, never wrapped", table_name(t), table_line(t), field);
		return -1;
	}
	if ((title = catalog_index(m->catalog, table_field(t, c->track))) < 0 || !m->active[title]) {
		int kind = title < 0 ? CCT_ASIDE_UNKNOWN : inactive_kind(m, title);

		if (held_track(m, title, kind)) {
			hold_listens(m, table_field(t, c->track), table_fieldlen(t, c->track), l);
			m->rows_used++;
			return 0;
		}
		if (title < 0)
			snprintf(why, sizeof why, "not in the catalogue: \"%s\"", table_field(t, c->track));
		sink->set_aside(sink->ctx, t, title < 0 ? why : inactive_reason(m, title, why, sizeof why));
		m->rows_set_aside++;
		m->set_aside_listens += l;
		m->aside_listens[kind] += l;
		m->aside_rows[kind]++;
		return 0;
	}
	m->rows_used++;
	m->track_listens[title] += l;
	m->listens += l;
	if (m->keep_entries)
		keep_entry(m, t, c, title, l, played);
	if (c->structure >= 0)
		m->have_structures = 1;
	if (c->user >= 0)
		m->have_users = 1;
	return 0;
}

long
cct_add_usage(struct cct_month *m, const char *path, int flags, const struct cct_sink *sink,
    char *errbuf, size_t errlen)
{
	static const char *const required[] = { "track", "listens" };
	struct table *t = table_open(path, flags | TABLE_BAD_ROWS, errbuf, errlen);
	struct usage_columns c;
	int idx[2], r, rc;
	long nbad = 0;

	if (t == NULL)
		return -1;
	if (table_columns(t, required, 2, idx, errbuf, errlen) != 0) {
		table_close(t);
		return -1;
	}
	c = (struct usage_columns){ idx[0], idx[1], table_col(t, "month"), table_col(t, "structure"),
		table_col(t, "user"), table_col(t, "ms") };
	while ((r = table_next(t)) > 0) {
		if (r == TABLE_BAD) {
			m->rows_read++;
			sink->bad(sink->ctx, t, NULL, table_error(t));
			nbad++;
			continue;
		}
		if ((rc = usage_row(m, t, &c, sink, errbuf, errlen)) < 0) {
			table_close(t);
			return -2;
		}
		nbad += rc;
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		return -1;
	}
	table_close(t);
	return nbad;
}

int
cct_add_suspense(struct cct_month *m, const char *path, int flags,
    void (*report)(const char *file, long line, const char *field, const char *msg),
    char *errbuf, size_t errlen)
{
	static const char *const names[] = { "month", "track", "amount" };
	struct table *t = table_open(path, flags | TABLE_BAD_ROWS, errbuf, errlen);
	int col[3], r, bad = 0;
	char month[8];

	if (t == NULL)
		return -2;
	if (table_columns(t, names, 3, col, errbuf, errlen) != 0) {
		table_close(t);
		return -2;
	}
	date_format_month(m->year, m->month, month);
	while ((r = table_next(t)) > 0) {
		const char *field = NULL;
		char why[512];
		int y, mo, rc;
		int64_t amount = 0;
		long title, age;

		if (r == TABLE_BAD) {
			report(table_name(t), table_line(t), NULL, table_error(t));
			bad = 1;
			continue;
		}
		if (date_parse_month(table_field(t, col[0]), &y, &mo) != 0) {
			field = "month";
			snprintf(why, sizeof why, "not a month: \"%s\"", table_field(t, col[0]));
		} else if ((age = ((long)m->year - y) * 12 + (m->month - mo)) <= 0) {
			field = "month";
			snprintf(why, sizeof why, "not before %s: \"%s\"", month, table_field(t, col[0]));
		} else if ((rc = money_parse(table_field(t, col[2]), &amount)) != 0) {
			field = "amount";
			snprintf(why, sizeof why, "%s: \"%s\"", money_strerror(rc), table_field(t, col[2]));
		} else if (num_add(&m->suspense_in, amount) != 0) {
			field = "amount";
			snprintf(why, sizeof why, "the sum would pass 92233720368547758.07: refused, never wrapped");
		}
		if (field != NULL) {
			report(table_name(t), table_line(t), field, why);
			bad = 1;
			continue;
		}
		/* Released when the holder is known; else returned once old enough; else still open. */
		title = catalog_index(m->catalog, table_field(t, col[1]));
		if (title >= 0 && m->holder[title] != NO_HOLDER ?
		    num_add(&m->released[title], amount) != 0 || num_add(&m->suspense_released, amount) != 0 :
		    age >= m->policy->suspense_months && num_add(&m->suspense_returned, amount) != 0) {
			report(table_name(t), table_line(t), "amount", "a sum would pass "
			    "92233720368547758.07: refused, never wrapped");
			bad = 1;
		} else if ((title < 0 || m->holder[title] == NO_HOLDER) && age < m->policy->suspense_months) {
			if (m->nopen == m->open_cap) {
				m->open_cap = m->open_cap ? m->open_cap * 2 : 64;
				m->open = err_realloc(m->open, m->open_cap * sizeof *m->open);
			}
			m->open[m->nopen++] = (struct cct_open){ y, mo, intern_add(m->open_tracks,
				table_field(t, col[1]), table_fieldlen(t, col[1])), amount };
		}
	}
	if (r < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(t), table_line(t), table_error(t));
		table_close(t);
		return -2;
	}
	table_close(t);
	if (bad) {
		snprintf(errbuf, errlen, "%s: bad rows, nothing computed", path);
		return -1;
	}
	return 0;
}

/* Rows of the open suspense: a month (year * 12 + month), a track and an amount. */
struct open_row {
	long month;
	const char *track;
	int64_t amount;
};

static int
by_month_track(const void *a, const void *b)
{
	const struct open_row *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return strcmp(x->track, y->track);
}

void
cct_write_open_suspense(const struct cct_month *m, const struct cct_result *r,
    struct table_writer *w)
{
	struct open_row *rows = err_calloc(m->nopen + r->n + 1, sizeof *rows);
	size_t n = 0, j = 0;
	char month[8];

	for (size_t i = 0; i < m->nopen; i++)
		rows[n++] = (struct open_row){ (long)m->open[i].year * 12 + m->open[i].month - 1,
			intern_str(m->open_tracks, m->open[i].track), m->open[i].amount };
	for (size_t i = 0; i < r->n; i++)
		if (r->lines[i].part == PAYOUT_SUSPENSE)
			rows[n++] = (struct open_row){ (long)m->year * 12 + m->month - 1,
				track_name(m, r->lines[i].title), r->lines[i].amount };
	qsort(rows, n, sizeof *rows, by_month_track);
	/* Equal keys added up: each part of the suspense read or held, so no sum can wrap. */
	for (size_t i = 1; i < n; i++) {
		if (by_month_track(&rows[j], &rows[i]) == 0)
			rows[j].amount += rows[i].amount;
		else
			rows[++j] = rows[i];
	}
	table_put_header(w, "month,track,amount");
	for (size_t i = 0; n > 0 && i <= j; i++) {
		table_put(w, date_format_month((int)(rows[i].month / 12), (int)(rows[i].month % 12) + 1, month));
		table_put(w, rows[i].track);
		table_put_money(w, rows[i].amount);
		table_end_row(w);
	}
	free(rows);
}

/* The byte order of structure and user names, as ranks of their ids. */
struct entry_order {
	uint32_t *structure_rank, *user_rank;
};

static int
by_structure_user_title(const void *a, const void *b, void *ctx)
{
	const struct cct_entry *x = a, *y = b;
	const struct entry_order *o = ctx;

	if (x->structure != y->structure)
		return o->structure_rank[x->structure] < o->structure_rank[y->structure] ? -1 : 1;
	if (x->user != y->user)
		return o->user_rank[x->user] < o->user_rank[y->user] ? -1 : 1;
	return (x->title > y->title) - (x->title < y->title);
}

/* Entries sorted by structure name, user name and title, with equal keys
 * merged, so that results do not depend on the order of the usage rows. */
void
cct_month_ready(struct cct_month *m)
{
	struct entry_order o;
	size_t j = 0;

	if (intern_count(m->held) > 0) {
		/* Held ids in byte order of their names: lines do not depend on row order. */
		uint32_t *rank = intern_ranks(m->held), nheld = intern_count(m->held);
		struct intern *sorted = intern_new();
		int64_t *listens = err_calloc(m->held_cap, sizeof *listens);
		uint32_t *order = err_calloc(nheld, sizeof *order);

		for (uint32_t k = 0; k < nheld; k++)
			order[rank[k]] = k;
		for (uint32_t k = 0; k < nheld; k++) {
			intern_add(sorted, intern_str(m->held, order[k]), intern_len(m->held, order[k]));
			listens[k] = m->held_listens[order[k]];
		}
		intern_free(m->held);
		free(m->held_listens);
		m->held = sorted;
		m->held_listens = listens;
		free(rank);
		free(order);
	}
	if (m->nentries == 0)
		return;
	o.structure_rank = intern_ranks(m->structures);
	o.user_rank = intern_ranks(m->users);
	qsort_r(m->entries, m->nentries, sizeof *m->entries, by_structure_user_title, &o);
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
	free(o.structure_rank);
	free(o.user_rank);
}

int64_t
cct_unfunded_listens(const struct cct_month *m, size_t *nstructures, uint32_t *first)
{
	size_t nids = intern_count(m->structures);
	unsigned char *funded = err_calloc(nids + 1, 1);
	int64_t listens = 0;
	uint32_t last = INTERN_NONE;

	*nstructures = 0;
	*first = INTERN_NONE;
	for (size_t s = 0; s < m->money->n; s++) {
		uint32_t id = intern_find(m->structures, m->money->s[s].structure,
		    strlen(m->money->s[s].structure));

		if (id != INTERN_NONE)
			funded[id] = 1;
	}
	/* Entries are sorted by structure name: the first one met is the smallest. */
	for (size_t i = 0; i < m->nentries; i++) {
		const struct cct_entry *e = &m->entries[i];

		if (funded[e->structure] || e->listens == 0)
			continue;
		listens += e->listens;
		if (e->structure != last) {
			if (*first == INTERN_NONE)
				*first = e->structure;
			last = e->structure;
			(*nstructures)++;
		}
	}
	free(funded);
	return listens;
}

/* Record the first weight or sum that would pass int64; the result is then refused. */
static void
too_big(struct cct_result *r, const char *fmt, const char *name)
{
	if (r->overflow[0] == '\0')
		snprintf(r->overflow, sizeof r->overflow, fmt, name);
}

/* a * b, or 0 with too_big() when it would pass int64. */
static int64_t
weigh(struct cct_result *r, int64_t a, int64_t b, const char *what, const char *name)
{
	int64_t p;

	if (__builtin_mul_overflow(a, b, &p)) {
		too_big(r, what, name);
		return 0;
	}
	return p;
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

/* apportion(), with the step told to the month's trace when it has one. */
static int
traced(const struct cct_month *m, const struct cct_result *r, struct cct_step s,
    struct apportion_item *items, size_t n)
{
	if (apportion(s.total, items, n) != 0)
		return -1;
	if (m->trace) {
		s.structure = r->pool;
		s.items = items;
		s.n = n;
		m->trace->step(m->trace->ctx, &s);
	}
	return 0;
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
			/* Held titles (no holder) share as one holder with an empty name. */
			holders[nh].key = c[i].holder == NO_HOLDER ? "" : intern_str(m->holders, c[i].holder);
			holders[nh].weight = 0;
			nh++;
		}
		if (num_add(&holders[nh - 1].weight, c[i].weight) != 0)
			too_big(r, "the weight of holder %s (its titles' listens times their coefficients) "
			    "would pass 9223372036854775807", holders[nh - 1].key);
	}
	if (multiplier) {
		for (size_t i = 0, h = 0; i < n; i++)
			if (i == 0 || c[i].holder != c[i - 1].holder) {
				holders[h].weight = weigh(r, holders[h].weight,
				    c[i].holder == NO_HOLDER ? 1000 : multiplier[c[i].holder],
				    "the weight of holder %s times its multiplier would pass "
				    "9223372036854775807", holders[h].key);
				h++;
			}
	}
	if (traced(m, r, (struct cct_step){ .kind = CCT_STEP_HOLDERS, .part = part,
	    .multiplier = multiplier, .total = amount }, holders, nh) != 0) {
		if (amount != 0) {
			add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, amount);
			r->unallocated_why |= nh > 0 ? CCT_UNALLOC_ZERO_WEIGHT :
			    part == PAYOUT_FIXED ? CCT_UNALLOC_NO_ACTIVE : CCT_UNALLOC_NO_LISTENS;
		}
		free(holders);
		free(titles);
		return;
	}
	for (size_t i = 0, h = 0; i < n; h++) {
		size_t first = i, k = 0;

		for (; i < n && c[i].holder == c[first].holder; i++, k++) {
			titles[k].key = track_name(m, c[i].title);
			titles[k].weight = c[i].weight;
		}
		if (traced(m, r, (struct cct_step){ .kind = CCT_STEP_TITLES, .part = part,
		    .holder = holders[h].key, .total = holders[h].amount }, titles, k) != 0) {
			/* A holder weighted only by its multiplier has no title weight. */
			if (holders[h].amount != 0) {
				add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, holders[h].amount);
				r->unallocated_why |= CCT_UNALLOC_ZERO_WEIGHT;
			}
			continue;
		}
		for (size_t j = 0; j < k; j++)
			add_line(r, c[first].holder, c[first].holder == NO_HOLDER ? PAYOUT_SUSPENSE : part,
			    c[first + j].title, c[first + j].listens,
			    c[first + j].weight, titles[j].amount);
	}
	free(holders);
	free(titles);
}

/* The keys of the policy applied to a base: every part's amount. */
static void
split_keys(const struct cct_month *m, struct cct_result *r, int64_t base, int64_t parts[PAYOUT_NPARTS])
{
	struct apportion_item items[PAYOUT_NPARTS];
	size_t n = 0;

	for (int p = 0; p < PAYOUT_NPARTS; p++)
		if (payout_part_is_key((enum payout_part)p))
			items[n++] = (struct apportion_item){ payout_part_names[p], m->policy->keys[p], 0 };
	traced(m, r, (struct cct_step){ .kind = CCT_STEP_KEYS, .total = base }, items, n);
	for (int p = 0, i = 0; p < PAYOUT_NPARTS; p++)
		parts[p] = payout_part_is_key((enum payout_part)p) ? items[i++].amount : 0;
	for (int p = 0; p < PAYOUT_NPARTS; p++)
		if (payout_part_is_key((enum payout_part)p) && !payout_part_is_holder((enum payout_part)p))
			add_line(r, NO_HOLDER, (enum payout_part)p, -1, 0, m->policy->keys[p], parts[p]);
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
	int64_t parts[PAYOUT_NPARTS];
	struct candidate *c;
	size_t n = 0, ntitles = catalog_count(m->catalog);

	split_keys(m, r, base, parts);
	if (model == PAYOUT_MODEL_PRORATA) {
		for (size_t i = 0; i < nplayed; i++)
			played[i].weight = played[i].listens;
		share(m, r, PAYOUT_VARIABLE, parts[PAYOUT_FIXED] + parts[PAYOUT_VARIABLE] +
		    (played_only ? 0 : m->suspense_returned), played, nplayed, NULL);
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
	share(m, r, PAYOUT_FIXED, parts[PAYOUT_FIXED], c, n,
	    model == PAYOUT_MODEL_TIERS ? m->tier_multiplier : NULL);
	free(c);
	/* What returns from suspense joins the month's variable part. */
	share(m, r, PAYOUT_VARIABLE, parts[PAYOUT_VARIABLE] + (played_only ? 0 : m->suspense_returned),
	    played, nplayed, multiplier);
}

/* Candidates for the variable part from per-title listens. */
static struct candidate *
played_titles(const struct cct_month *m, struct cct_result *r, const int64_t *listens,
    const int64_t *weighed, size_t *n)
{
	size_t ntitles = catalog_count(m->catalog), nheld = intern_count(m->held);
	struct candidate *c = err_calloc(ntitles + nheld + 1, sizeof *c);

	*n = 0;
	/* Held titles weigh as back catalogue (1000). */
	for (size_t k = 0; k < nheld; k++)
		if (m->held_listens[k] > 0)
			c[(*n)++] = (struct candidate){ (long)(ntitles + k), NO_HOLDER,
				weigh(r, m->held_listens[k], 1000, "the weight of held track %s would pass "
				"9223372036854775807", intern_str(m->held, (uint32_t)k)), m->held_listens[k] };
	for (size_t i = 0; i < ntitles; i++)
		if (listens[i] > 0)
			c[(*n)++] = (struct candidate){ (long)i, m->holder[i],
				weigh(r, weighed[i], m->coef[i], "the weight of track %s (listens times "
				"novelty_coef) would pass 9223372036854775807", catalog_title(m->catalog, i)->track),
				listens[i] };
	return c;
}

/* One user's qualified listens on one title, whatever structure funds the user. */
struct user_title {
	uint32_t user, title;
	int64_t listens;
};

static int
by_user_title(const void *a, const void *b)
{
	const struct user_title *x = a, *y = b;

	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	return (x->title > y->title) - (x->title < y->title);
}

/*
 * Artist-centric.  A user is a user id over the whole month, whatever
 * structure funds it (renaming or merging structures changes nothing):
 * a user with more than ac_user_cap qualified listens weighs exactly
 * the cap, spread over its titles by largest remainder (weights: its
 * listens on each title, key: the track); a holder with at least
 * ac_min_listens listens and ac_min_listeners distinct user ids, both
 * before the cap, has its weight multiplied by ac_boost.
 */
static int64_t *
artist_centric(const struct cct_month *m, int64_t *multiplier)
{
	size_t ntitles = catalog_count(m->catalog), nholders = intern_count(m->holders), n = 0;
	int64_t *weighed = err_calloc(ntitles + 1, sizeof *weighed);
	int64_t *holder_listens = err_calloc(nholders + 1, sizeof *holder_listens);
	int64_t *listeners = err_calloc(nholders + 1, sizeof *listeners);
	uint32_t *last_user = err_calloc(nholders + 1, sizeof *last_user);
	struct user_title *ut = err_calloc(m->nentries + 1, sizeof *ut);
	struct apportion_item *items = err_calloc(m->nentries + 1, sizeof *items);
	int64_t cap = m->policy->ac_user_cap;

	for (size_t k = 0; k < m->nentries; k++)
		if (m->entries[k].listens > 0)
			ut[n++] = (struct user_title){ m->entries[k].user, m->entries[k].title,
				m->entries[k].listens };
	qsort(ut, n, sizeof *ut, by_user_title);
	for (uint32_t h = 0; h < nholders; h++)
		last_user[h] = UINT32_MAX;
	/* Every sum here is part of the month's listens, checked when read. */
	for (size_t i = 0; i < n; ) {
		size_t first = i, k = 0;
		int64_t total = 0;

		for (; i < n && ut[i].user == ut[first].user; i++) {
			uint32_t h = m->holder[ut[i].title];

			if (k > 0 && ut[first + k - 1].title == ut[i].title) {
				ut[first + k - 1].listens += ut[i].listens;
			} else {
				ut[first + k] = ut[i];
				k++;
			}
			total += ut[i].listens;
			holder_listens[h] += ut[i].listens;
			if (last_user[h] != ut[i].user) {
				last_user[h] = ut[i].user;
				listeners[h]++;
			}
		}
		for (size_t j = 0; j < k; j++)
			items[j] = (struct apportion_item){ catalog_title(m->catalog, ut[first + j].title)->track,
				ut[first + j].listens, ut[first + j].listens };
		if (cap > 0 && total > cap)
			apportion(cap, items, k);
		for (size_t j = 0; j < k; j++)
			weighed[ut[first + j].title] += items[j].amount;
	}
	for (uint32_t h = 0; h < nholders; h++)
		multiplier[h] = holder_listens[h] >= m->policy->ac_min_listens &&
		    listeners[h] >= m->policy->ac_min_listeners ? m->policy->ac_boost : 1000;
	free(holder_listens);
	free(listeners);
	free(last_user);
	free(ut);
	free(items);
	return weighed;
}

/* User-centric: each structure's fixed and variable money goes to its
 * listeners equally, and each listener's share to what they played. */
static void
user_centric(const struct cct_month *m, struct cct_result *r)
{
	struct apportion_item *users = err_calloc(m->nentries + 1, sizeof *users);
	struct apportion_item *titles = err_calloc(m->nentries + 1, sizeof *titles);
	size_t *from_entry = err_calloc(m->nentries + 1, sizeof *from_entry);

	for (size_t s = 0; s < m->money->n; s++) {
		const struct ledger_structure *ls = &m->money->s[s];
		uint32_t sid = intern_find(m->structures, ls->structure, strlen(ls->structure));
		int64_t parts[PAYOUT_NPARTS], money;
		size_t first = 0, end, nusers = 0;

		r->pool = ls->structure;
		split_keys(m, r, ls->base, parts);
		money = parts[PAYOUT_FIXED] + parts[PAYOUT_VARIABLE];
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
		if (traced(m, r, (struct cct_step){ .kind = CCT_STEP_USERS, .total = money }, users,
		    nusers) != 0) {
			if (money != 0) {
				add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, money);
				r->unallocated_why |= CCT_UNALLOC_NO_LISTENER;
			}
			continue;
		}
		for (size_t i = first, u = 0; i < end; ) {
			uint32_t user = m->entries[i].user;
			size_t n = 0;
			int64_t l = 0;

			/* Only titles with a qualified listen by the user: a skip earns nothing. */
			for (; i < end && m->entries[i].user == user; i++) {
				const struct cct_entry *e = &m->entries[i];

				if (e->listens == 0)
					continue;
				titles[n] = (struct apportion_item){ catalog_title(m->catalog, e->title)->track,
					m->weight_ms ? e->ms : e->listens, 0 };
				from_entry[n++] = i;
				l += e->listens;
			}
			if (l == 0)
				continue;
			if (traced(m, r, (struct cct_step){ .kind = CCT_STEP_USER_TITLES, .user = users[u].key,
			    .total = users[u].amount }, titles, n) != 0) {
				if (users[u].amount != 0) {
					add_line(r, NO_HOLDER, PAYOUT_UNALLOCATED, -1, 0, 0, users[u].amount);
					r->unallocated_why |= CCT_UNALLOC_ZERO_WEIGHT;
				}
			} else {
				for (size_t j = 0; j < n; j++) {
					const struct cct_entry *e = &m->entries[from_entry[j]];

					add_line(r, m->holder[e->title], PAYOUT_VARIABLE, e->title, e->listens,
					    titles[j].weight, titles[j].amount);
				}
			}
			u++;
		}
	}
	r->pool = NULL;
	free(users);
	free(titles);
	free(from_entry);
}

/* Lines by holder name (ranks of holder ids in ctx), part and title. */
static int
by_line_key(const void *a, const void *b, void *ctx)
{
	const struct cct_line *x = a, *y = b;
	const uint32_t *rank = ctx;
	/* No holder sorts first, as the empty string does. */
	uint64_t hx = x->holder == NO_HOLDER ? 0 : (uint64_t)rank[x->holder] + 1;
	uint64_t hy = y->holder == NO_HOLDER ? 0 : (uint64_t)rank[y->holder] + 1;

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
	uint32_t *rank;
	size_t j = 0;

	if (r->n == 0)
		return;
	rank = intern_ranks(m->holders);
	qsort_r(r->lines, r->n, sizeof *r->lines, by_line_key, rank);
	for (size_t i = 1; i < r->n; i++) {
		struct cct_line *l = &r->lines[j];

		if (by_line_key(l, &r->lines[i], rank) == 0) {
			/* A key line's weight is the key itself, not a sum. */
			if (num_add(&l->listens, r->lines[i].listens) != 0 ||
			    ((payout_part_is_holder(l->part) || l->part == PAYOUT_UNALLOCATED) &&
			    num_add(&l->weight, r->lines[i].weight) != 0) ||
			    num_add(&l->amount, r->lines[i].amount) != 0)
				too_big(r, "a payout line of %s would pass 9223372036854775807",
				    l->holder == NO_HOLDER ? "no holder" : intern_str(m->holders, l->holder));
		} else {
			r->lines[++j] = r->lines[i];
		}
	}
	r->n = j + 1;
	free(rank);
}

/*
 * --pool structure (cct, tiers, prorata): each structure's money goes to
 * what its own users played.
 */
static void
split_structures(const struct cct_month *m, struct cct_result *r, enum payout_model model,
    const int64_t *multiplier)
{
	size_t ntitles = catalog_count(m->catalog);
	int64_t *listens = err_calloc(ntitles + 1, sizeof *listens);
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

			played[i] = (struct candidate){ t, m->holder[t], weigh(r, listens[t], m->coef[t],
				"the weight of track %s (listens times novelty_coef) would pass "
				"9223372036854775807", catalog_title(m->catalog, (size_t)t)->track), listens[t] };
		}
		r->pool = ls->structure;
		split_pool(m, r, model, ls->base, played, n, 1, multiplier);
		for (size_t i = 0; i < n; i++)
			listens[played[i].title] = 0;
	}
	r->pool = NULL;
	free(listens);
	free(played);
}

int
cct_compute(const struct cct_month *m, enum payout_model model, struct cct_result *r,
    char *errbuf, size_t errlen)
{
	int64_t *multiplier = NULL, *weighed = m->track_listens;

	memset(r, 0, sizeof *r);
	if ((model == PAYOUT_MODEL_USER || model == PAYOUT_MODEL_ARTIST_CENTRIC || m->pool_structure) &&
	    (!m->have_users || !m->have_structures || !m->keep_entries) && m->listens > 0) {
		snprintf(errbuf, errlen, "the %s model%s needs usage with structure and user columns",
		    payout_model_names[model], m->pool_structure ? " with --pool structure" : "");
		return -1;
	}
	if ((m->hold || m->suspense_in != 0) && (model == PAYOUT_MODEL_USER ||
	    model == PAYOUT_MODEL_ARTIST_CENTRIC || m->pool_structure)) {
		snprintf(errbuf, errlen, "unmatched = hold and suspense apply to the month pool of the cct, "
		    "tiers and prorata models, not %s%s", payout_model_names[model],
		    m->pool_structure ? " with --pool structure" : "");
		return -1;
	}
	if (model == PAYOUT_MODEL_ARTIST_CENTRIC && m->pool_structure) {
		snprintf(errbuf, errlen, "the artist-centric model counts a user over the whole month: "
		    "refused with --pool structure");
		return -1;
	}
	/* The collective lines are written even when no structure has money. */
	for (int p = 0; p < PAYOUT_NPARTS; p++)
		if (payout_part_is_key((enum payout_part)p) && !payout_part_is_holder((enum payout_part)p))
			add_line(r, NO_HOLDER, (enum payout_part)p, -1, 0, m->policy->keys[p], 0);
	if (model == PAYOUT_MODEL_TIERS)
		multiplier = m->tier_multiplier;
	if (model == PAYOUT_MODEL_ARTIST_CENTRIC) {
		multiplier = err_calloc(intern_count(m->holders) + 1, sizeof *multiplier);
		weighed = artist_centric(m, multiplier);
	}
	if (model == PAYOUT_MODEL_USER) {
		user_centric(m, r);
	} else if (m->pool_structure) {
		split_structures(m, r, model, multiplier);
	} else {
		size_t n;
		struct candidate *played = played_titles(m, r, m->track_listens, weighed, &n);

		split_pool(m, r, model, m->money->base, played, n, 0, multiplier);
		free(played);
	}
	if (model == PAYOUT_MODEL_ARTIST_CENTRIC) {
		free(multiplier);
		free(weighed);
	}
	for (size_t i = 0; i < catalog_count(m->catalog); i++)
		if (m->released[i] != 0)
			add_line(r, m->holder[i], PAYOUT_RELEASED, (long)i, 0, 0, m->released[i]);
	sort_and_merge(m, r);
	if (r->overflow[0] != '\0') {
		snprintf(errbuf, errlen, "%s model: %s: refused, never wrapped", payout_model_names[model],
		    r->overflow);
		cct_result_free(r);
		return -1;
	}
	return 0;
}

void
cct_result_free(struct cct_result *r)
{
	free(r->lines);
	r->lines = NULL;
	r->n = r->cap = 0;
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
		table_put(w, l->title < 0 ? "" : track_name(m, l->title));
		table_put_int(w, l->listens);
		table_put_int(w, l->weight);
		table_put_money(w, l->amount);
		table_end_row(w);
	}
}

void
cct_summarize(const struct cct_month *m, const struct cct_result *r, struct cct_summary *s)
{
	uint32_t last = NO_HOLDER;
	int64_t paid = 0;

	memset(s, 0, sizeof *s);
	/* Lines are sorted by holder: a holder's lines are together. */
	for (size_t i = 0; i < r->n; i++) {
		if (r->lines[i].holder == NO_HOLDER)
			continue;
		if (r->lines[i].holder != last) {
			if (paid > 0)
				s->holders_paid++;
			last = r->lines[i].holder;
			paid = 0;
		}
		paid += r->lines[i].amount;
	}
	if (paid > 0)
		s->holders_paid++;
	/* Cents times 10^4 are millionths of the currency unit. */
	if (m->listens > 0)
		money_div_round((__int128)r->parts[PAYOUT_VARIABLE] * 10000, m->listens,
		    &s->value_per_listen);
}

static void
put_pair(struct table_writer *w, const char *key, const char *value)
{
	table_put(w, key);
	table_put(w, value);
	table_end_row(w);
}

static void
put_money_pair(struct table_writer *w, const char *key, int64_t cents)
{
	table_put(w, key);
	table_put_money(w, cents);
	table_end_row(w);
}

static void
put_int_pair(struct table_writer *w, const char *key, int64_t v)
{
	table_put(w, key);
	table_put_int(w, v);
	table_end_row(w);
}

void
cct_write_summary(const struct cct_month *m, enum payout_model model, const struct cct_result *r,
    struct table_writer *w)
{
	struct cct_summary s;
	char month[8], buf[64];
	int64_t v;

	cct_summarize(m, r, &s);
	v = s.value_per_listen < 0 ? -s.value_per_listen : s.value_per_listen;
	table_put_header(w, "key,value");
	put_pair(w, "month", date_format_month(m->year, m->month, month));
	put_pair(w, "model", payout_model_names[model]);
	put_money_pair(w, "gross", m->money->gross);
	put_money_pair(w, "vat", m->money->vat);
	put_money_pair(w, "net", m->money->net);
	put_money_pair(w, "society", m->money->society);
	put_money_pair(w, "base", m->money->base);
	for (int p = 0; p < PAYOUT_NPARTS; p++)
		put_money_pair(w, payout_part_names[p], r->parts[p]);
	put_money_pair(w, "held", r->parts[PAYOUT_SUSPENSE]);
	put_money_pair(w, "returned", m->suspense_returned);
	put_int_pair(w, "qualified_listens", m->listens);
	put_int_pair(w, "listens_set_aside", m->set_aside_listens);
	snprintf(buf, sizeof buf, "%s%" PRId64 ".%06" PRId64, s.value_per_listen < 0 ? "-" : "",
	    v / 1000000, v % 1000000);
	put_pair(w, "value_per_listen", buf);
	put_int_pair(w, "holders_paid", s.holders_paid);
}

int
cct_compare(const struct cct_month *m, struct cct_comparison *c, char *errbuf, size_t errlen)
{
	uint32_t *rank;

	c->nholders = intern_count(m->holders);
	c->amount = err_calloc((c->nholders + 1) * PAYOUT_NMODELS, sizeof *c->amount);
	c->order = err_calloc(c->nholders + 1, sizeof *c->order);
	for (int model = 0; model < PAYOUT_NMODELS; model++) {
		struct cct_result r;

		struct cct_month pooled = *m;

		/* Artist-centric has no structure pool: it counts users over the month. */
		if (model == PAYOUT_MODEL_ARTIST_CENTRIC)
			pooled.pool_structure = 0;
		if (cct_compute(&pooled, (enum payout_model)model, &r, errbuf, errlen) != 0) {
			cct_comparison_free(c);
			return -1;
		}
		for (size_t i = 0; i < r.n; i++)
			if (r.lines[i].holder != NO_HOLDER)
				c->amount[(size_t)r.lines[i].holder * PAYOUT_NMODELS + (size_t)model] +=
				    r.lines[i].amount;
		cct_result_free(&r);
	}
	rank = intern_ranks(m->holders);
	for (uint32_t h = 0; h < c->nholders; h++)
		c->order[rank[h]] = h;
	free(rank);
	return 0;
}

void
cct_comparison_free(struct cct_comparison *c)
{
	free(c->amount);
	free(c->order);
	memset(c, 0, sizeof *c);
}

void
cct_write_comparison(const struct cct_month *m, const struct cct_comparison *c,
    struct table_writer *w)
{
	table_put(w, "holder");
	for (int model = 0; model < PAYOUT_NMODELS; model++)
		table_put(w, payout_model_names[model]);
	table_end_row(w);
	for (size_t i = 0; i < c->nholders; i++) {
		table_put(w, intern_str(m->holders, c->order[i]));
		for (int model = 0; model < PAYOUT_NMODELS; model++)
			table_put_money(w, c->amount[(size_t)c->order[i] * PAYOUT_NMODELS + (size_t)model]);
		table_end_row(w);
	}
}
