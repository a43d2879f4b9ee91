/* Buffered report output: reporters write many small pieces, and one stdio call per piece cost
 * more than building the report. */
#include "report/report_int.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->fp) != o->len)
		o->failed = true;
	o->len = 0;
}

/* out_add when the buffer is full: flush it, and write what still would not fit directly. */
void out_add_slow(struct out *o, const char *s, size_t n)
{
	out_flush(o);
	if (n > sizeof o->buf) {
		if (fwrite(s, 1, n, o->fp) != n)
			o->failed = true;
		return;
	}
	memcpy(o->buf, s, n);
	o->len = n;
}

void out_str(struct out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

void out_int(struct out *o, long long v)
{
	char d[24], *p = d + sizeof d;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	out_add(o, p, (size_t)(d + sizeof d - p));
}

void out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	out_str(o, s);
	free(s);
}

int out_end(struct out *o)
{
	out_flush(o);
	return o->failed || ferror(o->fp) ? -1 : 0;
}

static void put_hex(struct out *o, const char *prefix, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	out_str(o, prefix);
	out_c(o, hex[c >> 4]);
	out_c(o, hex[c & 15]);
}

/* The 8 bytes at p are all printable ASCII (0x20..0x7e), a word at a time. A borrow or carry
 * between bytes can only make a safe word look unsafe, which the byte loop then settles. */
static bool safe8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t x;
	memcpy(&x, p, sizeof x);
	return !(((x - 0x20 * ones) | (x + ones) | x) & highs);
}

/* Messages quote the files being checked: never let them drive the terminal. Runs of safe
 * bytes are copied whole. */
void out_safe(struct out *o, const char *s)
{
	if (!s)
		return;
	const unsigned char *p = (const unsigned char *)s, *run = p, *end = p + strlen(s);
	while (p < end) {
		if (end - p >= 8 && safe8(p)) {
			p += 8;
			continue;
		}
		if ((*p >= 0x20 && *p < 0x7f) || *p == '\t') {
			p++;
			continue;
		}
		bool c1 = *p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;    /* C1 controls, e.g. CSI */
		if (*p >= 0x80 && !c1) {
			p++;
			continue;
		}
		out_add(o, (const char *)run, (size_t)(p - run));
		if (*p == '\n' || *p == '\r')
			out_add(o, *p == '\n' ? "\\n" : "\\r", 2);
		else if (c1)
			put_hex(o, "\\u00", *++p);
		else
			put_hex(o, "\\x", *p);
		run = ++p;
	}
	out_add(o, (const char *)run, (size_t)(p - run));
}
