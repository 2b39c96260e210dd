/*
 * Runs a harness without libFuzzer: every file named on the command line
 * is one input.  make check builds each harness with it (and gcc, plain
 * and under the sanitizers) to replay tests/fuzz/NAME/, where every input
 * a fuzzer once crashed on is kept.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t n;
		char *data = file_read(argv[i], &n);

		if (data == NULL) {
			perror(argv[i]);
			return 2;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, n);
		free(data);
		printf("ok %d - %s\n", i, argv[i]);
	}
	return 0;
}
