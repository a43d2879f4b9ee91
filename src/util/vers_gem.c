/* RubyGems' Gem::Version: digits, then ".segment"s of letters and digits, then optionally
 * "-" and segments that may hold '-' (each '-' reads as ".pre."); surrounding whitespace is
 * ignored and an empty string is "0". Segments are runs of digits (numbers) or of letters
 * (strings, compared by bytes, so case matters); "1.0a" and "1.0.a" are the same version.
 * Trailing zeros are dropped from the numeric part before the first string and from the part
 * after it, a missing segment is 0, and a string sorts before a number: 1.0.a < 1.0 < 1.0.0.1.
 * Fallback: a string Gem::Version rejects sorts before every valid version; two such strings
 * compare by bytes, so the order stays total. */
#include "util/vers_int.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int is_alnum(char c) { return vers_digit(c) || vers_alpha(c); }
/* Ruby's \s. */
static int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

struct seg {
	const char *p;   /* a number's digits without leading zeros (none for 0) */
	size_t n;
	int num;
};

struct gver {
	struct seg *seg;
	size_t n;
	size_t num_end;   /* canonical: numeric part [0, num_end), then [str_start, str_end) */
	size_t str_start, str_end;
};

/* \A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z */
static int gem_valid(const char *s)
{
	while (is_space(*s))
		s++;
	if (vers_digit(*s)) {
		while (vers_digit(*s))
			s++;
		while (*s == '.' && is_alnum(s[1]))
			for (s++; is_alnum(*s);)
				s++;
		if (*s == '-') {
			do {
				const char *p = ++s;
				while (is_alnum(*s) || *s == '-')
					s++;
				if (s == p)
					return 0;
			} while (*s == '.');
		}
	}
	while (is_space(*s))
		s++;
	return !*s;
}

static int is_zero(const struct seg *g) { return g->num && g->n == 0; }

static void split(const char *s, struct gver *v)
{
	v->n = 0;
	while (*s) {
		struct seg *g = &v->seg[v->n];
		if (*s == '-') {
			*g = (struct seg){ "pre", 3, 0 };
			v->n++;
			s++;
		} else if (is_alnum(*s)) {
			g->p = s;
			g->num = vers_digit(*s);
			while (is_alnum(*s) && vers_digit(*s) == g->num)
				s++;
			g->n = (size_t)(s - g->p);
			while (g->num && g->n && *g->p == '0')
				g->p++, g->n--;
			v->n++;
		} else {
			s++;
		}
	}
	size_t fs = 0;
	while (fs < v->n && v->seg[fs].num)
		fs++;
	v->num_end = fs;
	while (v->num_end > 0 && is_zero(&v->seg[v->num_end - 1]))
		v->num_end--;
	v->str_start = fs;
	v->str_end = v->n;
	while (v->str_end > fs && is_zero(&v->seg[v->str_end - 1]))
		v->str_end--;
}

static const struct seg zero = { "", 0, 1 };

static const struct seg *canon(const struct gver *v, size_t i)
{
	if (i < v->num_end)
		return &v->seg[i];
	i = v->str_start + (i - v->num_end);
	return i < v->str_end ? &v->seg[i] : &zero;
}

static int seg_cmp(const struct seg *x, const struct seg *y)
{
	if (x->num != y->num)
		return x->num ? 1 : -1;
	if (x->num && x->n != y->n)
		return x->n < y->n ? -1 : 1;
	int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
	if (c)
		return c < 0 ? -1 : 1;
	return (x->n > y->n) - (x->n < y->n);
}

static int cmp_valid(const struct gver *a, const struct gver *b)
{
	size_t la = a->num_end + a->str_end - a->str_start;
	size_t lb = b->num_end + b->str_end - b->str_start;
	for (size_t i = 0; i < la || i < lb; i++) {
		int c = seg_cmp(canon(a, i), canon(b, i));
		if (c)
			return c;
	}
	return 0;
}

enum { STACK_SEGS = 32 };

int vers_gem_cmp(const char *a, const char *b)
{
	a = a ? a : ""; /* NULL reads as the empty string */
	b = b ? b : "";
	int av = gem_valid(a), bv = gem_valid(b);
	if (!av || !bv) {
		if (av != bv)
			return av - bv;
		int c = strcmp(a, b);
		return (c > 0) - (c < 0);
	}
	/* At most one segment per byte. */
	size_t na = strlen(a), nb = strlen(b);
	struct seg sa[STACK_SEGS], sb[STACK_SEGS];
	struct gver x = { na > STACK_SEGS ? malloc(na * sizeof *sa) : sa, 0, 0, 0, 0 };
	struct gver y = { nb > STACK_SEGS ? malloc(nb * sizeof *sb) : sb, 0, 0, 0, 0 };
	int c;
	if (x.seg && y.seg) {
		split(a, &x);
		split(b, &y);
		c = cmp_valid(&x, &y);
	} else {
		c = strcmp(a, b); /* out of memory: byte order rather than nothing */
		c = (c > 0) - (c < 0);
	}
	if (x.seg != sa)
		free(x.seg);
	if (y.seg != sb)
		free(y.seg);
	return c;
}

bool vers_gem_valid(const char *v)
{
	return v && gem_valid(v);
}
