/* PEP 440 ("Version Identification and Dependency Specification"), read with the spellings its
 * normalisation section allows: case-insensitive; surrounding whitespace; a leading "v";
 * "-", "_" or "." (or nothing) before and inside the pre, post and dev parts; alpha/beta/c/pre/
 * preview as a/b/rc; rev/r and a bare "-N" as post; a missing number as 0; "_" and "-" in the
 * local part as ".". Order: epoch, release (implicit trailing zeros), then
 * .devN < aN < bN < rcN < release < .postN, a dev part sorting first within its pre or post,
 * then the local part: none < any; segments compared in turn, numbers above strings.
 * Fallback: a string that is not PEP 440 sorts before every valid version; two invalid strings
 * compare by bytes, so the order stays total. */
#include "util/vers_int.h"
#include <stddef.h>
#include <string.h>
#include <strings.h>

struct span { const char *p; size_t n; };

struct pep440 {
	struct span epoch, pre_n, post_n, dev_n;
	const char *rel, *rel_end, *local, *local_end;
	int pre;          /* -1 none, 0 a, 1 b, 2 rc */
	int post, dev;    /* present? */
};

static int is_alnum(char c)
{
	return vers_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_sep(char c) { return c == '-' || c == '_' || c == '.'; }
/* Python's str.isspace() over ASCII. */
static int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static const char *digits(const char *s, struct span *n)
{
	n->p = s;
	while (vers_digit(*s))
		s++;
	n->n = (size_t)(s - n->p);
	return s;
}

static int num_cmp(struct span a, struct span b)
{
	return vers_num_cmp(a.p, a.n, b.p, b.n);
}

/* One of words (longest spellings first) at s, case-insensitively: its index, or -1. */
static int word(const char **s, const char *const *words)
{
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);
		if (!strncasecmp(*s, words[i], n)) {
			*s += n;
			return i;
		}
	}
	return -1;
}

/* [sep]LABEL[sep][N] where LABEL is one of words: the label's index, or -1 (s unmoved). A
 * separator after the label with no number is taken too; the next part's own optional
 * separator makes that harmless. */
static int part(const char **s, const char *const *words, struct span *n)
{
	const char *p = *s + is_sep(**s);
	int w = word(&p, words);
	if (w < 0)
		return -1;
	const char *q = p + is_sep(*p);
	if (vers_digit(*q))
		p = digits(q, n);
	else
		p = q, n->n = 0;
	*s = p;
	return w;
}

static const char *const pre_words[] = { "preview", "alpha", "beta", "pre", "rc", "a", "b", "c", 0 };
static const int pre_rank[] = { 2, 0, 1, 2, 2, 0, 1, 2 };
static const char *const post_words[] = { "post", "rev", "r", 0 };
static const char *const dev_words[] = { "dev", 0 };

static int parse(const char *s, struct pep440 *v)
{
	memset(v, 0, sizeof *v);
	const char *end = s + strlen(s);
	while (is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	s += (*s == 'v' || *s == 'V');
	const char *p = digits(s, &v->epoch);
	if (*p == '!' && v->epoch.n)
		s = p + 1;
	else
		v->epoch.n = 0;
	if (!vers_digit(*s))
		return 0;
	v->rel = s;
	while (vers_digit(*s) || (*s == '.' && vers_digit(s[1])))
		s++;
	v->rel_end = s;
	int w = part(&s, pre_words, &v->pre_n);
	v->pre = w < 0 ? -1 : pre_rank[w];
	if (*s == '-' && vers_digit(s[1])) {
		s = digits(s + 1, &v->post_n);
		v->post = 1;
	} else {
		v->post = part(&s, post_words, &v->post_n) >= 0;
	}
	v->dev = part(&s, dev_words, &v->dev_n) >= 0;
	if (*s == '+') {
		v->local = ++s;
		do {
			const char *q = s + (s > v->local);
			if (!is_alnum(*q))
				return 0;
			while (is_alnum(*q))
				q++;
			s = q;
		} while (s < end && is_sep(*s));
		v->local_end = s;
	}
	return s == end;
}

static int release_cmp(const struct pep440 *a, const struct pep440 *b)
{
	const char *p = a->rel, *q = b->rel;
	while (p < a->rel_end || q < b->rel_end) {
		struct span x = { p, 0 }, y = { q, 0 };
		if (p < a->rel_end)
			p = digits(p, &x) + 1;
		if (q < b->rel_end)
			q = digits(q, &y) + 1;
		int c = num_cmp(x, y);
		if (c)
			return c;
	}
	return 0;
}

/* A local segment: numbers sort above strings, strings case-insensitively. */
static int seg_cmp(struct span a, struct span b)
{
	int ad = 1, bd = 1;
	for (size_t i = 0; i < a.n; i++)
		ad &= vers_digit(a.p[i]);
	for (size_t i = 0; i < b.n; i++)
		bd &= vers_digit(b.p[i]);
	if (ad != bd)
		return ad ? 1 : -1;
	if (ad)
		return num_cmp(a, b);
	int c = strncasecmp(a.p, b.p, a.n < b.n ? a.n : b.n);
	if (c)
		return c < 0 ? -1 : 1;
	return (a.n > b.n) - (a.n < b.n);
}

static int local_cmp(const struct pep440 *a, const struct pep440 *b)
{
	if (!a->local || !b->local)
		return (a->local != NULL) - (b->local != NULL);
	const char *p = a->local, *q = b->local;
	for (;;) {
		int pend = p >= a->local_end, qend = q >= b->local_end;
		if (pend || qend)
			return qend - pend;
		struct span x = { p, 0 }, y = { q, 0 };
		while (p < a->local_end && !is_sep(*p))
			p++, x.n++;
		while (q < b->local_end && !is_sep(*q))
			q++, y.n++;
		int c = seg_cmp(x, y);
		if (c)
			return c;
		p++;
		q++;
	}
}

/* A dev release with neither pre nor post part sorts before the pre-releases: 1.0.dev0 < 1.0a0. */
static int pre_key(const struct pep440 *v)
{
	if (v->pre >= 0)
		return 1 + v->pre;
	return v->dev && !v->post ? 0 : 4;
}

static int cmp_valid(const struct pep440 *a, const struct pep440 *b)
{
	int c;
	if ((c = num_cmp(a->epoch, b->epoch)) || (c = release_cmp(a, b)))
		return c;
	int ka = pre_key(a), kb = pre_key(b);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->pre >= 0 && (c = num_cmp(a->pre_n, b->pre_n)))
		return c;
	if (a->post != b->post)
		return a->post - b->post;
	if (a->post && (c = num_cmp(a->post_n, b->post_n)))
		return c;
	if (a->dev != b->dev)
		return b->dev - a->dev; /* a dev release precedes its final */
	if (a->dev && (c = num_cmp(a->dev_n, b->dev_n)))
		return c;
	return local_cmp(a, b);
}

int vers_pep440_cmp(const char *a, const char *b)
{
	a = a ? a : ""; /* NULL reads as the empty string */
	b = b ? b : "";
	struct pep440 x, y;
	int xv = parse(a, &x), yv = parse(b, &y);
	if (xv && yv)
		return cmp_valid(&x, &y);
	if (xv != yv)
		return xv - yv;
	int c = strcmp(a, b);
	return (c > 0) - (c < 0);
}

bool vers_pep440_valid(const char *v)
{
	struct pep440 x;
	return v && parse(v, &x);
}
