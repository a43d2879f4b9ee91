/* libFuzzer target: an earlier JSON report read as a --baseline, and a look-up in it. */
#include <stdint.h>
#include "collect/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct findings out = { 0 };
	struct baseline b;
	if (baseline_parse("fuzz", (const char *)data, size, &b, &out)) {
		volatile bool hit = baseline_has(&b, b.n ? b.v[b.n / 2] : "x:0");
		(void)hit;
		baseline_free(&b);
	}
	findings_free(&out);
	return 0;
}
