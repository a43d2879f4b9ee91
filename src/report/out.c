/* Buffered report output: reporters write many small pieces, and one stdio call per piece cost
 * more than building the report. */
#include "report/report_int.h"
#include "util/util.h"
#include <stdarg.h>
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
