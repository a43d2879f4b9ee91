/* Debian versions, Debian Policy 5.6.12: [epoch:]upstream[-revision], compared as dpkg does.
 *
 * Fallback for what dpkg rejects (it reads the rest the same way, only warning):
 *  - blanks around the version are ignored; an empty or blank version sorts before every other
 *    and equals another empty one (dpkg --compare-versions' "no version");
 *  - an epoch that is not a number up to INT_MAX, or nothing after its colon: epoch 0, and the
 *    whole string is the upstream version, its colon an ordinary character;
 *  - an empty revision (a trailing hyphen) is no revision;
 *  - characters Policy does not allow (embedded blanks among them) sort as dpkg's order() puts
 *    them: after the letters. */
#include "util/vers.h"
#include "util/vers_int.h"
#include <limits.h>
#include <string.h>

struct dver {
	long epoch;
	const char *up, *up_end, *rev, *rev_end; /* rev == rev_end: no revision */
};

static bool isblank_c(char c) { return c == ' ' || c == '\t'; }

/* Epoch digits before the first colon; -1 when there is none or it is not a usable number. */
static long parse_epoch(const char *s, const char *end, const char **after)
{
	const char *colon = memchr(s, ':', (size_t)(end - s));
	if (!colon || colon == s || colon + 1 == end)
		return -1;
	/* dpkg reads it with strtol: a sign may come first, and "-0" is 0. */
	const char *p = s + (*s == '+' || *s == '-');
	if (p == colon)
		return -1;
	long e = 0;
	for (; p < colon; p++) {
		if (!vers_digit(*p))
			return -1;
		e = e * 10 + (*p - '0');
		if (e > INT_MAX)
			return -1;
	}
	if (*s == '-' && e)
		return -1;
	*after = colon + 1;
	return e;
}

/* Returns false for an empty (or blank) version. */
static bool dver_parse(const char *s, struct dver *v)
{
	const char *end;
	while (isblank_c(*s))
		s++;
	end = s + strlen(s);
	while (end > s && isblank_c(end[-1]))
		end--;
	if (s == end)
		return false;
	const char *rest = s;
	v->epoch = parse_epoch(s, end, &rest);
	if (v->epoch < 0) {
		v->epoch = 0;
		rest = s;
	}
	const char *hy = NULL;
	for (const char *p = rest; p < end; p++)
		if (*p == '-')
			hy = p;
	v->up = rest;
	v->up_end = hy ? hy : end;
	v->rev = hy ? hy + 1 : end;
	v->rev_end = end;
	return true;
}

/* dpkg's weight of a character: ~ first, then end of string and digits, letters, the rest. */
static int order(const char *p, const char *end)
{
	if (p >= end || vers_digit(*p))
		return 0;
	if (vers_alpha(*p))
		return (unsigned char)*p;
	if (*p == '~')
		return -1;
	return (unsigned char)*p + 256;
}

/* Policy's comparison of one part: alternate non-digit runs (by order()) and digit runs
 * (numerically, leading zeros ignored, any length). */
static int verrevcmp(const char *a, const char *ae, const char *b, const char *be)
{
	while (a < ae || b < be) {
		while ((a < ae && !vers_digit(*a)) || (b < be && !vers_digit(*b))) {
			int ac = order(a, ae), bc = order(b, be);
			if (ac != bc)
				return ac < bc ? -1 : 1;
			a += a < ae;
			b += b < be;
		}
		while (a < ae && *a == '0')
			a++;
		while (b < be && *b == '0')
			b++;
		int first_diff = 0;
		while (a < ae && b < be && vers_digit(*a) && vers_digit(*b)) {
			if (!first_diff)
				first_diff = *a - *b;
			a++;
			b++;
		}
		if (a < ae && vers_digit(*a))
			return 1;
		if (b < be && vers_digit(*b))
			return -1;
		if (first_diff)
			return first_diff < 0 ? -1 : 1;
	}
	return 0;
}

int vers_dpkg_cmp(const char *a, const char *b)
{
	struct dver va, vb;
	bool ha = dver_parse(a, &va), hb = dver_parse(b, &vb);
	if (!ha || !hb)
		return (int)ha - (int)hb;
	if (va.epoch != vb.epoch)
		return va.epoch < vb.epoch ? -1 : 1;
	int rc = verrevcmp(va.up, va.up_end, vb.up, vb.up_end);
	return rc ? rc : verrevcmp(va.rev, va.rev_end, vb.rev, vb.rev_end);
}

static bool all_in(const char *p, const char *end, const char *extra)
{
	for (; p < end; p++)
		if (!vers_digit(*p) && !vers_alpha(*p) && !strchr(extra, *p))
			return false;
	return true;
}

/* What dpkg parses without error or warning. */
bool vers_dpkg_valid(const char *v)
{
	struct dver d;
	if (!v || !dver_parse(v, &d))
		return false;
	const char *s = v, *after = NULL;
	while (isblank_c(*s))
		s++;
	const char *colon = strchr(s, ':'), *end = s + strlen(s);
	while (end > s && isblank_c(end[-1]))
		end--;
	if (colon && colon < end && parse_epoch(s, end, &after) < 0)
		return false;
	if (d.up == d.up_end || !vers_digit(*d.up))
		return false;
	bool has_rev = d.up_end < end;
	if (has_rev && d.rev == d.rev_end)
		return false;
	/* All of Policy's characters, blanks excluded; a colon only with an epoch (dpkg allows). */
	return all_in(d.up, d.up_end, ".-+~:") && all_in(d.rev, d.rev_end, ".+~");
}

/* A binNMU appends "+bN" to the Debian revision (or to a native version): not a source version. */
size_t vers_dpkg_strip_binnmu(const char *v)
{
	size_t n = strlen(v), i = n;
	while (i > 0 && vers_digit(v[i - 1]))
		i--;
	if (i == n || i < 3 || v[i - 1] != 'b' || v[i - 2] != '+')
		return n;
	return i - 2;
}
