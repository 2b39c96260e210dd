/* The DDEX ERN message parser (common/format/ddex.c) and its durations. */
#include "ddex.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ddex_message m;
	char err[512], *s;
	long line;

	memset(&m, 0, sizeof m);
	if (ddex_parse(data, size, 64, &m, &line, err, sizeof err) == 0)
		ddex_message_free(&m);
	s = fuzz_string(data, size < 64 ? size : 64);
	ddex_duration_ms(s);
	free(s);
	return 0;
}
