/* RPM versions: [epoch:]version[-release], compared as rpm compares an EVR (rpmvercmp on the
 * epoch, missing = 0, then the version, then the release; a release outranks none).
 *
 * Fallback: rpmvercmp reads any string, so cmp is rpm's own verdict whatever the input (an
 * empty string is a version with no segments). vers_rpm_valid is stricter, as rpmbuild is:
 * a digit-only epoch, a non-empty version and release, no second hyphen, and only letters,
 * digits and "._+%{}~^". */
#include "util/vers_int.h"
#include <string.h>

struct evr {
	const char *e, *ee, *v, *ve, *r, *re; /* e == NULL: no epoch; r == NULL: no release */
};


/* Leading digits then ':' are the epoch; the release follows the last hyphen after them. */
static void evr_parse(const char *s, struct evr *x)
{
	const char *p = s, *end = s + strlen(s), *hy = NULL;
	while (vers_digit(*p))
		p++;
	for (const char *q = p; q < end; q++)
		if (*q == '-')
			hy = q;
	if (*p == ':') {
		x->e = s;
		x->ee = p;
		x->v = p + 1;
	} else {
		x->e = x->ee = NULL;
		x->v = s;
	}
	x->ve = hy ? hy : end;
	x->r = hy ? hy + 1 : NULL;
	x->re = hy ? end : NULL;
}

/* One run of digits or of letters starting at p. */
static const char *seg_end(const char *p, const char *end, bool num)
{
	while (p < end && (num ? vers_digit(*p) : vers_alpha(*p)))
		p++;
	return p;
}

static int seg_cmp(const char *a, const char *ae, const char *b, const char *be, bool num)
{
	if (num)
		return vers_num_cmp(a, (size_t)(ae - a), b, (size_t)(be - b));
	size_t la = (size_t)(ae - a), lb = (size_t)(be - b);
	int rc = memcmp(a, b, la < lb ? la : lb);
	if (rc)
		return rc < 0 ? -1 : 1;
	return la == lb ? 0 : la < lb ? -1 : 1;
}

static bool is_sep(char c) { return !vers_digit(c) && !vers_alpha(c) && c != '~' && c != '^'; }

/* rpmvercmp: alphanumeric segments, separators ignored; ~ sorts before anything, even the end;
 * ^ after the end but before anything else; a number outranks letters. */
static int rpmvercmp(const char *a, const char *ae, const char *b, const char *be)
{
	if (ae - a == be - b && !memcmp(a, b, (size_t)(ae - a)))
		return 0;
	while (a < ae || b < be) {
		while (a < ae && is_sep(*a))
			a++;
		while (b < be && is_sep(*b))
			b++;
		bool at = a < ae, bt = b < be;
		if ((at && *a == '~') || (bt && *b == '~')) {
			if (!at || *a != '~')
				return 1;
			if (!bt || *b != '~')
				return -1;
			a++, b++;
			continue;
		}
		if ((at && *a == '^') || (bt && *b == '^')) {
			if (!at)
				return -1;
			if (!bt)
				return 1;
			if (*a != '^')
				return 1;
			if (*b != '^')
				return -1;
			a++, b++;
			continue;
		}
		if (!at || !bt)
			break;
		bool num = vers_digit(*a);
		const char *sa = seg_end(a, ae, num), *sb = seg_end(b, be, num);
		if (sb == b)
			return num ? 1 : -1;
		int rc = seg_cmp(a, sa, b, sb, num);
		if (rc)
			return rc;
		a = sa;
		b = sb;
	}
	if (a >= ae && b >= be)
		return 0;
	return a >= ae ? -1 : 1;
}

/* Both present: rpmvercmp; only one: it is greater. */
static int part_cmp(const char *a, const char *ae, const char *b, const char *be)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return rpmvercmp(a, ae, b, be);
}

int vers_rpm_cmp(const char *a, const char *b)
{
	static const char zero[] = "0";
	struct evr x, y;
	evr_parse(a, &x);
	evr_parse(b, &y);
	/* A missing or empty epoch is 0. */
	if (!x.e || x.e == x.ee)
		x.e = zero, x.ee = zero + 1;
	if (!y.e || y.e == y.ee)
		y.e = zero, y.ee = zero + 1;
	int rc = rpmvercmp(x.e, x.ee, y.e, y.ee);
	if (!rc)
		rc = rpmvercmp(x.v, x.ve, y.v, y.ve);
	if (!rc)
		rc = part_cmp(x.r, x.re, y.r, y.re);
	return rc;
}

static bool chars_ok(const char *p, const char *end)
{
	for (; p < end; p++)
		if (!vers_digit(*p) && !vers_alpha(*p) && !strchr("._+%{}~^", *p))
			return false;
	return true;
}

bool vers_rpm_valid(const char *v)
{
	if (!v || !*v)
		return false;
	struct evr x;
	evr_parse(v, &x);
	if (x.e && x.e == x.ee)
		return false;
	if (x.v == x.ve || !chars_ok(x.v, x.ve))
		return false;
	return !x.r || (x.r < x.re && chars_ok(x.r, x.re));
}
