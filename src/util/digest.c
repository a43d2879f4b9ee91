/* SHA-256 digests as text. */
#include "util/digest.h"
#include "util/crypto_api.h"
#include "util/util.h"
#include <string.h>

bool sha256_hex_valid(const char *hex)
{
	return hex && strlen(hex) == SHA256_HEX_LEN &&
	       strspn(hex, "0123456789abcdef") == SHA256_HEX_LEN;
}

bool sha256_digest_valid(const char *s)
{
	return str_prefix(s, "sha256:") && sha256_hex_valid(s + 7);
}

void hex_encode(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

void sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (EVP_Digest(data, n, md, &len, EVP_sha256(), NULL) && len == 32)
		hex_encode(md, 32, hex);
	else
		hex[0] = '\0';
}

static char *with_prefix(const unsigned char *md, unsigned len)
{
	char *s = xmalloc(8 + 2 * (size_t)len);
	memcpy(s, "sha256:", 7);
	hex_encode(md, len, s + 7);
	return s;
}

char *sha256_digest(const void *data, size_t n)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (!EVP_Digest(data, n, md, &len, EVP_sha256(), NULL))
		len = 0;
	return with_prefix(md, len);
}

char *sha256_digest_final(void *ctx)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (!EVP_DigestFinal_ex(ctx, md, &len))
		len = 0;
	return with_prefix(md, len);
}
