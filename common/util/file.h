/*
 * file.h - whole files in memory.
 */
#ifndef FILE_H
#define FILE_H

#include <stddef.h>

/* A whole file in memory, NUL-terminated (*len without it), or NULL with errno. */
char *file_read(const char *path, size_t *len);

#endif
