/* libFuzzer target: the bytes are one .bulwark.yaml. It loads or it is refused with errors,
 * never both or neither; a loaded config is applied to an empty result. */
#include "pipeline/config.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct findings out = { 0 };
	struct config *c = config_parse("fuzz.yaml", (const char *)data, size, &out);
	if (!c != (out.nerrors > 0))
		abort();
	if (c)
		config_apply(c, &out, "2026-01-01");
	config_free(c);
	findings_free(&out);
	return 0;
}
