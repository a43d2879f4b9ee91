#include "util/util.h"
#include <ctype.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("bulwark: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Most results are short: format once into a local buffer, again only when it was too small. */
char *xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	if ((size_t)n < sizeof small)
		return xstrndup(small, (size_t)n);
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void grow(void **v, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return;
	size_t c = *cap ? *cap : 4;
	while (c <= n)
		c *= 2;
	*v = xrealloc(*v, c * sz);
	memset((char *)*v + *cap * sz, 0, (c - *cap) * sz);
	*cap = c;
}

void buf_reserve(struct buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 64;
		while (c < b->len + n + 1)
			c *= 2;
		b->s = xrealloc(b->s, c);
		b->cap = c;
	}
	b->s[b->len] = '\0';   /* a buffer only reserved is still a string, if an empty one */
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, s);
	free(s);
}

char *buf_take(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool str_ieq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* A byte loop: rules ask this of most words, and most differ at the first byte. */
bool str_prefix(const char *s, const char *p)
{
	if (!s)
		return false;
	while (*p && *s == *p)
		s++, p++;
	return !*p;
}

bool str_iprefix(const char *s, const char *p)
{
	return s && strncasecmp(s, p, strlen(p)) == 0;
}

bool str_suffix(const char *s, const char *x)
{
	size_t n, m;
	if (!s)
		return false;
	n = strlen(s);
	m = strlen(x);
	return n >= m && strcmp(s + n - m, x) == 0;
}

bool str_isuffix(const char *s, const char *x)
{
	size_t n, m;
	if (!s)
		return false;
	n = strlen(s);
	m = strlen(x);
	return n >= m && strcasecmp(s + n - m, x) == 0;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Rules call this per word and per pattern: test the first letter before comparing more. */
const char *str_icontains(const char *hay, const char *needle)
{
	size_t m = strlen(needle);
	if (!hay || m == 0)
		return hay;
	int first = lower((unsigned char)needle[0]);
	for (; *hay; hay++)
		if (lower((unsigned char)*hay) == first && strncasecmp(hay, needle, m) == 0)
			return hay;
	return NULL;
}

char *str_trim(char *s)
{
	char *e;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Iterative matcher with one backtrack point per star kind; "**" also crosses '/'. */
bool glob_match(const char *p, const char *s)
{
	if (*p == '\0')
		return *s == '\0';
	if (p[0] == '*' && p[1] == '*') {
		const char *rest = p + 2;
		if (*rest == '/')
			rest++;
		for (const char *t = s;; t++) {
			if (glob_match(rest, t))
				return true;
			if (*t == '\0')
				return false;
		}
	}
	if (*p == '*') {
		for (const char *t = s;; t++) {
			if (glob_match(p + 1, t))
				return true;
			if (*t == '\0' || *t == '/')
				return false;
		}
	}
	if (*s == '\0')
		return false;
	if (*p == '?' ? *s != '/' : *p == *s)
		return glob_match(p + 1, s + 1);
	return false;
}

/* In place: "//", "/./" and "x/.." of an absolute path folded away, as the kernel would for a
 * path without symlinks ("/a/./b/../c/" -> "/a/c"). A relative path is left alone. */
bool path_mkdir_parents(const char *path, char *err, size_t errlen)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = strchr(p + 1, '/'); ok && s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			ok = false, snprintf(err, errlen, "%s: %s", p, strerror(errno));
		*s = '/';
	}
	free(p);
	return ok;
}

char *path_fold(char *p)
{
	if (!p || p[0] != '/')
		return p;
	size_t w = 0;   /* p[0..w) is the folded prefix, without a trailing '/' */
	for (const char *r = p; *r;) {
		while (*r == '/')
			r++;
		const char *e = r;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - r);
		if (n == 2 && r[0] == '.' && r[1] == '.') {
			while (w > 0 && p[--w] != '/')
				;
		} else if (n && !(n == 1 && r[0] == '.')) {
			p[w++] = '/';
			memmove(p + w, r, n);
			w += n;
		}
		r = e;
	}
	if (w == 0)
		p[w++] = '/';
	p[w] = '\0';
	return p;
}

size_t str_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65];
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t sub = diag + (tolower((unsigned char)a[i - 1]) !=
			                     tolower((unsigned char)b[j - 1]));
			row[j] = sub < up + 1 ? sub : up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}
