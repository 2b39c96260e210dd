/*
 * The bundle reader that verify uses (common/format/bundle.c): any
 * tar.gz, extracted into a fresh directory, which must hold nothing
 * outside it afterwards.
 */
#include "bundle.h"
#include "file.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], dir[] = "/tmp/1d-fuzz-bundle.XXXXXX", err[512];
	int fd = fuzz_file(data, size, path, sizeof path);

	if (mkdtemp(dir) == NULL)
		abort();
	bundle_extract(path, dir, err, sizeof err);
	if (file_remove_tree(dir) != 0)
		abort();
	close(fd);
	return 0;
}
