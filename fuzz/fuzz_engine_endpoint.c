/* libFuzzer target: the docker CLI files the endpoint resolution reads. The first byte picks the
 * parser: a context's meta.json (then its Host as a URL for libcurl), config.json, or a recorded
 * engine's request path (under a directory that does not exist, so no file is read). */
#include "collect/engine.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > (1u << 20))
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	char *err = NULL;
	switch (data[0] % 3) {
	case 0: {
		struct engine_endpoint ep = { 0 };
		if (engine_meta_parse(text, len, "meta.json", &ep, &err) == 0) {
			char *sock = NULL, *base = NULL;
			ep.tls = data[0] & 8;
			engine_endpoint_target(&ep, &sock, &base, &err);
			free(sock);
			free(base);
		}
		engine_endpoint_free(&ep);
		break;
	}
	case 1: {
		char *name = NULL;
		engine_config_parse(text, len, "config.json", &name, &err);
		free(name);
		break;
	}
	default: {
		char *path = strndup(text, len);
		json_t *out = NULL;
		engine_replay_read("/nonexistent-bulwark-fuzz", path, &out, &err);
		json_decref(out);
		free(path);
		break;
	}
	}
	free(err);
	return 0;
}
