/*
 * err.h - diagnostics and exit codes shared by every 1d tool.
 *
 * The exit codes are defined here and nowhere else.  Library modules in
 * common/ never print or exit; they return an error and the tool uses
 * these helpers to say what went wrong, in the one format every 1d tool
 * uses:  "1d-x: file:line: field: message".
 */
#ifndef ERR_H
#define ERR_H

#include <stdarg.h>
#include <stdnoreturn.h>

enum {
	ERR_EXIT_OK = 0,	/* success */
	ERR_EXIT_DATA = 1,	/* rejected rows, a check that failed */
	ERR_EXIT_USAGE = 2,	/* bad usage or an I/O error */
};

/*
 * The exit status the run has earned so far: a tool raises it when it
 * reports a problem and goes on, and cli_main() exits with the highest of
 * it and the command's own status.  Once it is ERR_EXIT_USAGE (an I/O or
 * usage error) no -o output is committed (cli_commit_output).
 */
void err_status_raise(int status);
int err_status(void);

/* Set the program name used as the prefix of every message. */
void err_init(const char *prog);
const char *err_prog(void);

/* "prog: message" */
void err_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: message: strerror(errno)" */
void err_warn_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: file:line: field: message"; line <= 0 or field NULL leave them out. */
void err_at(const char *file, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void err_vat(const char *file, long line, const char *field, const char *fmt, va_list ap);
/* Print "prog: message" and exit with the given code. */
noreturn void err_exit(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Out of memory is not a recoverable condition for a command-line tool. */
noreturn void err_nomem(void);

void *err_malloc(size_t n);
void *err_calloc(size_t n, size_t size);
void *err_realloc(void *p, size_t n);
char *err_strdup(const char *s);

#endif
