#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "keyval.h"

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Cut a comment: # at the start or after white space. */
static void
uncomment(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '#' && (p == s || isspace((unsigned char)p[-1]))) {
			*p = '\0';
			return;
		}
}

int
keyval_read(const char *path, struct keyval_file *f, char *errbuf, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	long line = 0;
	ssize_t len;

	memset(f, 0, sizeof *f);
	if (fp == NULL) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	f->name = err_strdup(path);
	while ((len = getline(&buf, &cap, fp)) >= 0) {
		char *eq, *key, *value;

		line++;
		if (memchr(buf, '\0', (size_t)len) != NULL) {
			snprintf(errbuf, errlen, "%s:%ld: a NUL byte", path, line);
			goto fail;
		}
		uncomment(buf);
		key = trim(buf);
		if (*key == '\0')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			snprintf(errbuf, errlen, "%s:%ld: not \"key = value\"", path, line);
			goto fail;
		}
		*eq = '\0';
		value = trim(eq + 1);
		key = trim(key);
		if (*key == '\0') {
			snprintf(errbuf, errlen, "%s:%ld: no key before \"=\"", path, line);
			goto fail;
		}
		for (size_t i = 0; i < f->n; i++)
			if (strcmp(f->kv[i].key, key) == 0) {
				snprintf(errbuf, errlen, "%s:%ld: %s: given again (first on line %ld)", path,
				    line, key, f->kv[i].line);
				goto fail;
			}
		f->kv = err_realloc(f->kv, (f->n + 1) * sizeof *f->kv);
		f->kv[f->n++] = (struct keyval){ err_strdup(key), err_strdup(value), line };
	}
	if (ferror(fp)) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	free(buf);
	fclose(fp);
	return 0;
fail:
	free(buf);
	fclose(fp);
	keyval_free(f);
	return -1;
}

const struct keyval *
keyval_get(const struct keyval_file *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->kv[i].key, key) == 0)
			return &f->kv[i];
	return NULL;
}

void
keyval_free(struct keyval_file *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->kv[i].key);
		free(f->kv[i].value);
	}
	free(f->kv);
	free(f->name);
	memset(f, 0, sizeof *f);
}
