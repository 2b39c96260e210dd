/* The CSV and TSV reader (common/util/table.c): the first byte picks the flags. */
#include "fuzz.h"
#include "table.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], err[512];
	struct table *t;
	int fd, flags, rc;

	if (size == 0)
		return 0;
	flags = data[0] & (TABLE_TSV | TABLE_BAD_ROWS);
	fd = fuzz_file(data + 1, size - 1, path, sizeof path);
	if ((t = table_open(path, flags, err, sizeof err)) != NULL) {
		while ((rc = table_next(t)) == 1 || rc == TABLE_BAD)
			for (int i = 0; i < table_nfields(t); i++)
				if (table_fieldlen(t, i) != strlen(table_field(t, i)) && rc == 1)
					abort();	/* a NUL got through */
		table_close(t);
	}
	close(fd);
	return 0;
}
