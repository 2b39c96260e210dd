#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

static const char *program_name = "1d";
static int worst_status;

void
err_status_raise(int status)
{
	if (status > worst_status)
		worst_status = status;
}

int
err_status(void)
{
	return worst_status;
}

void
err_init(const char *prog)
{
	const char *slash = strrchr(prog, '/');

	program_name = slash ? slash + 1 : prog;
}

const char *
err_prog(void)
{
	return program_name;
}

void
err_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", program_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void
err_warn_errno(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", program_name);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", strerror(saved));
	va_end(ap);
}

void
err_vat(const char *file, long line, const char *field, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", program_name);
	if (file) {
		if (line > 0)
			fprintf(stderr, "%s:%ld: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	if (field)
		fprintf(stderr, "%s: ", field);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
err_at(const char *file, long line, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vat(file, line, field, fmt, ap);
	va_end(ap);
}

noreturn void
err_exit(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", program_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(code);
}

noreturn void
err_nomem(void)
{
	err_exit(ERR_EXIT_USAGE, "out of memory");
}

void *
err_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		err_nomem();
	return p;
}

void *
err_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		err_nomem();
	return p;
}

void *
err_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		err_nomem();
	return p;
}

char *
err_strdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		err_nomem();
	return p;
}
