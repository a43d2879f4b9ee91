/* libFuzzer target: the bytes are one compose file. The path is in a directory that does not
 * exist, so no .env, env_file or extends file can be read. */
#include "collect/compose.h"
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct compose_file f = { "/nonexistent-bulwark-fuzz/fuzz.yaml", (const char *)data, size };
	struct findings out = { 0 };
	compose_free(compose_load(&f, 1, &out));
	findings_free(&out);
	return 0;
}
