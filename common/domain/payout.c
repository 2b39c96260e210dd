#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "money.h"
#include "num.h"
#include "payout.h"
#include "table.h"

const char *const payout_part_names[PAYOUT_NPARTS] = {
	"fixed", "fund", "operations", "released", "rnd", "suspense", "unallocated", "variable",
};

const char *const payout_model_names[PAYOUT_NMODELS] = {
	"cct", "prorata", "user", "tiers", "artist-centric",
};

int
payout_part_parse(const char *s)
{
	for (int i = 0; i < PAYOUT_NPARTS; i++)
		if (strcmp(payout_part_names[i], s) == 0)
			return i;
	return -1;
}

int
payout_part_is_key(enum payout_part p)
{
	return p != PAYOUT_UNALLOCATED && p != PAYOUT_RELEASED && p != PAYOUT_SUSPENSE;
}

int
payout_part_is_holder(enum payout_part p)
{
	return p == PAYOUT_FIXED || p == PAYOUT_VARIABLE || p == PAYOUT_RELEASED;
}

int
payout_model_parse(const char *s)
{
	for (int i = 0; i < PAYOUT_NMODELS; i++)
		if (strcmp(payout_model_names[i], s) == 0)
			return i;
	return -1;
}

enum { COL_MONTH, COL_MODEL, COL_HOLDER, COL_PART, COL_TRACK, COL_LISTENS, COL_WEIGHT, COL_AMOUNT,
	NCOLS };

static const char *const column_names[NCOLS] = {
	"month", "model", "holder", "part", "track", "listens", "weight", "amount",
};

struct payout_reader {
	struct table *t;
	int col[NCOLS];
};

struct payout_reader *
payout_open(const char *path, int flags, char *errbuf, size_t errlen)
{
	struct payout_reader *r;
	struct table *t;

	if ((t = table_open(path, flags | TABLE_BAD_ROWS, errbuf, errlen)) == NULL)
		return NULL;
	r = err_calloc(1, sizeof *r);
	r->t = t;
	if (table_columns(t, column_names, NCOLS, r->col, errbuf, errlen) != 0) {
		payout_close(r);
		return NULL;
	}
	return r;
}

static int
bad(const char **field, int col, char *errbuf, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
bad(const char **field, int col, char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	*field = column_names[col];
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int
parse_count(const struct payout_reader *r, int col, int64_t *v, const char **field, char *errbuf,
    size_t errlen)
{
	const char *s = table_field(r->t, r->col[col]);
	int rc = num_parse_count_str(s, v);

	if (rc != NUM_OK)
		return bad(field, col, errbuf, errlen, "%s: \"%s\"", num_strerror(rc), s);
	return 0;
}

int
payout_next(struct payout_reader *r, struct payout_line *l, const char **field, char *errbuf,
    size_t errlen)
{
	int rc, y, mo, p;

	*field = NULL;
	if ((rc = table_next(r->t)) == 0)
		return 0;
	if (rc == TABLE_BAD) {
		/* The table names the column in its message. */
		snprintf(errbuf, errlen, "%s", table_error(r->t));
		return -1;
	}
	if (rc < 0) {
		snprintf(errbuf, errlen, "%s:%ld: %s", table_name(r->t), table_line(r->t), table_error(r->t));
		return -2;
	}
	l->month = table_field(r->t, r->col[COL_MONTH]);
	l->model = table_field(r->t, r->col[COL_MODEL]);
	l->holder = table_field(r->t, r->col[COL_HOLDER]);
	l->track = table_field(r->t, r->col[COL_TRACK]);
	if (date_parse_month(l->month, &y, &mo) != 0)
		return bad(field, COL_MONTH, errbuf, errlen, "not a month (YYYY-MM): \"%s\"", l->month);
	if ((p = payout_part_parse(table_field(r->t, r->col[COL_PART]))) < 0)
		return bad(field, COL_PART, errbuf, errlen, "not a payout part: \"%s\"",
		    table_field(r->t, r->col[COL_PART]));
	l->part = (enum payout_part)p;
	if ((rc = money_parse(table_field(r->t, r->col[COL_AMOUNT]), &l->amount)) != MONEY_OK)
		return bad(field, COL_AMOUNT, errbuf, errlen, "not an amount: \"%s\"",
		    table_field(r->t, r->col[COL_AMOUNT]));
	if (parse_count(r, COL_LISTENS, &l->listens, field, errbuf, errlen) != 0 ||
	    parse_count(r, COL_WEIGHT, &l->weight, field, errbuf, errlen) != 0)
		return -1;
	return 1;
}

const char *
payout_name(const struct payout_reader *r)
{
	return table_name(r->t);
}

long
payout_lineno(const struct payout_reader *r)
{
	return table_line(r->t);
}

void
payout_close(struct payout_reader *r)
{
	if (r == NULL)
		return;
	table_close(r->t);
	free(r);
}
