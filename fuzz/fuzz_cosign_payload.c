/* libFuzzer target: the bytes are what a registry hands bulwark verify: a simple-signing payload
 * (first byte even) or a signature manifest whose layers' signatures are decoded (odd). */
#include "collect/cosign.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void manifest(const uint8_t *p, size_t n)
{
	json_t *m = json_loadb((const char *)p, n, 0, NULL);
	struct cosign_layer v[COSIGN_MAX_SIGS];
	size_t k = cosign_layers(m, v, COSIGN_MAX_SIGS);
	if (k > COSIGN_MAX_SIGS)
		__builtin_trap();
	for (size_t i = 0; i < k; i++) {
		struct sig_entry e = { 0 };
		if (cosign_sig_decode(v[i].sig_b64, &e) != (e.problem == NULL) || (e.sig && !e.nsig))
			__builtin_trap();
		free(e.sig);
		free(e.problem);
		if (v[i].digest)
			free(cosign_sig_tag(v[i].digest));
	}
	json_decref(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1) {
		manifest(data + 1, size - 1);
		return 0;
	}
	struct sig_payload p;
	if (cosign_payload_parse(data + 1, size - 1, &p)) {
		free(p.type);
		free(p.digest);
		free(p.reference);
	} else if (p.type || p.digest || p.reference) {
		__builtin_trap();
	}
	return 0;
}
