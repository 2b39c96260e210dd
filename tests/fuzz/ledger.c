/* The ledger (common/domain/ledger.c) for October 2026. */
#include "fuzz.h"
#include "ledger.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ledger_month m;
	char path[64], err[512];
	int fd = fuzz_file(data, size, path, sizeof path);

	memset(&m, 0, sizeof m);
	if (ledger_month(path, 0, 2026, 10, "EUR", 85000, &m, fuzz_report, err, sizeof err) != -2)
		ledger_month_free(&m);
	close(fd);
	return 0;
}
