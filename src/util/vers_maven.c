/* Maven's ComparableVersion (maven-artifact 3.8; its javadoc and Maven's "Versioning" page):
 * items split at '.', '-' and each digit/letter transition; a '-' or a transition opens a
 * sub-list holding the rest. Numbers compare by value; qualifiers, case-insensitively, as
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < others
 * (by bytes); a, b, m directly followed by a digit mean alpha, beta, milestone. Trailing
 * null items (0, "", empty lists) are dropped from each list, also before a sub-list. As in
 * maven-artifact 3.8, a qualifier after '.' that ends the string or is followed by a digit
 * opens a sub-list as if a '-' preceded it: 1.0.0.X1 < 1.0.0-X2. The order is not transitive
 * everywhere (1-0.alpha < 1 < 1.0.0.X1 yet 1-0.alpha > 1.0.0.X1); bulwark keeps Maven's.
 * Between kinds: number > sub-list > qualifier; a missing item compares as null.
 * Every string is a Maven version: there is no fallback. Non-ASCII bytes count as letters. */
#include "util/vers_int.h"
#include <stdlib.h>
#include <string.h>

enum { NUM, STR };

struct item {
	int kind;
	int rank;            /* STR: index among the known qualifiers, 7 for the others */
	const char *p;       /* NUM: digits, leading zeros skipped; STR: lower-case text */
	size_t n;
	int level;           /* depth of the list holding it */
};

struct mver {
	struct item *it;
	size_t n;
	int levels;          /* lists 0..levels-1; list k+1 is the last element of list k */
};

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static int word_eq(const char *p, size_t n, const char *w)
{
	if (strlen(w) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower(p[i]) != w[i])
			return 0;
	return 1;
}

static const char *const quals[] = { "alpha", "beta", "milestone", "rc", "snapshot", "", "sp" };

static void set_str(struct item *it, const char *p, size_t n, int before_digit)
{
	static const char *const short_q[] = { "a", "b", "m" };
	it->kind = STR;
	it->p = p;
	it->n = n;
	it->rank = 7;
	for (int i = 0; before_digit && i < 3; i++)
		if (word_eq(p, n, short_q[i]))
			it->rank = i < 2 ? i : 2;
	if (word_eq(p, n, "ga") || word_eq(p, n, "final") || word_eq(p, n, "release"))
		it->rank = 5;
	else if (word_eq(p, n, "cr"))
		it->rank = 3;
	for (int i = 0; it->rank == 7 && i < 7; i++)
		if (word_eq(p, n, quals[i]))
			it->rank = i;
}

static void add(struct mver *v, int level, int digit, const char *p, size_t n, int before_digit)
{
	struct item *it = &v->it[v->n++];
	it->level = level;
	if (!digit) {
		set_str(it, p, n, before_digit);
		return;
	}
	it->kind = NUM;
	while (n && *p == '0')
		p++, n--;
	it->p = p;
	it->n = n;
}

static int is_null(const struct item *it)
{
	return it->kind == NUM ? it->n == 0 : it->rank == 5;
}

/* Drop trailing nulls, deepest list first: list k ends with list k+1 when that is non-empty. */
static void normalize(struct mver *v, int *gone)
{
	size_t end = v->n; /* items are in level order: list k's are [start, end) */
	for (int k = v->levels - 1; k >= 0; k--) {
		size_t start = end;
		while (start > 0 && v->it[start - 1].level == k)
			start--;
		size_t i = end;
		while (i > start && is_null(&v->it[i - 1]))
			gone[v->levels + --i] = 1;
		int child = k + 1 < v->levels && !gone[k + 1];
		gone[k] = k > 0 && !child && i == start;
		end = start;
	}
}

/* gone: levels + n flags, for emptied lists then dropped items; both are at most strlen + 1. */
static void parse(const char *s, struct mver *v, int *gone)
{
	size_t len = strlen(s), start = 0, here = 0; /* here: items in the current list */
	int level = 0, digit = 0;
	v->n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '.' || c == '-') {
			if (i == start)
				add(v, level, 1, s + i, 0, 0);
			else
				add(v, level, digit, s + start, i - start, 0);
			start = i + 1;
			here++;
			if (c == '-')
				level++, here = 0;
		} else if (vers_digit(c) != digit) {
			if (i > start) {
				/* ".X1" reads as "-X1": the qualifier opens its own list. */
				if (!digit && here)
					level++;
				add(v, level, digit, s + start, i - start, !digit);
				start = i;
				level++, here = 0;
			}
			digit = vers_digit(c);
		}
	}
	if (len > start) {
		if (!digit && here)
			level++;
		add(v, level, digit, s + start, len - start, 0);
	}
	v->levels = level + 1;
	memset(gone, 0, sizeof(int) * (v->levels + v->n));
	normalize(v, gone);
}

struct side {
	const struct mver *v;
	const int *gone;
};

/* The elements of list k, in order: its items, then list k+1. elem: item index, -2 for the
 * sub-list, -1 when past the end. Items are in level order, so a cursor moving into the
 * sub-list carries on from where it stands. */
struct cursor {
	struct side s;
	int level;
	size_t i;
	int child_seen;
};

static long next_elem(struct cursor *c)
{
	const struct mver *v = c->s.v;
	for (; c->i < v->n && v->it[c->i].level <= c->level; c->i++)
		if (v->it[c->i].level == c->level && !c->s.gone[v->levels + c->i])
			return (long)c->i++;
	if (!c->child_seen && c->level + 1 < v->levels && !c->s.gone[c->level + 1]) {
		c->child_seen = 1;
		return -2;
	}
	return -1;
}

static int str_cmp(const struct item *x, const struct item *y)
{
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->rank != 7)
		return 0;
	for (size_t i = 0; i < x->n && i < y->n; i++) {
		unsigned char p = (unsigned char)lower(x->p[i]), q = (unsigned char)lower(y->p[i]);
		if (p != q)
			return p < q ? -1 : 1;
	}
	return (x->n > y->n) - (x->n < y->n);
}

static int num_cmp(const struct item *x, const struct item *y)
{
	return vers_num_cmp(x->p, x->n, y->p, y->n);
}

/* Item x against y (NULL: a sub-list, or nothing when none): every case but two sub-lists
 * and a sub-list against nothing, which list_cmp descends into. */
static int elem_cmp(const struct item *x, const struct item *y, int y_none)
{
	int ykind = y_none ? -1 : y ? y->kind : 2; /* 2: a sub-list */
	if (!x)
		return ykind == NUM ? -1 : 1;
	if (x->kind == NUM)
		return ykind == -1 ? x->n > 0 : ykind == NUM ? num_cmp(x, y) : 1;
	if (ykind == -1)
		return x->rank < 5 ? -1 : x->rank > 5;
	return ykind == STR ? str_cmp(x, y) : -1;
}

/* List ka of a against list kb of b, or against nothing when b is NULL. A sub-list is the last
 * element of its list, so when it decides the comparison the loop moves into it rather than
 * recursing: depth costs no stack. */
static int list_cmp(struct side a, int ka, const struct side *b, int kb)
{
	struct side bs = b ? *b : a;
	int vs_none = !b, neg = 1;
	size_t li = 0, ri = 0;
	for (;;) {
		struct cursor l = { a, ka, li, 0 }, r = { bs, kb, ri, 0 };
		long e, f;
		int c = 0;
		for (;;) {
			e = next_elem(&l);
			f = vs_none ? -1 : next_elem(&r);
			if ((e == -2 && f < 0) || (e == -1 && f == -2))
				break;
			if (e == -1 && f == -1)
				return 0;
			const struct item *x = e >= 0 ? &a.v->it[e] : NULL;
			const struct item *y = f >= 0 ? &bs.v->it[f] : NULL;
			c = e != -1 ? elem_cmp(x, y, f == -1) : -elem_cmp(y, NULL, 1);
			if (c)
				return neg * c;
		}
		li = l.i, ri = r.i;
		if (e == -2 && f == -2) {
			ka++, kb++;
		} else if (e == -2) {
			ka++, vs_none = 1;
		} else { /* a has ended; b's sub-list against nothing, the sign turned */
			a = bs, ka = kb + 1, li = ri, vs_none = 1, neg = -neg;
		}
	}
}

enum { STACK_LEN = 64 };

int vers_maven_cmp(const char *a, const char *b)
{
	a = a ? a : ""; /* NULL reads as the empty string */
	b = b ? b : "";
	size_t la = strlen(a) + 1, lb = strlen(b) + 1;
	struct item ia[STACK_LEN], ib[STACK_LEN];
	int ga[2 * STACK_LEN], gb[2 * STACK_LEN];
	int heap = la > STACK_LEN || lb > STACK_LEN;
	struct mver x = { heap ? malloc(la * sizeof *ia) : ia, 0, 0 };
	struct mver y = { heap ? malloc(lb * sizeof *ib) : ib, 0, 0 };
	int *gx = heap ? malloc(2 * la * sizeof *ga) : ga, *gy = heap ? malloc(2 * lb * sizeof *gb) : gb;
	int c = 0;
	if (x.it && y.it && gx && gy) {
		parse(a, &x, gx);
		parse(b, &y, gy);
		struct side sy = { &y, gy };
		c = list_cmp((struct side){ &x, gx }, 0, &sy, 0);
	} else {
		c = strcmp(a, b); /* out of memory: byte order rather than nothing */
		c = (c > 0) - (c < 0);
	}
	if (heap) {
		free(x.it);
		free(y.it);
		free(gx);
		free(gy);
	}
	return c;
}

bool vers_maven_valid(const char *v)
{
	return v != NULL;
}
