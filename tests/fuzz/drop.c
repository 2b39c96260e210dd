/* The drop reader (common/format/drop.c): any archive libarchive reads, under the limits. */
#include "drop.h"
#include "fuzz.h"

static int
entry(void *arg, const char *name, const unsigned char *data, size_t len)
{
	(void)arg, (void)data, (void)len;
	if (!drop_name_safe(name))
		abort();	/* an unsafe name must never reach the callback */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct drop_limits l;
	char path[64], err[512];
	int fd = fuzz_file(data, size, path, sizeof path);

	drop_limits_default(&l);
	l.max_entries = 100;
	l.max_entry = l.max_total = 1 << 20;
	drop_read(path, &l, entry, NULL, NULL, err, sizeof err);
	close(fd);
	return 0;
}
