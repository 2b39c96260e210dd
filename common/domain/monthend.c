#include <dirent.h>
#include <glob.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "date.h"
#include "err.h"
#include "intern.h"
#include "keyval.h"
#include "ledger.h"
#include "listen.h"
#include "money.h"
#include "monthend.h"
#include "policy.h"
#include "table.h"

/* The config's keys: where each goes, and whether it must be there. */
#define KEY(name, req) { #name, offsetof(struct monthend_config, name), req }
static const struct {
	const char *name;
	size_t off;
	int required;
} keys[] = {
	KEY(drops, 0), KEY(maps, 0), KEY(ledger, 1), KEY(policy, 1), KEY(holders, 0),
	KEY(catalog, 1), KEY(key, 1), KEY(out, 1), KEY(balances, 0), KEY(distributors, 0),
	KEY(suspense, 0),
	{ "logs", 0, 1 },
};
#undef KEY

/* value with %M replaced by month, made relative to dir unless absolute. */
static char *
expand(const char *value, const char *month, const char *dir)
{
	size_t cap = strlen(value) + strlen(dir) + 64, n = 0;
	char *out = err_malloc(cap);

	if (value[0] != '/' && strcmp(dir, ".") != 0)
		n = (size_t)snprintf(out, cap, "%s/", dir);
	for (const char *p = value; *p; p++) {
		if (n + 16 > cap)
			out = err_realloc(out, cap *= 2);
		if (p[0] == '%' && p[1] == 'M') {
			memcpy(out + n, month, 7);
			n += 7;
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
	return out;
}

static int
expand_logs(struct monthend_config *c, char *errbuf, size_t errlen)
{
	glob_t g;
	int rc = glob(c->logs_pattern, 0, NULL, &g);

	if (rc == GLOB_NOMATCH) {
		c->nlogs = 0;
		return 0;
	}
	if (rc != 0) {
		snprintf(errbuf, errlen, "logs: cannot expand \"%s\"", c->logs_pattern);
		return -1;
	}
	c->logs = err_calloc(g.gl_pathc + 1, sizeof *c->logs);
	for (size_t i = 0; i < g.gl_pathc; i++)
		c->logs[i] = err_strdup(g.gl_pathv[i]);
	c->nlogs = g.gl_pathc;
	globfree(&g);
	return 0;
}

int
monthend_config_load(const char *path, const char *month, struct monthend_config *c,
    char *errbuf, size_t errlen)
{
	struct keyval_file f;
	char *dir = err_strdup(path), *slash = strrchr(dir, '/');
	int rc = -1;

	memset(c, 0, sizeof *c);
	if (date_parse_month(month, &c->year, &c->mon) != 0) {
		snprintf(errbuf, errlen, "not a month (YYYY-MM): \"%s\"", month);
		free(dir);
		return -1;
	}
	c->month = err_strdup(month);
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (keyval_read(path, &f, errbuf, errlen) != 0) {
		free(dir);
		monthend_config_free(c);
		return -1;
	}
	for (size_t i = 0; i < f.n; i++) {
		size_t k = 0;

		while (k < sizeof keys / sizeof keys[0] && strcmp(keys[k].name, f.kv[i].key) != 0)
			k++;
		if (k == sizeof keys / sizeof keys[0]) {
			snprintf(errbuf, errlen, "%s:%ld: %s: not a key of the month end's config", path,
			    f.kv[i].line, f.kv[i].key);
			goto done;
		}
		if (strcmp(keys[k].name, "logs") == 0)
			c->logs_pattern = expand(f.kv[i].value, month, dir);
		else
			*(char **)((char *)c + keys[k].off) = expand(f.kv[i].value, month, dir);
	}
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (keys[k].required && keyval_get(&f, keys[k].name) == NULL) {
			snprintf(errbuf, errlen, "%s: %s: missing (required)", path, keys[k].name);
			goto done;
		}
	rc = expand_logs(c, errbuf, errlen);
done:
	keyval_free(&f);
	free(dir);
	if (rc != 0)
		monthend_config_free(c);
	return rc;
}

void
monthend_config_free(struct monthend_config *c)
{
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (strcmp(keys[k].name, "logs") != 0)
			free(*(char **)((char *)c + keys[k].off));
	for (size_t i = 0; i < c->nlogs; i++)
		free(c->logs[i]);
	free(c->logs);
	free(c->logs_pattern);
	free(c->month);
	memset(c, 0, sizeof *c);
}

static void
add(struct monthend_findings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add(struct monthend_findings *f, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	f->line = err_realloc(f->line, (f->n + 1) * sizeof *f->line);
	f->line[f->n++] = err_strdup(buf);
}

void
monthend_findings_free(struct monthend_findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->line[i]);
	free(f->line);
	memset(f, 0, sizeof *f);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

void
monthend_check_days(const char *month, const long *count, int ndays, struct monthend_findings *f)
{
	long sorted[31], median;

	memcpy(sorted, count, (size_t)ndays * sizeof *sorted);
	qsort(sorted, (size_t)ndays, sizeof *sorted, cmp_long);
	median = sorted[ndays / 2];
	for (int d = 0; d < ndays; d++)
		if (count[d] == 0)
			add(f, "%s-%02d: no log rows", month, d + 1);
		else if (count[d] * 10 < median)
			add(f, "%s-%02d: only %ld log rows (the month's median day has %ld)", month, d + 1,
			    count[d], median);
}

/* Count the month's log rows per day, and collect the structures that listened. */
static int
read_logs(const struct monthend_config *c, long *count, struct intern *structures,
    struct monthend_findings *f)
{
	int64_t first = date_to_days((struct date){ c->year, c->mon, 1 });
	int ndays = date_days_in_month(c->year, c->mon);

	for (size_t i = 0; i < c->nlogs; i++) {
		struct listen_columns cols;
		const char *missing, *field;
		char err[512], why[256];
		struct table *t = table_open(c->logs[i], TABLE_BAD_ROWS, err, sizeof err);
		struct listen l;
		int rc;

		if (t == NULL) {
			add(f, "%s", err);
			continue;
		}
		if (listen_columns(t, &cols, &missing) != 0) {
			add(f, "%s:1: %s: no such column", c->logs[i], missing);
			table_close(t);
			continue;
		}
		while ((rc = table_next(t)) == 1 || rc == TABLE_BAD) {
			int64_t day;

			if (rc == TABLE_BAD || listen_parse(t, &cols, &l, &field, why, sizeof why) != 0)
				continue;	/* 1d-listens rejects it, with its reason */
			day = (l.ts_ms >= 0 ? l.ts_ms / 86400000 : -((-l.ts_ms + 86399999) / 86400000)) - first;
			if (day < 0 || day >= ndays)
				continue;
			count[day]++;
			intern_add(structures, l.structure, l.structure_len);
		}
		if (rc < 0)
			add(f, "%s:%ld: %s", c->logs[i], table_line(t), table_error(t));
		table_close(t);
	}
	return 0;
}

static void
check_exists(struct monthend_findings *f, const char *what, const char *path, int dir)
{
	struct stat st;

	if (path == NULL)
		return;
	if (stat(path, &st) != 0)
		add(f, "%s: %s: missing", what, path);
	else if (dir && !S_ISDIR(st.st_mode))
		add(f, "%s: %s: not a directory", what, path);
}

static int
access_ok(const char *path)
{
	struct stat st;

	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ledger_month's report callback takes no context: the findings it adds to. */
static struct monthend_findings *ledger_findings;

static void
ledger_report(const char *file, long line, const char *field, const char *msg)
{
	add(ledger_findings, "%s:%ld: %s%s%s", file, line, field ? field : "", field ? ": " : "", msg);
}

/* Money in the month without listens, and a month without money. */
static void
check_money(const struct monthend_config *c, const struct intern *structures,
    struct monthend_findings *f)
{
	struct ledger_month m;
	struct policy p;
	char err[512], buf[MONEY_BUFSZ];

	policy_defaults(&p);
	if (policy_load(&p, c->policy, err, sizeof err) != 0)
		return;		/* 1d-cct says why; the preflight only looks for gaps */
	memset(&m, 0, sizeof m);
	ledger_findings = f;
	switch (ledger_month(c->ledger, 0, c->year, c->mon, p.currency, p.sacem_rate, &m, ledger_report,
	    err, sizeof err)) {
	case -2:
		add(f, "%s", err);
		return;
	case -1:
		return;		/* each bad row is a finding already */
	}
	if (m.gross == 0)
		add(f, "%s: no money for %s", c->ledger, c->month);
	for (size_t i = 0; i < m.n; i++)
		if (m.s[i].gross > 0 &&
		    intern_find(structures, m.s[i].structure, strlen(m.s[i].structure)) == UINT32_MAX)
			add(f, "%s: %s has %s for %s and no listens in the logs", c->ledger,
			    m.s[i].structure, money_format(m.s[i].gross, buf), c->month);
	ledger_month_free(&m);
}

int
monthend_preflight(const struct monthend_config *c, struct monthend_findings *f, char *errbuf,
    size_t errlen)
{
	long count[31] = { 0 };
	struct intern *structures = intern_new();
	char pub[4096];

	(void)errbuf, (void)errlen;
	check_exists(f, "ledger", c->ledger, 0);
	check_exists(f, "policy", c->policy, 0);
	check_exists(f, "holders", c->holders, 0);
	check_exists(f, "balances", c->balances, 0);
	check_exists(f, "suspense", c->suspense, 0);
	check_exists(f, "distributors", c->distributors, 0);
	check_exists(f, "drops", c->drops, 1);
	check_exists(f, "maps", c->maps, 1);
	check_exists(f, "key", c->key, 0);
	if (c->key && strlen(c->key) > 4 && strcmp(c->key + strlen(c->key) - 4, ".pem") == 0) {
		snprintf(pub, sizeof pub, "%.*s.pub", (int)strlen(c->key) - 4, c->key);
		check_exists(f, "key's public half", pub, 0);
	}
	if (c->drops == NULL)
		check_exists(f, "catalog", c->catalog, 0);
	if (c->nlogs == 0)
		add(f, "logs: nothing matches %s", c->logs_pattern);
	read_logs(c, count, structures, f);
	if (c->nlogs > 0)
		monthend_check_days(c->month, count, date_days_in_month(c->year, c->mon), f);
	if (access_ok(c->ledger) && access_ok(c->policy))
		check_money(c, structures, f);
	intern_free(structures);
	return 0;
}

/* Is a later than b? */
static int
later(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

void
monthend_check_drops_settled(const char *path, const struct timespec *since,
    struct monthend_findings *f)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[4096], when[32];

	if (lstat(path, &st) != 0)
		return;
	if (S_ISREG(st.st_mode) && later(&st.st_mtim, since)) {
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&st.st_mtim.tv_sec));
		add(f, "drops: %s changed at %s, after its import began: is the delivery complete?",
		    path, when);
	}
	if (!S_ISDIR(st.st_mode) || (d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			monthend_check_drops_settled(sub, since, f);
		}
	closedir(d);
}

void
monthend_previous(const char *month, char *buf)
{
	int y, m;

	if (date_parse_month(month, &y, &m) != 0) {
		strcpy(buf, "0000-00");
		return;
	}
	if (--m == 0) {
		m = 12;
		y--;
	}
	date_format_month(y, m, buf);
}
