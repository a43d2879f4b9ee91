/* The secret engine over arbitrary bytes, fed in chunks whose sizes the input itself picks. */
#include "secret/secret.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static void on_secret(void *ctx, const struct secret_match *m)
{
	size_t *n = ctx;
	/* Touch every byte the engine hands out. */
	for (size_t i = 0; i < m->len; i++)
		*n += (unsigned char)m->text[i];
	*n += (size_t)m->line + (size_t)m->offset;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct secret_db *db = secret_db_get(NULL);
	size_t sum = 0;
	if (!db || size < 2)
		return 0;
	uint32_t seed = (uint32_t)data[0] << 8 | data[1];
	data += 2;
	size -= 2;
	struct secret_stream *s = secret_stream_open(db, on_secret, &sum);
	for (size_t i = 0; i < size;) {
		seed = seed * 1103515245u + 12345u;
		size_t k = 1 + (seed >> 16) % 97;
		k = k < size - i ? k : size - i;
		secret_stream_feed(s, data + i, k);
		i += k;
	}
	secret_stream_close(s);
	return 0;
}
