/* The policy file (common/domain/policy.c). */
#include "fuzz.h"
#include "policy.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy p;
	char path[64], err[512];
	int fd = fuzz_file(data, size, path, sizeof path);

	policy_defaults(&p);
	policy_load(&p, path, err, sizeof err);
	close(fd);
	return 0;
}
