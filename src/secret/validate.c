/* Tests shared by the checks: entropy, decoys, templates, checksums, base64. */
#include "secret/secret_int.h"
#include <ctype.h>
#include <pthread.h>
#include <string.h>

/* log2 of a count, without libm: 2^k * m with m in [1,2), ln m = 2 atanh((m-1)/(m+1)). */
static double log2_count(size_t x)
{
	int k = 0;
	while (x >> (k + 1))
		k++;
	double m = (double)x / (double)((size_t)1 << k), y = (m - 1) / (m + 1), y2 = y * y, t = y, ln = 0;
	for (int i = 1; i < 30; i += 2, t *= y2)
		ln += t / i;
	return k + 2 * ln / 0.69314718055994530942;
}

/* Shannon entropy in bits per byte. */
double entropy(const uint8_t *s, size_t n)
{
	size_t cnt[256] = { 0 };
	double sum = 0;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		cnt[s[i]]++;
	for (int c = 0; c < 256; c++)
		if (cnt[c])
			sum += (double)cnt[c] * log2_count(cnt[c]);
	return log2_count(n) - sum / (double)n;
}

const uint8_t *mem_icase(const uint8_t *h, size_t hn, const char *needle)
{
	size_t nn = strlen(needle);
	for (size_t i = 0; nn && i + nn <= hn; i++)
		if (tolower(h[i]) == needle[0] && strncasecmp((const char *)h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

/* Documentation keys, fillers and obviously fake values. */
bool is_decoy(const uint8_t *s, size_t n)
{
	static const char *const words[] = { "example", "dummy", "xxxx", "placeholder", "sample",
	                                      "redacted", "your_", "your-", "<your", "changeme",
	                                      "1234567890abcdef", "abcdefghij", NULL };
	for (const char *const *w = words; *w; w++)
		if (mem_icase(s, n, *w))
			return true;
	uint8_t seen[256] = { 0 };
	size_t distinct = 0;
	for (size_t i = 0; i < n && distinct < 6; i++)
		distinct += !seen[s[i]]++;
	return n >= 12 && distinct < 6;
}

/* ${VAR}, $VAR, {{ .x }}, <your-key>, %s: a value filled in elsewhere. */
bool is_template(const uint8_t *s, size_t n)
{
	if (n && (s[0] == '$' || s[0] == '<' || s[0] == '%'))
		return true;
	static const char *const marks[] = { "${", "{{", "$(", "%(", "%s", "<%", NULL };
	for (const char *const *m = marks; *m; m++)
		if (mem_icase(s, n, *m))
			return true;
	return false;
}

static uint32_t table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
}

uint32_t crc32_buf(const uint8_t *s, size_t n)
{
	pthread_once(&crc_once, crc_init);
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++)
		c = table[(c ^ s[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

