/* Alpine versions as apk-tools 3 reads them: digit{.digit}[letter]{_suffix[N]}[~hash][-rN],
 * e.g. 1.2.3b_rc1_p2~1a2b-r4. Suffixes _alpha _beta _pre _rc sort before no suffix, _cvs _svn
 * _git _hg _p after; a number with a leading zero (after the first) compares as a string.
 *
 * Fallback, apk's own: tokens are compared while both versions have the same kind; where one
 * becomes unreadable that token counts as a kind after every other, so "1.0" < "1.0bc", and two
 * versions unreadable at the same place after equal tokens are equal. Numbers wrap at 2^64 as
 * apk's do.
 *
 * apk-tools 2.14 (older Alpine releases) reads valid versions the same way except a component of
 * several leading zeros ("2.00.1" < "2.0.1" there, > here) and, lacking them, ~hash and numbers
 * of 18 digits or more. */
#include "util/vers_int.h"
#include <stdint.h>
#include <string.h>

enum tok { T_INITIAL, T_DIGIT, T_LETTER, T_SUFFIX, T_SUFFIX_NO, T_HASH, T_REV, T_END, T_INVALID };

/* Suffix ranks: pre-releases below S_NONE, post-releases above. */
enum { S_INVALID, S_ALPHA, S_BETA, S_PRE, S_RC, S_NONE, S_CVS, S_SVN, S_GIT, S_HG, S_P };

struct tstate {
	const char *p, *end;  /* what is left to read */
	enum tok tok;
	int suffix;
	uint64_t num;
	const char *val;      /* the token's text */
	size_t len;
};

static bool islower_c(char c) { return c >= 'a' && c <= 'z'; }
static bool ishex_c(char c) { return vers_digit(c) || (c >= 'a' && c <= 'f'); }

static int suffix_rank(const char *s, size_t n)
{
	static const struct { const char *name; int rank; } tab[] = {
		{ "alpha", S_ALPHA }, { "beta", S_BETA }, { "pre", S_PRE }, { "rc", S_RC },
		{ "cvs", S_CVS }, { "svn", S_SVN }, { "git", S_GIT }, { "hg", S_HG }, { "p", S_P },
	};
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
		if (strlen(tab[i].name) == n && !memcmp(tab[i].name, s, n))
			return tab[i].rank;
	return S_INVALID;
}

static void take_digits(struct tstate *t)
{
	t->val = t->p;
	t->num = 0;
	while (t->p < t->end && vers_digit(*t->p))
		t->num = t->num * 10 + (uint64_t)(*t->p++ - '0');
	t->len = (size_t)(t->p - t->val);
	if (!t->len)
		t->tok = T_INVALID;
}

static void take_span(struct tstate *t, bool (*in)(char))
{
	t->val = t->p;
	while (t->p < t->end && in(*t->p))
		t->p++;
	t->len = (size_t)(t->p - t->val);
}

static void tok_first(struct tstate *t, const char *s)
{
	t->p = s;
	t->end = s + strlen(s);
	t->tok = T_INITIAL;
	take_digits(t);
}

/* The next token; what may follow what is apk's grammar above. */
static void tok_next(struct tstate *t)
{
	if (t->p >= t->end) {
		t->tok = T_END;
		return;
	}
	char c = *t->p;
	if (islower_c(c) && t->tok <= T_DIGIT) {
		t->val = t->p++;
		t->len = 1;
		t->tok = T_LETTER;
	} else if ((c == '.' && t->tok <= T_DIGIT) || (vers_digit(c) && t->tok == T_SUFFIX)) {
		t->p += c == '.';
		t->tok = t->tok == T_SUFFIX ? T_SUFFIX_NO : T_DIGIT;
		take_digits(t);
	} else if (c == '_' && t->tok <= T_SUFFIX_NO) {
		t->p++;
		take_span(t, islower_c);
		t->suffix = suffix_rank(t->val, t->len);
		t->tok = t->suffix == S_INVALID ? T_INVALID : T_SUFFIX;
	} else if (c == '~' && t->tok < T_HASH) {
		t->p++;
		take_span(t, ishex_c);
		t->tok = t->len ? T_HASH : T_INVALID;
	} else if (c == '-' && t->tok < T_REV && t->end - t->p >= 2 && t->p[1] == 'r') {
		t->p += 2;
		t->tok = T_REV;
		take_digits(t);
	} else {
		t->tok = T_INVALID;
	}
}

static int u64_cmp(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

static int text_cmp(const struct tstate *a, const struct tstate *b)
{
	int rc = memcmp(a->val, b->val, a->len < b->len ? a->len : b->len);
	if (rc)
		return rc < 0 ? -1 : 1;
	return a->len < b->len ? -1 : a->len > b->len;
}

static int tok_cmp(const struct tstate *a, const struct tstate *b)
{
	switch (a->tok) {
	case T_DIGIT:
		if (a->val[0] == '0' || b->val[0] == '0')
			return text_cmp(a, b);
		/* fallthrough */
	case T_INITIAL:
	case T_SUFFIX_NO:
	case T_REV:
		return u64_cmp(a->num, b->num);
	case T_LETTER:
		return u64_cmp((unsigned char)a->val[0], (unsigned char)b->val[0]);
	case T_SUFFIX:
		return u64_cmp((uint64_t)a->suffix, (uint64_t)b->suffix);
	default:
		return text_cmp(a, b);
	}
}

int vers_apk_cmp(const char *a, const char *b)
{
	struct tstate ta, tb;
	for (tok_first(&ta, a), tok_first(&tb, b); ta.tok == tb.tok && ta.tok < T_END;
	     tok_next(&ta), tok_next(&tb)) {
		int rc = tok_cmp(&ta, &tb);
		if (rc)
			return rc;
	}
	if (ta.tok == tb.tok)
		return 0;
	/* Equal so far: the longer one is greater unless it goes on with a pre-release suffix. */
	if (ta.tok == T_SUFFIX && ta.suffix < S_NONE)
		return -1;
	if (tb.tok == T_SUFFIX && tb.suffix < S_NONE)
		return 1;
	return ta.tok > tb.tok ? -1 : 1;
}

bool vers_apk_valid(const char *v)
{
	struct tstate t;
	if (!v)
		return false;
	for (tok_first(&t, v); t.tok < T_END; tok_next(&t))
		;
	return t.tok == T_END;
}
