/* One UTF-8 validator for the input check and the reporters; the repair of invalid input; and
 * the character check of the YAML reader. */
#include "util/util.h"
#include <stdint.h>
#include <string.h>

size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t want;
	unsigned cp;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		want = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		want = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		want = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < want)
		return 0;
	for (size_t i = 1; i < want; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((want == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (want == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return want;
}

/* The 8 bytes at s are all ASCII and none is NUL: a word at a time instead of a byte. */
static uint64_t non_ascii8(const unsigned char *s)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t x;
	memcpy(&x, s, sizeof x);
	return ((x - ones) | x) & highs;
}

static bool ascii8(const unsigned char *s)
{
	return !non_ascii8(s);
}

/* The same for 32 bytes, with one test: most text is ASCII throughout. */
static bool ascii32(const unsigned char *s)
{
	return !(non_ascii8(s) | non_ascii8(s + 8) | non_ascii8(s + 16) | non_ascii8(s + 24));
}

/* The line of byte i: counted only when there is a fault to name, so the check itself does
 * not look at newlines. */
static int line_of(const char *text, size_t i)
{
	int line = 1;
	for (const char *p = text, *e = text + i; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		line++;
	return line;
}

enum text_fault text_check(const char *text, size_t len, int *line)
{
	const unsigned char *s = (const unsigned char *)text;
	enum text_fault f = TEXT_OK;
	size_t i = 0;
	while (i < len) {
		if (i + 32 <= len && ascii32(s + i)) {
			i += 32;
			continue;
		}
		if (i + 8 <= len && ascii8(s + i)) {
			i += 8;
			continue;
		}
		if (s[i] && s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = s[i] ? utf8_seq(s + i, len - i) : 0;
		if (!k) {
			f = s[i] ? TEXT_BAD_UTF8 : TEXT_NUL;
			break;
		}
		i += k;
	}
	*line = f == TEXT_OK ? 0 : line_of(text, i);
	return f;
}

/* Rare (text_check found a bad byte), so plain byte loops: each byte that starts no valid
 * sequence becomes one U+FFFD, as the reporters replace them. */
char *utf8_mend(const char *text, size_t len, size_t *out_len)
{
	const unsigned char *s = (const unsigned char *)text;
	struct buf b = { 0 };
	buf_reserve(&b, len + 16);
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq(s + i, len - i);   /* 1 for ASCII, NUL included */
		if (k) {
			buf_add(&b, text + i, k);
			i += k;
		} else {
			buf_add(&b, "\xef\xbf\xbd", 3);
			i++;
		}
	}
	*out_len = b.len;
	return buf_take(&b);
}

/* YAML's c-printable set: the YAML reader refuses bytes outside it before the parser sees them,
 * so the error names their line in bulwark's words. */
size_t yaml_printable(const unsigned char *s, size_t n)
{
	unsigned c = s[0], need, cp;
	if (c < 0x80)
		return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7f);
	need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	if (!need || c > 0xf4 || need >= n)
		return 0;
	cp = c & (0x3f >> need);
	for (unsigned i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	static const unsigned min[] = { 0, 0x80, 0x800, 0x10000 };
	if (cp < min[need] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    (cp >= 0x80 && cp <= 0x9f && cp != 0x85) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return need + 1;
}
