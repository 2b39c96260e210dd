/* The catalogue loader (common/domain/catalog.c), and a lookup of every title. */
#include "catalog.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], err[512];
	int fd = fuzz_file(data, size, path, sizeof path);
	struct catalog *c = catalog_load(path, 0, err, sizeof err);

	if (c) {
		for (size_t i = 0; i < catalog_count(c); i++)
			if (catalog_find(c, catalog_title(c, i)->track) == NULL)
				abort();
		catalog_find(c, "no such title");
		catalog_free(c);
	}
	close(fd);
	return 0;
}
