/* libFuzzer target: a runtime watch baseline export read back (bulwark baseline import). */
#include <stdint.h>
#include <stdlib.h>
#include "collect/watch_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct watch_base *v;
	size_t n;
	char err[512];
	if (watch_base_parse("fuzz", (const char *)data, size, &v, &n, err, sizeof err) == 0) {
		for (size_t i = 0; i < n; i++) {
			volatile bool hit = watch_base_exe_find(&v[i], "/bin/sh") != NULL;
			(void)hit;
			watch_base_free(&v[i]);
		}
		free(v);
	}
	return 0;
}
