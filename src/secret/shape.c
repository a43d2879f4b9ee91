/* Shapes: the small regex subset the kind table is written in. One text serves twice: rendered
 * for vectorscan (which finds where a candidate ends) and matched here (which finds where it
 * starts and how far it really goes). */
#include "secret/secret_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void set_add(uint8_t *set, int c) { set[c >> 3] |= (uint8_t)(1 << (c & 7)); }

static void set_range(uint8_t *set, int lo, int hi)
{
	for (int c = lo; c <= hi; c++)
		set_add(set, c);
}

/* \d \s \w or an escaped literal; returns the characters consumed after the backslash. */
static void add_escape(uint8_t *set, char c)
{
	if (c == 'd') {
		set_range(set, '0', '9');
	} else if (c == 's') {
		static const char sp[] = " \t\r\n\f\v";
		for (const char *p = sp; *p; p++)
			set_add(set, *p);
	} else if (c == 'w') {
		set_range(set, '0', '9');
		set_range(set, 'A', 'Z');
		set_range(set, 'a', 'z');
		set_add(set, '_');
	} else {
		set_add(set, (unsigned char)c);
	}
}

static const char *parse_class(const char *p, uint8_t *set)
{
	bool neg = *p == '^';
	uint8_t s[32] = { 0 };
	if (neg)
		p++;
	while (*p && *p != ']') {
		if (*p == '\\' && p[1]) {
			add_escape(s, p[1]);
			p += 2;
		} else if (p[1] == '-' && p[2] && p[2] != ']') {
			set_range(s, (unsigned char)p[0], (unsigned char)p[2]);
			p += 3;
		} else {
			set_add(s, (unsigned char)*p++);
		}
	}
	for (int i = 0; i < 32; i++)
		set[i] = neg ? (uint8_t)~s[i] : s[i];
	return *p == ']' ? p + 1 : NULL;
}

static const char *parse_quant(const char *p, struct atom *a)
{
	a->min = a->max = 1;
	if (*p == '?') {
		a->min = 0;
		return p + 1;
	}
	if (*p != '{')
		return p;
	char *end;
	a->min = a->max = (uint16_t)strtoul(p + 1, &end, 10);
	if (*end == ',')
		a->max = (uint16_t)strtoul(end + 1, &end, 10);
	return *end == '}' ? end + 1 : NULL;
}

static void fold_case(uint8_t *set)
{
	for (int c = 'a'; c <= 'z'; c++)
		if (set[c >> 3] >> (c & 7) & 1 || set[(c - 32) >> 3] >> ((c - 32) & 7) & 1) {
			set_add(set, c);
			set_add(set, c - 32);
		}
}

bool shape_parse(const char *re, bool caseless, struct shape *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	for (const char *p = re; p && *p;) {
		GROW(out->a, cap, out->n);
		struct atom *a = &out->a[out->n++];
		memset(a, 0, sizeof *a);
		if (*p == '[')
			p = parse_class(p + 1, a->set);
		else if (*p == '\\' && p[1])
			add_escape(a->set, p[1]), p += 2;
		else
			set_add(a->set, (unsigned char)*p++);
		if (caseless)
			fold_case(a->set);
		p = p ? parse_quant(p, a) : NULL;
		if (!p || a->max < a->min || a->max == 0) {
			shape_free(out);
			return false;
		}
		out->minlen += a->min;
		out->maxlen += a->max;
	}
	return out->n > 0;
}

void shape_free(struct shape *s)
{
	free(s->a);
	memset(s, 0, sizeof *s);
}

/* Greedy with backtracking; shapes are short, so the first fit is taken. */
static long match_from(const struct atom *a, size_t n, const uint8_t *t, size_t len, size_t pos)
{
	if (n == 0)
		return (long)pos;
	size_t k = 0;
	while (k < a->max && pos + k < len && atom_has(a, t[pos + k]))
		k++;
	if (k < a->min)
		return -1;
	for (;;) {
		long r = match_from(a + 1, n - 1, t, len, pos + k);
		if (r >= 0 || k == a->min)
			return r;
		k--;
	}
}

long shape_match(const struct shape *sh, const uint8_t *t, size_t len, size_t pos)
{
	return match_from(sh->a, sh->n, t, len, pos);
}
