/*
 * fuzz.h - what the harnesses share: each harness is one
 * LLVMFuzzerTestOneInput over one reader of the core.  The readers that
 * take a path are given the input through a memory file, so that they
 * read it exactly as they read a file (memfd_create: built with
 * -D_GNU_SOURCE).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a file: its path is written into path; the fd is returned. */
static inline int
fuzz_file(const uint8_t *data, size_t size, char *path, size_t n)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	lseek(fd, 0, SEEK_SET);
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return fd;
}

/* The input as a NUL-terminated string, at most n - 1 bytes of it. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static inline void
fuzz_report(const char *file, long line, const char *field, const char *msg)
{
	(void)file, (void)line, (void)field, (void)msg;
}

#endif
