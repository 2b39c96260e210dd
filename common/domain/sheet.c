#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sheet.h"

struct sheet_map {
	char **theirs;
	int *ours;
	long *lines;		/* of the map file, 0 when added otherwise */
	size_t n;
	char *path;		/* of the map file, or NULL */
};

struct sheet_map *
sheet_map_new(void)
{
	return err_calloc(1, sizeof(struct sheet_map));
}

static int
column_of(const char *name)
{
	for (int k = 0; k < CATALOG_NCOLUMNS; k++)
		if (strcmp(catalog_column_names[k], name) == 0)
			return k;
	return strcmp(name, "id") == 0 ? SHEET_ID : -1;
}

int
sheet_map_add(struct sheet_map *m, const char *theirs, const char *ours)
{
	int col = column_of(ours);

	if (col < 0)
		return -1;
	m->theirs = err_realloc(m->theirs, (m->n + 1) * sizeof *m->theirs);
	m->ours = err_realloc(m->ours, (m->n + 1) * sizeof *m->ours);
	m->lines = err_realloc(m->lines, (m->n + 1) * sizeof *m->lines);
	m->lines[m->n] = 0;
	m->theirs[m->n] = err_strdup(theirs);
	m->ours[m->n++] = col;
	return 0;
}

/* One line of a map file, cut in place: 0 added or blank, -1 with why. */
static int
map_line(struct sheet_map *m, char *a, char *why, size_t n)
{
	char *eq, *b, *e;

	a += strspn(a, " \t");
	if (*a == '#' || *a == '\n' || *a == '\r' || *a == '\0')
		return 0;
	if ((eq = strchr(a, '=')) == NULL) {
		snprintf(why, n, "not \"their_header = our_column\"");
		return -1;
	}
	for (e = eq; e > a && (e[-1] == ' ' || e[-1] == '\t'); e--)
		;
	*e = '\0';
	b = eq + 1 + strspn(eq + 1, " \t");
	b[strcspn(b, " \t\r\n")] = '\0';
	if (sheet_map_add(m, a, b) != 0) {
		snprintf(why, n, "unknown column: %s", b);
		return -1;
	}
	return 0;
}

struct sheet_map *
sheet_map_load(const char *path, char *errbuf, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	struct sheet_map *m;
	char line[1024], why[256];
	long n = 0;

	if (fp == NULL) {
		snprintf(errbuf, errlen, "%s: cannot open the map", path);
		return NULL;
	}
	m = sheet_map_new();
	m->path = err_strdup(path);
	while (fgets(line, sizeof line, fp) != NULL) {
		size_t had = m->n;

		n++;
		if (map_line(m, line, why, sizeof why) != 0) {
			snprintf(errbuf, errlen, "%s:%ld: %s", path, n, why);
			fclose(fp);
			sheet_map_free(m);
			return NULL;
		}
		if (m->n > had)
			m->lines[had] = n;
	}
	fclose(fp);
	return m;
}

void
sheet_map_free(struct sheet_map *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->theirs[i]);
	free(m->theirs);
	free(m->ours);
	free(m->lines);
	free(m->path);
	free(m);
}

int *
sheet_columns(const struct sheet_map *m, const struct table *t)
{
	int n = table_ncols(t), *ours = err_malloc(((size_t)n + 1) * sizeof *ours);

	for (int i = 0; i < n; i++) {
		ours[i] = -1;
		for (size_t k = 0; k < m->n && ours[i] < 0; k++)
			if (strcmp(m->theirs[k], table_colname(t, i)) == 0)
				ours[i] = m->ours[k];
	}
	return ours;
}

int
sheet_check_columns(const struct sheet_map *m, const struct table *t, char *errbuf, size_t errlen)
{
	for (size_t k = 0; k < m->n; k++) {
		if (table_col(t, m->theirs[k]) >= 0)
			continue;
		/* A renamed header would leave every title without what the map says it has. */
		if (m->path != NULL && m->lines[k] > 0)
			snprintf(errbuf, errlen, "%s:1: %s: no such column (named by %s:%ld)",
			    table_name(t), m->theirs[k], m->path, m->lines[k]);
		else
			snprintf(errbuf, errlen, "%s:1: %s: no such column", table_name(t),
			    m->theirs[k]);
		return -1;
	}
	return 0;
}

/* Their header for our column col, or ours when none of theirs maps to it. */
static const char *
their_name(const struct table *t, const int *ours, int col)
{
	for (int i = 0; i < table_ncols(t); i++)
		if (ours[i] == col)
			return table_colname(t, i);
	return catalog_column_names[col];
}

static void
set(char **f, int col, const char *s)
{
	free(f[col]);
	f[col] = err_strdup(s);
}

/* Fill what the sheet leaves empty: track, distributor, media, status. */
static void
defaults(char **f, const char *id, const char *distributor)
{
	if (*f[CATALOG_TRACK] == '\0' && *f[CATALOG_ISRC] != '\0') {
		set(f, CATALOG_TRACK, f[CATALOG_ISRC]);
	} else if (*f[CATALOG_TRACK] == '\0' && *id != '\0') {
		free(f[CATALOG_TRACK]);
		f[CATALOG_TRACK] = err_malloc(strlen(distributor) + strlen(id) + 2);
		sprintf(f[CATALOG_TRACK], "%s:%s", distributor, id);
	}
	if (*f[CATALOG_DISTRIBUTOR] == '\0')
		set(f, CATALOG_DISTRIBUTOR, distributor);
	if (*f[CATALOG_MEDIA] == '\0')
		set(f, CATALOG_MEDIA, catalog_media_name(CATALOG_AUDIO));
	if (*f[CATALOG_STATUS] == '\0')
		set(f, CATALOG_STATUS, catalog_status_name(CATALOG_ACTIVE));
}

int
sheet_row(const struct table *t, const int *ours, const char *distributor, const char *source,
    const char *sha256, char *f[CATALOG_NCOLUMNS], char *why, size_t n)
{
	const char *id = NULL;
	char what[256];
	int bad = -1;

	memset(f, 0, CATALOG_NCOLUMNS * sizeof *f);
	/* The first of their columns mapped to one of ours wins. */
	for (int i = 0; i < table_ncols(t); i++)
		if (ours[i] == SHEET_ID && id == NULL)
			id = table_field(t, i);
		else if (ours[i] >= 0 && ours[i] < CATALOG_NCOLUMNS && f[ours[i]] == NULL)
			f[ours[i]] = err_strdup(table_field(t, i));
	for (int k = 0; k < CATALOG_NCOLUMNS; k++)
		if (f[k] == NULL)
			f[k] = err_strdup("");
	defaults(f, id ? id : "", distributor);
	set(f, CATALOG_SOURCE, source);
	set(f, CATALOG_SHA256, sha256);
	for (int i = 0; i < table_ncols(t); i++)
		if (ours[i] >= 0 && table_fieldlen(t, i) != strlen(table_field(t, i))) {
			snprintf(why, n, "%s: holds a NUL byte", table_colname(t, i));
			goto bad;
		}
	if (*f[CATALOG_TITLE] == '\0')
		snprintf(why, n, "%s: missing", their_name(t, ours, CATALOG_TITLE));
	else if (*f[CATALOG_TRACK] == '\0')
		snprintf(why, n, "track: no isrc and no id");
	else if ((bad = catalog_check_row((const char *const *)f, what, sizeof what)) >= 0)
		snprintf(why, n, "%s: %s", their_name(t, ours, bad), what);
	else
		return 0;
bad:
	for (int k = 0; k < CATALOG_NCOLUMNS; k++)
		free(f[k]);
	return -1;
}
