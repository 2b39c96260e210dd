/*
 * drop.h - safe streaming reading of a distributor's drop: a directory,
 * or any archive libarchive reads (zip, tar, tar.gz, on standard input
 * too).  Named drop rather than archive so as not to hide libarchive's
 * own <archive.h>.
 *
 * Every regular file is handed to a callback in memory, in the order the
 * drop stores it (directories in byte order of names).  Nothing is
 * written to disk.  A drop that tries to escape (an entry with "..", an
 * absolute path, a link pointing outside) or exceeds a limit is refused
 * as a whole.
 */
#ifndef DROP_H
#define DROP_H
#include <stddef.h>
#include <stdint.h>

struct drop_limits {
	long max_entries;	/* entries of any kind */
	int64_t max_entry;	/* bytes of one file, uncompressed */
	int64_t max_total;	/* bytes of all files, uncompressed */
	int64_t max_ratio;	/* uncompressed / compressed, above 1 MiB */
};

void drop_limits_default(struct drop_limits *l);

/* Return 0 to go on, -1 to stop the drop (errbuf then says why). */
typedef int (*drop_entry_fn)(void *arg, const char *name, const unsigned char *data,
    size_t len);

/*
 * path "-" is standard input, read once through input.h (gzip by
 * content, checked to its end).  0; -1 with errbuf set when the drop is
 * refused for what it holds (an unsafe name or link, too many entries,
 * an entry fn refused); DROP_IO when it cannot be read whole: an I/O
 * error, a corrupt or truncated archive, an archive with no entries,
 * data after a tar's end, or a size or ratio limit.
 */
#define DROP_IO (-2)

/*
 * With plain, an input that is not an archive (standard input too) is
 * handed whole, as read (gzip decompressed), to plain on a descriptor it
 * must close: 0, or -1 with errbuf set (then DROP_IO).
 */
typedef int (*drop_plain_fn)(void *arg, const char *name, int fd, char *errbuf, size_t errlen);
int drop_read(const char *path, const struct drop_limits *l, drop_entry_fn fn, drop_plain_fn plain,
    void *arg, char *errbuf, size_t errlen);

/* Is an entry name safe: relative, no "..", not empty? */
int drop_name_safe(const char *name);
#endif
