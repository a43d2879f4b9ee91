/* SemVer 2.0.0 (semver.org, section 11): MAJOR.MINOR.PATCH[-pre][+build]. A leading "v" is
 * accepted, and with it Go's shorthands "v1" and "v1.2" (= v1.0.0, v1.2.0; nothing may follow
 * them), as golang.org/x/mod/semver reads them. Build metadata is ignored, so Go's
 * "+incompatible" sorts as the version without it; Go's pseudo-versions
 * (v0.0.0-20191109021931-daa7c04131f5, v1.2.4-0.20191109021931-daa7c04131f5) are ordinary
 * prereleases and sort as SemVer says, which is the order Go gives them.
 * Stricter than node-semver on two points, as SemVer and Go are: surrounding whitespace is not
 * trimmed, and numbers have no upper bound (node-semver rejects a part above 2^53 - 1).
 * Fallback: a string that is not SemVer sorts before every valid version (as Go's Compare);
 * two invalid strings compare by bytes, so the order stays total. */
#include "util/vers_int.h"
#include <stddef.h>
#include <string.h>

struct semver {
	const char *num[3];      /* digits of major, minor, patch; NULL = 0 (Go shorthand) */
	size_t len[3];
	const char *pre, *pre_end; /* after '-', up to '+' or the end; pre == NULL: none */
};

static int is_ident(char c)
{
	return vers_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* A numeric identifier: "0" or digits without a leading zero. */
static const char *numeric(const char *s)
{
	if (!vers_digit(*s))
		return NULL;
	if (*s == '0')
		return s + 1;
	while (vers_digit(*s))
		s++;
	return s;
}

/* Dot-separated non-empty identifiers; numeric ones without leading zeros when strict. */
static const char *idents(const char *s, int strict)
{
	for (;;) {
		const char *p = s;
		int digits = 1;
		while (is_ident(*p))
			digits &= vers_digit(*p++);
		if (p == s || (strict && digits && *s == '0' && p - s > 1))
			return NULL;
		if (*p != '.')
			return p;
		s = p + 1;
	}
}

static int parse(const char *s, struct semver *v)
{
	memset(v, 0, sizeof *v);
	int go = *s == 'v';
	s += go;
	for (int i = 0; i < 3; i++) {
		const char *e = numeric(s);
		if (!e)
			return 0;
		v->num[i] = s;
		v->len[i] = (size_t)(e - s);
		s = e;
		if (i < 2 && *s != '.')
			return go && !*s; /* "v1", "v1.2" */
		if (i < 2)
			s++;
	}
	if (*s == '-') {
		v->pre = s + 1;
		if (!(s = idents(s + 1, 1)))
			return 0;
		v->pre_end = s;
	}
	if (*s == '+' && !(s = idents(s + 1, 0)))
		return 0;
	return !*s;
}

static int ident_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;
	int ad = 1, bd = 1;
	for (i = 0; i < an; i++)
		ad &= vers_digit(a[i]);
	for (i = 0; i < bn; i++)
		bd &= vers_digit(b[i]);
	if (ad != bd)
		return ad ? -1 : 1; /* numeric identifiers sort first */
	if (ad)
		return vers_num_cmp(a, an, b, bn);
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c < 0 ? -1 : 1;
	return (an > bn) - (an < bn);
}

static int pre_cmp(const struct semver *a, const struct semver *b)
{
	if (!a->pre || !b->pre)
		return (!a->pre) - (!b->pre); /* a release sorts after its prereleases */
	const char *p = a->pre, *q = b->pre;
	for (;;) {
		int pend = p >= a->pre_end, qend = q >= b->pre_end;
		if (pend || qend)
			return qend - pend;
		const char *pe = p, *qe = q;
		while (pe < a->pre_end && *pe != '.')
			pe++;
		while (qe < b->pre_end && *qe != '.')
			qe++;
		int c = ident_cmp(p, (size_t)(pe - p), q, (size_t)(qe - q));
		if (c)
			return c;
		p = pe + 1;
		q = qe + 1;
	}
}

int vers_semver_cmp(const char *a, const char *b)
{
	a = a ? a : ""; /* NULL reads as the empty string */
	b = b ? b : "";
	struct semver x, y;
	int xv = parse(a, &x), yv = parse(b, &y);
	if (!xv || !yv) {
		if (xv != yv)
			return xv - yv;
		int c = strcmp(a, b);
		return (c > 0) - (c < 0);
	}
	for (int i = 0; i < 3; i++) {
		int c = vers_num_cmp(x.num[i] ? x.num[i] : "0", x.num[i] ? x.len[i] : 1,
		                y.num[i] ? y.num[i] : "0", y.num[i] ? y.len[i] : 1);
		if (c)
			return c;
	}
	return pre_cmp(&x, &y);
}

bool vers_semver_valid(const char *v)
{
	struct semver x;
	return v && parse(v, &x);
}
