/* Base64, standard or URL-safe alphabet: the engine's AuthZ bodies, docker config.json's
 * "auth" entries, and the secret checks' token parts. */
#ifndef BW_UTIL_BASE64_H
#define BW_UTIL_BASE64_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes up to cap bytes into out; a trailing '=' ends the input. SIZE_MAX on a bad character. */
size_t b64_decode(const uint8_t *s, size_t n, uint8_t *out, size_t cap, bool url);
#endif
