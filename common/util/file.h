/*
 * file.h - whole files in memory.
 */
#ifndef FILE_H
#define FILE_H

#include <stddef.h>

/* A whole file in memory, NUL-terminated (*len without it), or NULL with errno. */
char *file_read(const char *path, size_t *len);

/*
 * Remove path and everything below it, without following links (nftw,
 * depth first); a path that does not exist is not an error.  0 or -1.
 */
int file_remove_tree(const char *path);

#endif
