#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "date.h"
#include "err.h"
#include "explain.h"
#include "money.h"
#include "num.h"

/* One item of one apportion() step, with how its amount was reached. */
struct row {
	int64_t step;		/* the step's number in the computation, from 1 */
	size_t seq;		/* the order rows were kept in, within a step */
	enum cct_step_kind kind;
	const char *structure, *user, *holder, *item;
	enum payout_part part;
	int64_t units, factor, weight, total, amount;
	int units_known;
	size_t n;		/* items of the step */
	struct apportion_sums sums;
	struct apportion_detail d;
};

struct rows {
	struct row *v;
	size_t n, cap;
};

struct explain {
	const struct cct_month *m;
	enum payout_model model;
	enum explain_kind kind;
	const char *name;
	uint32_t holder;	/* the target's holder id */
	struct cct_trace trace;
	int64_t nsteps;
	struct rows kept;
	/*
	 * Rows of the last keys, holders and users steps, kept once a row
	 * under them is: the keys' parts already kept, the target holder's
	 * row of the last holders step (and where it was kept), the
	 * listeners of the last users step and how far they were searched.
	 */
	struct rows keys, users;
	unsigned keys_kept;
	struct row holder_row;
	int have_holder_row;
	size_t holder_row_at, users_cursor;
};

static const char *const kind_names[] = { "keys", "holders", "titles", "users", "user-titles" };

static void
push(struct rows *r, const struct row *row)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = err_realloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = *row;
}

static int
same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The holder id of a track, or INTERN_NONE. */
static uint32_t
track_holder(const struct cct_month *m, const char *track)
{
	long t = catalog_index(m->catalog, track);

	return t < 0 ? INTERN_NONE : m->holder[t];
}

/* weight = units x factor: the factor the model applies to this row. */
static void
factors(const struct explain *e, const struct cct_step *s, struct row *row)
{
	const struct cct_month *m = e->m;
	long t;

	row->factor = 1;
	if (s->kind == CCT_STEP_HOLDERS && s->multiplier) {
		uint32_t h = intern_find(m->holders, row->item, strlen(row->item));

		row->factor = h == INTERN_NONE ? 1 : s->multiplier[h];
	} else if (s->kind == CCT_STEP_TITLES && s->part == PAYOUT_VARIABLE &&
	    e->model != PAYOUT_MODEL_PRORATA && (t = catalog_index(m->catalog, row->item)) >= 0) {
		row->factor = m->coef[t];
	}
	row->units_known = row->factor != 0;
	row->units = row->factor ? row->weight / row->factor : 0;
}

/* Rows for items[want[0..nwant)] of a step (every item when want is NULL). */
static void
rows_of(struct explain *e, const struct cct_step *s, const size_t *want, size_t nwant, struct rows *out)
{
	struct apportion_detail *d = err_calloc(s->n + 1, sizeof *d);
	struct apportion_sums sums;
	size_t count = want ? nwant : s->n;

	if (apportion_explain(s->total, s->items, s->n, d, &sums) == 0) {
		for (size_t k = 0; k < count; k++) {
			size_t i = want ? want[k] : k;
			struct row row = { e->nsteps, out->n, s->kind, s->structure, s->user, s->holder,
				s->items[i].key, s->part, 0, 1, s->items[i].weight, s->total,
				s->items[i].amount, 1, s->n, sums, d[i] };

			if (s->kind == CCT_STEP_HOLDERS)
				row.holder = row.item;
			else if (s->kind == CCT_STEP_USER_TITLES) {
				uint32_t h = track_holder(e->m, row.item);

				row.holder = h == INTERN_NONE ? NULL : intern_str(e->m->holders, h);
			}
			factors(e, s, &row);
			push(out, &row);
		}
	}
	free(d);
}

/* Keep the rows of the last keys step for the parts in mask (bits 1 << part). */
static void
keep_keys(struct explain *e, unsigned mask)
{
	for (size_t i = 0; i < e->keys.n; i++) {
		struct row *k = &e->keys.v[i];

		for (int p = 0; p < PAYOUT_NPARTS; p++)
			if ((mask & ~e->keys_kept & 1u << p) && strcmp(k->item, payout_part_names[p]) == 0) {
				e->keys_kept |= 1u << p;
				push(&e->kept, k);
			}
	}
}

/* The parts of the keys step whose money a holders or users step shares. */
static unsigned
pot_parts(const struct explain *e, const struct cct_step *s)
{
	/* Pro-rata and user-centric share the fixed and variable parts as one. */
	if (s->kind == CCT_STEP_USERS || e->model == PAYOUT_MODEL_PRORATA)
		return 1u << PAYOUT_FIXED | 1u << PAYOUT_VARIABLE;
	return 1u << s->part;
}

/* Keep the target holder's row of the last holders step (once), after its keys. */
static void
keep_holder_row(struct explain *e, unsigned parts)
{
	if (!e->have_holder_row)
		return;
	keep_keys(e, parts);
	e->holder_row_at = e->kept.n;
	push(&e->kept, &e->holder_row);
	e->have_holder_row = 0;
}

static void
on_holders(struct explain *e, const struct cct_step *s)
{
	const char *holder = intern_str(e->m->holders, e->holder);
	struct rows one = { 0 };

	e->have_holder_row = 0;
	for (size_t i = 0; i < s->n; i++)
		if (same(s->items[i].key, holder)) {
			rows_of(e, s, &i, 1, &one);
			e->holder_row = one.v[0];
			e->have_holder_row = 1;
			free(one.v);
			break;
		}
	/* A holder's share is part of its explanation even with no title under it. */
	if (e->kind == EXPLAIN_HOLDER)
		keep_holder_row(e, pot_parts(e, s));
}

static void
on_titles(struct explain *e, const struct cct_step *s)
{
	size_t i = 0;
	int64_t sum = 0;

	if (e->kind == EXPLAIN_HOLDER) {
		if (!same(s->holder, e->name))
			return;
		rows_of(e, s, NULL, 0, &e->kept);
	} else {
		while (i < s->n && !same(s->items[i].key, e->name))
			i++;
		if (i == s->n)
			return;
		keep_holder_row(e, pot_parts(e, &(struct cct_step){ .kind = CCT_STEP_HOLDERS, .part = s->part }));
		rows_of(e, s, &i, 1, &e->kept);
	}
	/* With a multiplier of 0 the holder's weight does not tell its titles' sum: this does. */
	if (e->holder_row_at < e->kept.n && !e->kept.v[e->holder_row_at].units_known) {
		for (size_t k = 0; k < s->n; k++)
			sum += s->items[k].weight;
		e->kept.v[e->holder_row_at].units = sum;
		e->kept.v[e->holder_row_at].units_known = 1;
	}
}

static void
on_user_titles(struct explain *e, const struct cct_step *s)
{
	size_t *want = err_calloc(s->n + 1, sizeof *want), nwant = 0;

	for (size_t i = 0; i < s->n; i++)
		if (e->kind == EXPLAIN_TRACK ? same(s->items[i].key, e->name) :
		    track_holder(e->m, s->items[i].key) == e->holder)
			want[nwant++] = i;
	if (nwant > 0) {
		/* Listeners come in the order of the users step. */
		while (e->users_cursor < e->users.n && !same(e->users.v[e->users_cursor].item, s->user))
			e->users_cursor++;
		if (e->users_cursor < e->users.n) {
			keep_keys(e, 1u << PAYOUT_FIXED | 1u << PAYOUT_VARIABLE);
			push(&e->kept, &e->users.v[e->users_cursor]);
		}
		rows_of(e, s, want, nwant, &e->kept);
	}
	free(want);
}

static void
on_step(void *ctx, const struct cct_step *s)
{
	struct explain *e = ctx;

	e->nsteps++;
	switch (s->kind) {
	case CCT_STEP_KEYS:
		e->keys.n = 0;
		e->keys_kept = 0;
		rows_of(e, s, NULL, 0, &e->keys);
		break;
	case CCT_STEP_HOLDERS:
		on_holders(e, s);
		break;
	case CCT_STEP_TITLES:
		on_titles(e, s);
		break;
	case CCT_STEP_USERS:
		e->users.n = 0;
		e->users_cursor = 0;
		rows_of(e, s, NULL, 0, &e->users);
		break;
	case CCT_STEP_USER_TITLES:
		on_user_titles(e, s);
		break;
	}
}

int
explain_resolve(const struct cct_month *m, const char *what, enum explain_kind *kind,
    const char **name, char *errbuf, size_t errlen)
{
	int is_track, is_holder;

	if (strncmp(what, "track:", 6) == 0 || strncmp(what, "holder:", 7) == 0) {
		*kind = what[0] == 't' ? EXPLAIN_TRACK : EXPLAIN_HOLDER;
		*name = what + (what[0] == 't' ? 6 : 7);
		is_track = *kind == EXPLAIN_TRACK && catalog_index(m->catalog, *name) >= 0;
		is_holder = *kind == EXPLAIN_HOLDER &&
		    intern_find(m->holders, *name, strlen(*name)) != INTERN_NONE;
		if (is_track || is_holder)
			return 0;
		snprintf(errbuf, errlen, "--explain: no %s \"%s\" in the catalogue",
		    *kind == EXPLAIN_TRACK ? "track" : "holder", *name);
		return -1;
	}
	*name = what;
	is_track = catalog_index(m->catalog, what) >= 0;
	is_holder = intern_find(m->holders, what, strlen(what)) != INTERN_NONE;
	if (is_track && is_holder) {
		snprintf(errbuf, errlen, "--explain: \"%s\" is both a track and a holder: say track:%s or "
		    "holder:%s", what, what, what);
		return -1;
	}
	if (!is_track && !is_holder) {
		snprintf(errbuf, errlen, "--explain: no track or holder \"%s\" in the catalogue", what);
		return -1;
	}
	*kind = is_track ? EXPLAIN_TRACK : EXPLAIN_HOLDER;
	return 0;
}

struct explain *
explain_new(const struct cct_month *m, enum payout_model model, enum explain_kind kind, const char *name)
{
	struct explain *e = err_calloc(1, sizeof *e);

	e->m = m;
	e->model = model;
	e->kind = kind;
	e->name = name;
	e->holder = kind == EXPLAIN_TRACK ? track_holder(m, name) :
	    intern_find(m->holders, name, strlen(name));
	e->holder_row_at = SIZE_MAX;
	e->trace = (struct cct_trace){ on_step, e };
	return e;
}

const struct cct_trace *
explain_trace(struct explain *e)
{
	return &e->trace;
}

void
explain_free(struct explain *e)
{
	if (e == NULL)
		return;
	free(e->kept.v);
	free(e->keys.v);
	free(e->users.v);
	free(e);
}

static int
by_step_then_seq(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * Rows in the order of the computation's steps.  A keys or users row is
 * kept when a row under it is, later than the rows of the steps between.
 */
static void
order(struct explain *e)
{
	for (size_t i = 0; i < e->kept.n; i++)
		e->kept.v[i].seq = i;
	qsort(e->kept.v, e->kept.n, sizeof *e->kept.v, by_step_then_seq);
}

void
explain_write_table(struct explain *e, struct table_writer *w)
{
	char buf[NUM_I128_BUFSZ];

	order(e);
	table_put_header(w, "step,kind,structure,user,part,holder,item,units,factor,weight,items,"
	    "weight_sum,total,quotient,remainder,rank,leftover,plus,amount");
	for (size_t i = 0; i < e->kept.n; i++) {
		const struct row *r = &e->kept.v[i];

		table_put_int(w, r->step);
		table_put(w, kind_names[r->kind]);
		table_put(w, r->structure ? r->structure : "");
		table_put(w, r->user ? r->user : "");
		table_put(w, r->kind == CCT_STEP_HOLDERS || r->kind == CCT_STEP_TITLES ?
		    payout_part_names[r->part] : "");
		table_put(w, r->holder ? r->holder : "");
		table_put(w, r->item);
		if (r->units_known)
			table_put_int(w, r->units);
		else
			table_put(w, "");
		table_put_int(w, r->factor);
		table_put_int(w, r->weight);
		table_put_int(w, (int64_t)r->n);
		table_put(w, num_format_i128(r->sums.weight_sum, buf));
		table_put_int(w, r->total);
		table_put_int(w, r->d.quotient);
		table_put(w, num_format_i128(r->d.remainder, buf));
		table_put_int(w, (int64_t)r->d.rank);
		table_put_int(w, r->sums.leftover);
		table_put_int(w, r->d.plus);
		table_put_int(w, r->amount);
		table_end_row(w);
	}
}

/* Where a step's money comes from, in words. */
static void
step_title(const struct explain *e, const struct row *r, FILE *fp)
{
	char pool[300];

	if (r->structure)
		snprintf(pool, sizeof pool, "structure %s", r->structure);
	else
		snprintf(pool, sizeof pool, "the month");
	fprintf(fp, "step %" PRId64 ": ", r->step);
	switch (r->kind) {
	case CCT_STEP_KEYS:
		fprintf(fp, "the base of %s over the keys", pool);
		break;
	case CCT_STEP_HOLDERS:
		fprintf(fp, "the %s part of %s%s over the holders", payout_part_names[r->part], pool,
		    e->model == PAYOUT_MODEL_PRORATA ? " (fixed + variable keys)" : "");
		break;
	case CCT_STEP_TITLES:
		fprintf(fp, "holder %s's %s part of %s over its titles", r->holder, payout_part_names[r->part],
		    pool);
		break;
	case CCT_STEP_USERS:
		fprintf(fp, "the fixed + variable keys of %s over its listeners", pool);
		break;
	case CCT_STEP_USER_TITLES:
		fprintf(fp, "listener %s's share of %s over the titles played", r->user, pool);
		break;
	}
	fprintf(fp, "\n  total %" PRId64 " cents, %zu items, ", r->total, r->n);
}

/* What the weight of a row is made of, in words. */
static void
weight_words(const struct explain *e, const struct row *r, FILE *fp)
{
	const char *what = "";

	switch (r->kind) {
	case CCT_STEP_KEYS:
		fprintf(fp, "%" PRId64 " (the key, in basis points)", r->weight);
		return;
	case CCT_STEP_USERS:
		fprintf(fp, "%" PRId64 " (every listener weighs the same)", r->weight);
		return;
	case CCT_STEP_USER_TITLES:
		fprintf(fp, "%" PRId64 " (the listener's %s on it)", r->weight,
		    e->m->weight_ms ? "time played, ms" : "qualified listens");
		return;
	case CCT_STEP_HOLDERS:
		what = e->model == PAYOUT_MODEL_TIERS ? "its titles' weights x its tier multiplier" :
		    e->model == PAYOUT_MODEL_ARTIST_CENTRIC && r->part == PAYOUT_VARIABLE ?
		    "its titles' weights x its boost" : "the sum of its titles' weights";
		break;
	case CCT_STEP_TITLES:
		what = r->part == PAYOUT_FIXED ? "an active title" :
		    e->model == PAYOUT_MODEL_PRORATA ? "qualified listens" :
		    e->model == PAYOUT_MODEL_ARTIST_CENTRIC ?
		    "qualified listens after the cap per user x novelty coefficient" :
		    "qualified listens x novelty coefficient";
		break;
	}
	/* The model multiplies this weight by a factor (tier, boost, novelty), or it does not. */
	if (r->kind == CCT_STEP_HOLDERS ? e->model != PAYOUT_MODEL_TIERS &&
	    !(e->model == PAYOUT_MODEL_ARTIST_CENTRIC && r->part == PAYOUT_VARIABLE) :
	    r->part == PAYOUT_FIXED || e->model == PAYOUT_MODEL_PRORATA)
		fprintf(fp, "%" PRId64 " (%s)", r->weight, what);
	else if (!r->units_known)
		fprintf(fp, "%" PRId64 " (%s: x %" PRId64 ")", r->weight, what, r->factor);
	else
		fprintf(fp, "%" PRId64 " x %" PRId64 " = %" PRId64 " (%s)", r->units, r->factor, r->weight, what);
}

void
explain_write_text(struct explain *e, FILE *fp)
{
	const struct cct_month *m = e->m;
	char month[8], a[NUM_I128_BUFSZ], b[NUM_I128_BUFSZ], c[NUM_I128_BUFSZ], d[NUM_I128_BUFSZ];
	char money[MONEY_BUFSZ];
	int64_t parts[PAYOUT_NPARTS] = { 0 }, sum = 0;

	order(e);
	date_format_month(m->year, m->month, month);
	if (e->kind == EXPLAIN_TRACK)
		fprintf(fp, "Track %s (holder %s)", e->name,
		    e->holder == INTERN_NONE ? "none" : intern_str(m->holders, e->holder));
	else
		fprintf(fp, "Holder %s", e->name);
	fprintf(fp, ", model %s, %s, pool %s.\n", payout_model_names[e->model], month,
	    m->pool_structure ? "structure" : "month");
	fputs("Amounts are in cents.  Each step shares a total T over weights w that sum to W:\n"
	    "an item gets the quotient floor(|T| x w / W), and the |T| - (sum of the quotients)\n"
	    "leftover cents go one each to the largest remainders |T| x w mod W, ties to the\n"
	    "first item in byte order: a rank within the leftover is +1.  A negative T is\n"
	    "shared as |T| and the amounts negated.\n", fp);
	for (size_t i = 0; i < e->kept.n; i++) {
		const struct row *r = &e->kept.v[i];
		__int128 t = r->total < 0 ? -(__int128)r->total : r->total;

		if (i == 0 || r->step != e->kept.v[i - 1].step) {
			fputc('\n', fp);
			step_title(e, r, fp);
			fprintf(fp, "W = %s, %lld leftover\n", num_format_i128(r->sums.weight_sum, a),
			    r->sums.leftover);
		}
		fprintf(fp, "  %s%s%s: w = ", r->item,
		    r->kind == CCT_STEP_USER_TITLES && r->holder ? " of " : "",
		    r->kind == CCT_STEP_USER_TITLES && r->holder ? r->holder : "");
		weight_words(e, r, fp);
		fprintf(fp, "\n    %s x %" PRId64 " = %s = %" PRId64 " x %s + %s\n", num_format_i128(t, a),
		    r->weight, num_format_i128(t * r->weight, b), r->d.quotient,
		    num_format_i128(r->sums.weight_sum, c), num_format_i128(r->d.remainder, d));
		fprintf(fp, "    quotient %" PRId64 ", remainder rank %zu of %zu, %s %lld leftover: +%d\n",
		    r->d.quotient, r->d.rank, r->n, r->d.plus ? "within" : "beyond", r->sums.leftover,
		    r->d.plus);
		fprintf(fp, "    amount %" PRId64 " (%s)\n", r->amount, money_format(r->amount, money));
		if (r->kind == CCT_STEP_TITLES || r->kind == CCT_STEP_USER_TITLES) {
			parts[r->kind == CCT_STEP_TITLES ? r->part : PAYOUT_VARIABLE] += r->amount;
			sum += r->amount;
		}
	}
	fprintf(fp, "\n%s %s: ", e->kind == EXPLAIN_TRACK ? "Track" : "Holder", e->name);
	if (e->kept.n == 0) {
		fputs("no step shares money to it this month: 0.00\n", fp);
		return;
	}
	for (int p = 0, first = 1; p < PAYOUT_NPARTS; p++)
		/* Released money is no apportion step: 1d-cct refuses --explain with --suspense. */
		if (payout_part_is_holder((enum payout_part)p) && p != PAYOUT_RELEASED) {
			fprintf(fp, "%s%s %" PRId64, first ? "" : " + ", payout_part_names[p], parts[p]);
			first = 0;
		}
	fprintf(fp, " = %" PRId64 " cents = %s, the sum of its title rows above.\n", sum,
	    money_format(sum, money));
}
