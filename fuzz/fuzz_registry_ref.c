/* libFuzzer target: the bytes are an image reference from the command line and a registry's
 * WWW-Authenticate header; parsed as each. */
#include "collect/registry.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *err = NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	struct reg_ref r;
	if (reg_ref_parse(s, &r, &err) == 0) {
		if (!r.host || !r.name || !r.reference || !*r.name)
			__builtin_trap();
		reg_ref_free(&r);
	} else if (!err) {
		__builtin_trap();
	}
	free(err);
	struct reg_challenge c;
	if (reg_challenge_parse(s, &c) && !c.scheme[0])
		__builtin_trap();
	reg_challenge_free(&c);
	(void)reg_host_loopback(s);
	free(s);
	return 0;
}
