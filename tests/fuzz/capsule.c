/* The capsules reader (common/domain/capsule.c). */
#include "capsule.h"
#include "fuzz.h"

static void
conflict(const char *file, long line, const char *id, const char *other)
{
	(void)file, (void)line, (void)id, (void)other;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capsule_set set;
	char path[64], err[512];
	int fd = fuzz_file(data, size, path, sizeof path);

	memset(&set, 0, sizeof set);
	if (capsule_load(&set, path, 0, conflict, NULL, err, sizeof err) == 0)
		capsule_sort(&set);
	capsule_set_free(&set);
	close(fd);
	return 0;
}
