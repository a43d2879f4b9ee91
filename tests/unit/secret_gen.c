/* Fake credentials from templates, for the secret tests: never a real key, always the shape. */
#include "secret_gen.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *cls(char c)
{
	switch (c) {
	case 'A': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	case 'L': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	case 'l': return "abcdefghijklmnopqrstuvwxyz0123456789";
	case 'h': return "0123456789abcdef";
	case 'U': return "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	case 'u': return "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	case 'd': return "0123456789";
	case '2': return "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	case 'b': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	case 'w': return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
	case 'g': return "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
	default: return "x";
	}
}

static uint32_t crc32(const char *s, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= (uint8_t)s[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return ~c;
}

char *secret_gen(const char *tpl, uint32_t *rng)
{
	struct buf b = { 0 };
	for (const char *p = tpl; *p; p++) {
		if (*p != '{' || (strncmp(p, "{crc}", 5) && !isdigit((unsigned char)p[2]))) {
			buf_addc(&b, *p);
			continue;
		}
		if (!strncmp(p, "{crc}", 5)) {
			static const char b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			                          "abcdefghijklmnopqrstuvwxyz";
			uint32_t c = crc32(b.s + b.len - 30, 30);
			char out[7] = "000000";
			for (int i = 5; i >= 0; i--, c /= 62)
				out[i] = b62[c % 62];
			buf_adds(&b, out);
			p += 4;
			continue;
		}
		const char *set = cls(p[1]);
		char *end;
		long n = strtol(p + 2, &end, 10);
		size_t sn = strlen(set);
		for (long i = 0; i < n; i++) {
			*rng = *rng * 1103515245u + 12345u;
			buf_addc(&b, set[(*rng >> 16) % sn]);
		}
		p = end;
	}
	return buf_take(&b);
}
