#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "intern.h"
#include "num.h"
#include "usage_merge.h"

#define NVALUES 4	/* plays, listens, ms, users */

static const char *const value_names[NVALUES] = { "plays", "listens", "ms", "users" };

struct input {
	struct table *t;
	struct aggregate_columns c;	/* where its columns are */
	int done;		/* read to its end, or dropped */
	int month;		/* date_month_index() of the current row */
	int64_t v[NVALUES];
};

struct usage_merge {
	struct aggregate_columns c;
	int count_users;	/* write and sum users (as aggregate_new_merge does) */
	int check_users;	/* keys hold month and user: shards must be disjoint */
	struct input *in;
	int n, cap;
	int *heap;		/* inputs with a current row, smallest key first */
	int nheap;
	int priming;		/* inputs below this one have been read once */
	int advancing;		/* the input to read a row from, or -1 */
	/* The key being summed, copied out of its input, and its sums. */
	int has_sum, written;
	int month;
	char *key[AGGREGATE_NDIMS];
	size_t len[AGGREGATE_NDIMS], keycap[AGGREGATE_NDIMS];
	int64_t v[NVALUES];
	/* "month user" of every input so far, and the input it is in. */
	struct intern *users;
	int *owner;
	uint32_t nowner;
};

struct usage_merge *
usage_merge_new(const struct aggregate_columns *c)
{
	struct usage_merge *m = err_calloc(1, sizeof *m);

	m->c = *c;
	m->count_users = c->has_users && !(c->keys & 1u << AGGREGATE_USER);
	m->check_users = (c->keys & 1u << AGGREGATE_USER) && (c->keys & 1u << AGGREGATE_MONTH);
	m->advancing = -1;
	if (m->check_users)
		m->users = intern_new();
	return m;
}

void
usage_merge_add(struct usage_merge *m, struct table *t, const struct aggregate_columns *c)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->in = err_realloc(m->in, m->cap * sizeof *m->in);
		m->heap = err_realloc(m->heap, m->cap * sizeof *m->heap);
	}
	memset(&m->in[m->n], 0, sizeof m->in[m->n]);
	m->in[m->n].c = *c;
	m->in[m->n++].t = t;
}

void
usage_merge_free(struct usage_merge *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < m->n; i++)
		table_close(m->in[i].t);
	for (int d = 0; d < AGGREGATE_NDIMS; d++)
		free(m->key[d]);
	intern_free(m->users);
	free(m->owner);
	free(m->in);
	free(m->heap);
	free(m);
}

const char *
usage_merge_name(const struct usage_merge *m, int i)
{
	return table_name(m->in[i].t);
}

/*
 * Keys in the order aggregate_write() sorts them: the month, then each
 * name key in byte order, a prefix first.
 */
static int
key_cmp(const struct usage_merge *m, int ma, const char *const *sa, const size_t *la, int mb,
    const char *const *sb, const size_t *lb)
{
	if ((m->c.keys & 1u << AGGREGATE_MONTH) && ma != mb)
		return ma < mb ? -1 : 1;
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++) {
		int r;

		if (!(m->c.keys & 1u << d))
			continue;
		r = memcmp(sa[d], sb[d], la[d] < lb[d] ? la[d] : lb[d]);
		if (r != 0)
			return r;
		if (la[d] != lb[d])
			return la[d] < lb[d] ? -1 : 1;
	}
	return 0;
}

static void
input_key(const struct usage_merge *m, int i, const char **s, size_t *l)
{
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++) {
		s[d] = "";
		l[d] = 0;
		if (m->c.keys & 1u << d) {
			s[d] = table_field(m->in[i].t, m->in[i].c.key[d]);
			l[d] = table_fieldlen(m->in[i].t, m->in[i].c.key[d]);
		}
	}
}

/* Does input i come before input j?  Equal keys in the order of the inputs. */
static int
before(const struct usage_merge *m, int i, int j)
{
	const char *si[AGGREGATE_NDIMS], *sj[AGGREGATE_NDIMS];
	size_t li[AGGREGATE_NDIMS], lj[AGGREGATE_NDIMS];
	int r;

	input_key(m, i, si, li);
	input_key(m, j, sj, lj);
	r = key_cmp(m, m->in[i].month, si, li, m->in[j].month, sj, lj);
	return r < 0 || (r == 0 && i < j);
}

static int
cmp_sum(const struct usage_merge *m, int i)
{
	const char *s[AGGREGATE_NDIMS];
	size_t l[AGGREGATE_NDIMS];

	input_key(m, i, s, l);
	return key_cmp(m, m->in[i].month, s, l, m->month, (const char *const *)m->key, m->len);
}

static void
heap_push(struct usage_merge *m, int i)
{
	int k = m->nheap++;

	while (k > 0 && before(m, i, m->heap[(k - 1) / 2])) {
		m->heap[k] = m->heap[(k - 1) / 2];
		k = (k - 1) / 2;
	}
	m->heap[k] = i;
}

static void
heap_pop(struct usage_merge *m)
{
	int last = m->heap[--m->nheap], k = 0;

	for (;;) {
		int c = 2 * k + 1;

		if (c >= m->nheap)
			break;
		if (c + 1 < m->nheap && before(m, m->heap[c + 1], m->heap[c]))
			c++;
		if (!before(m, m->heap[c], last))
			break;
		m->heap[k] = m->heap[c];
		k = c;
	}
	if (m->nheap > 0)
		m->heap[k] = last;
}

/*
 * Is the row's (month, user) in another input?  Its index, or -1, noting
 * the pair for input i.
 */
static int
other_input(struct usage_merge *m, int i)
{
	const struct table *t = m->in[i].t;
	const char *month = table_field(t, m->in[i].c.key[AGGREGATE_MONTH]);
	const char *user = table_field(t, m->in[i].c.key[AGGREGATE_USER]);
	size_t n = strlen(month) + strlen(user) + 2;
	char *key = err_malloc(n);
	uint32_t before_count = intern_count(m->users), id;

	snprintf(key, n, "%s %s", month, user);
	id = intern_add(m->users, key, n - 1);
	free(key);
	if (id == before_count) {
		if (id >= m->nowner) {
			m->nowner = m->nowner ? m->nowner * 2 : 1024;
			m->owner = err_realloc(m->owner, m->nowner * sizeof *m->owner);
		}
		m->owner[id] = i;
	}
	return m->owner[id] == i ? -1 : m->owner[id];
}

/* The fields of input i's row, checked as aggregate_add_row() does; 0 or -1. */
static int
parse_row(struct usage_merge *m, int i, struct usage_merge_event *ev)
{
	struct input *in = &m->in[i];
	int col[NVALUES] = { in->c.plays, in->c.listens, in->c.ms, in->c.users };
	int year = 0, month = 1, rc;

	if (m->c.keys & 1u << AGGREGATE_MONTH &&
	    date_parse_month(table_field(in->t, in->c.key[AGGREGATE_MONTH]), &year, &month) != 0) {
		ev->field = "month";
		snprintf(ev->why, sizeof ev->why, "not a month: \"%.64s\"",
		    table_field(in->t, in->c.key[AGGREGATE_MONTH]));
		return -1;
	}
	in->month = date_month_index(year, month);
	for (int k = 0; k < NVALUES; k++) {
		in->v[k] = 0;
		if (col[k] < 0)
			continue;
		rc = num_parse_count(table_field(in->t, col[k]), table_fieldlen(in->t, col[k]), &in->v[k]);
		if (rc != NUM_OK) {
			ev->field = value_names[k];
			snprintf(ev->why, sizeof ev->why, "%s: \"%.64s\"", num_strerror(rc),
			    table_field(in->t, col[k]));
			return -1;
		}
	}
	return 0;
}

static void
event(struct usage_merge_event *ev, enum usage_merge_kind kind, struct usage_merge *m, int i)
{
	ev->kind = kind;
	ev->input = i;
	ev->t = m->in[i].t;
}

/*
 * Read input i on to its next good row, which joins the heap.  1 when
 * there is something to say first (ev), else 0.
 */
static int
advance(struct usage_merge *m, int i, struct usage_merge_event *ev)
{
	struct input *in = &m->in[i];
	int r = table_next(in->t), other;

	if (r == 0 || r < 0) {
		in->done = 1;
		m->advancing = -1;
		if (r == 0)
			return 0;
		event(ev, USAGE_MERGE_READ_ERROR, m, i);
		return 1;
	}
	if (r == TABLE_BAD) {
		event(ev, USAGE_MERGE_BAD_TEXT, m, i);
		return 1;
	}
	if (m->check_users && (other = other_input(m, i)) >= 0) {
		in->done = 1;
		m->advancing = -1;
		event(ev, USAGE_MERGE_SHARED_USER, m, i);
		ev->other = table_name(m->in[other].t);
		return 1;
	}
	if (parse_row(m, i, ev) != 0) {
		event(ev, USAGE_MERGE_BAD, m, i);
		return 1;
	}
	heap_push(m, i);
	m->advancing = -1;
	return 0;
}

/* The sum starts with input i's row. */
static void
start_sum(struct usage_merge *m, int i)
{
	const char *s[AGGREGATE_NDIMS];
	size_t l[AGGREGATE_NDIMS];

	input_key(m, i, s, l);
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++) {
		if (l[d] + 1 > m->keycap[d]) {
			m->keycap[d] = l[d] + 1 > 64 ? l[d] + 1 : 64;
			m->key[d] = err_realloc(m->key[d], m->keycap[d]);
		}
		if (l[d])
			memcpy(m->key[d], s[d], l[d]);
		m->len[d] = l[d];
	}
	m->month = m->in[i].month;
	memcpy(m->v, m->in[i].v, sizeof m->v);
	m->has_sum = 1;
}

/* Add input i's row to the sum: every sum checked before any is kept. */
static int
add_to_sum(struct usage_merge *m, int i, struct usage_merge_event *ev)
{
	int64_t v[NVALUES];
	int n = m->count_users ? NVALUES : NVALUES - 1;

	memcpy(v, m->v, sizeof v);
	for (int k = 0; k < n; k++)
		if (num_add(&v[k], m->in[i].v[k]) != 0) {
			event(ev, USAGE_MERGE_OVERFLOW, m, i);
			ev->field = value_names[k];
			return -1;
		}
	memcpy(m->v, v, sizeof v);
	return 0;
}

void
usage_merge_next(struct usage_merge *m, struct usage_merge_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->input = -1;
	if (m->written)
		m->has_sum = m->written = 0;
	for (;;) {
		int i;

		if (m->advancing < 0 && m->priming < m->n)
			m->advancing = m->priming++;
		if (m->advancing >= 0) {
			if (advance(m, m->advancing, ev))
				return;
			continue;
		}
		if (m->nheap == 0) {
			ev->kind = m->has_sum ? USAGE_MERGE_ROW : USAGE_MERGE_END;
			m->written = m->has_sum;
			return;
		}
		i = m->heap[0];
		if (!m->has_sum) {
			start_sum(m, i);
		} else {
			int r = cmp_sum(m, i);

			if (r > 0) {
				ev->kind = USAGE_MERGE_ROW;
				m->written = 1;
				return;
			}
			if (r < 0) {
				heap_pop(m);
				m->in[i].done = 1;
				event(ev, USAGE_MERGE_UNSORTED, m, i);
				return;
			}
			if (add_to_sum(m, i, ev) != 0)
				return;
		}
		heap_pop(m);
		m->advancing = i;
	}
}

void
usage_merge_write_header(const struct usage_merge *m, struct table_writer *w)
{
	for (int d = 0; d < AGGREGATE_NDIMS; d++)
		if (m->c.keys & 1u << d)
			table_put(w, aggregate_dim_names[d]);
	for (int k = 0; k < NVALUES - 1; k++)
		table_put(w, value_names[k]);
	if (m->count_users)
		table_put(w, value_names[NVALUES - 1]);
	table_end_row(w);
}

void
usage_merge_write_row(const struct usage_merge *m, struct table_writer *w)
{
	char month[8];

	if (m->c.keys & 1u << AGGREGATE_MONTH)
		table_put(w, date_format_month(m->month / 12, m->month % 12 + 1, month));
	for (int d = AGGREGATE_STRUCTURE; d < AGGREGATE_NDIMS; d++)
		if (m->c.keys & 1u << d)
			table_putn(w, m->key[d] ? m->key[d] : "", m->len[d]);
	for (int k = 0; k < NVALUES - 1; k++)
		table_put_int(w, m->v[k]);
	if (m->count_users)
		table_put_int(w, m->v[NVALUES - 1]);
	table_end_row(w);
}
