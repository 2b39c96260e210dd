/*
 * The CSV and TSV reader (common/util/table.c): the first byte picks the
 * flags.  CSV is read twice, with lines split directly where they can be
 * and with libcsv alone: rows, lines and errors must be the same.
 */
#include "fuzz.h"
#include "table.h"

static struct table *
reopen(const char *path, int flags)
{
	char err[512];

	return table_open(path, flags, err, sizeof err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct table *t, *slow;
	int fd, flags, rc, rc2;

	if (size == 0)
		return 0;
	flags = data[0] & (TABLE_TSV | TABLE_BAD_ROWS);
	fd = fuzz_file(data + 1, size - 1, path, sizeof path);
	t = reopen(path, flags);
	slow = flags & TABLE_TSV ? NULL : reopen(path, flags | TABLE_LIBCSV);
	if ((t == NULL) != (slow == NULL) && !(flags & TABLE_TSV))
		abort();	/* one path read a header the other did not */
	if (t != NULL) {
		do {
			rc = table_next(t);
			if (slow) {
				rc2 = table_next(slow);
				if (rc != rc2 || table_line(t) != table_line(slow) ||
				    table_nfields(t) != table_nfields(slow) ||
				    (rc != 1 && rc != 0 && strcmp(table_error(t), table_error(slow)) != 0))
					abort();
				for (int i = 0; i < table_nfields(t); i++)
					if (table_fieldlen(t, i) != table_fieldlen(slow, i) ||
					    memcmp(table_field(t, i), table_field(slow, i), table_fieldlen(t, i)) != 0)
						abort();
			}
			for (int i = 0; i < table_nfields(t); i++)
				if (table_fieldlen(t, i) != strlen(table_field(t, i)) && rc == 1)
					abort();	/* a NUL got through */
		} while (rc == 1 || rc == TABLE_BAD);
		table_close(t);
	}
	table_close(slow);
	close(fd);
	return 0;
}
