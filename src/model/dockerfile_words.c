/* Dockerfile argument syntax: words, quotes, the JSON (exec) form, flags and KEY=value pairs,
 * following BuildKit's frontend parser. */
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Bytes that can end or change a word: blanks, quotes and the two possible escapes. The loops
 * below skip the others a table look-up each; the full tests run only at these. */
enum { WS = 1, QUOTE_OR_ESC = 2 };
static const unsigned char wcls[256] = {
	[' '] = WS, ['\t'] = WS, ['\n'] = WS, ['\r'] = WS, ['\v'] = WS, ['\f'] = WS,
	['\''] = QUOTE_OR_ESC, ['"'] = QUOTE_OR_ESC, ['\\'] = QUOTE_OR_ESC, ['`'] = QUOTE_OR_ESC,
};

/* The raw word of s[0..len) at or after *i into *w, moving *i past it; false when none is left. */
static bool next_raw(const char *s, size_t len, char esc, size_t *i, struct df_span *w)
{
	char quote = 0;
	size_t k = *i, start;
	while (k < len && is_ws(s[k]))
		k++;
	if (k >= len)
		return false;
	start = k;
	for (; k < len; k++) {
		char c;
		if (!quote)
			while (k < len && !wcls[(unsigned char)s[k]])
				k++;
		if (k >= len)
			break;
		c = s[k];
		if (!quote && is_ws(c))
			break;
		if (c == esc && quote != '\'') {
			k++;
		} else if (quote && c == quote) {
			quote = 0;
		} else if (!quote && (c == '\'' || c == '"')) {
			quote = c;
		}
	}
	if (k > len)
		k = len;
	*w = (struct df_span){ start, k - start };
	*i = k;
	return true;
}

size_t df_split_raw(const char *s, size_t len, char esc, struct df_span **out)
{
	size_t n = 0, cap = 0, i = 0;
	struct df_span w;

	*out = NULL;
	while (n < DF_MAX_WORDS && next_raw(s, len, esc, &i, &w)) {
		GROW(*out, cap, n);
		(*out)[n++] = w;
	}
	return n;
}

/* Length of the run at s[i] that unquoting copies as it is: up to the next quote or escape that
 * means something where the run is (inside '...' only the closing quote does). */
static size_t plain_run(const char *s, size_t len, size_t i, char esc, char quote)
{
	size_t e = i;
	if (quote == '\'')
		while (e < len && s[e] != '\'')
			e++;
	else
		for (; e < len; e++) {
			char c = s[e];
			if (wcls[(unsigned char)c] & QUOTE_OR_ESC && (c == esc || c == '"' ||
			                                              (!quote && c == '\'')))
				break;
		}
	return e - i;
}

static void unquote_into(struct buf *b, const char *s, size_t len, char esc)
{
	char quote = 0;
	size_t i = 0;

	buf_add(b, "", 0);
	while (i < len) {
		size_t r = plain_run(s, len, i, esc, quote);
		char c;
		if (r) {
			buf_add(b, s + i, r);
			i += r;
			continue;
		}
		c = s[i];
		if (quote == '\'') {
			quote = 0;                               /* c is the closing quote */
		} else if (c == esc) {
			if (i + 1 >= len)
				break;
			if (quote == '"' && s[i + 1] != '"' && s[i + 1] != '$' && s[i + 1] != esc)
				buf_addc(b, c);
			else
				buf_addc(b, s[++i]);
		} else if (quote && c == quote) {
			quote = 0;
		} else if (!quote && (c == '\'' || c == '"')) {
			quote = c;
		} else {
			buf_addc(b, c);
		}
		i++;
	}
}

char *df_unquote(const char *s, size_t len, char esc)
{
	struct buf b = { 0 };
	unquote_into(&b, s, len, esc);
	return buf_take(&b);
}

void df_strv_end(struct df_strv *b)
{
	buf_addc(&b->s, '\0');
	b->n++;
}

void df_strv_add(struct df_strv *b, const char *s, size_t n)
{
	buf_add(&b->s, s, n);
	df_strv_end(b);
}

char **df_strv_take(struct df_strv *b, struct arena *a)
{
	size_t ptrs = (b->n + 1) * sizeof(char *);
	char **v = a ? arena_alloc(a, ptrs + b->s.len) : xmalloc(ptrs + b->s.len);
	char *p = (char *)v + ptrs;

	if (b->s.len)
		memcpy(p, b->s.s, b->s.len);
	for (size_t i = 0; i < b->n; i++) {
		v[i] = p;
		p += strlen(p) + 1;
	}
	v[b->n] = NULL;
	b->s.len = 0;
	b->n = 0;
	return v;
}

/* Split and unquote in one pass: no span list to allocate. */
char **df_words(const char *s, char esc, size_t *argc, struct arena *a)
{
	struct df_strv sv = { { 0 }, 0 };
	size_t n = 0, i = 0, len = strlen(s);
	struct df_span w;
	char **v;

	buf_reserve(&sv.s, len + 1);
	for (; n < DF_MAX_WORDS && next_raw(s, len, esc, &i, &w); n++) {
		unquote_into(&sv.s, s + w.off, w.len, esc);
		df_strv_end(&sv);
	}
	v = df_strv_take(&sv, a);
	free(sv.s.s);
	*argc = n;
	return v;
}

void df_free_strv(char **v)
{
	free(v);
}

static void put_utf8(struct buf *b, unsigned cp)
{
	char u[4];
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 4);
	}
}

static bool hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)p[i];
		if (!isxdigit(c))
			return false;
		*v = *v << 4 | (unsigned)(isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
	}
	return true;
}

/* \uXXXX at *pp (after the backslash-u), with surrogate pairs; lone surrogates become U+FFFD. */
static bool json_u(const char **pp, struct buf *b)
{
	const char *p = *pp;
	unsigned cp, lo;

	if (!hex4(p, &cp) || cp == 0)
		return false;
	p += 4;
	if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &lo) &&
	    lo >= 0xDC00 && lo < 0xE000) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		p += 6;
	} else if (cp >= 0xD800 && cp < 0xE000) {
		cp = 0xFFFD;
	}
	put_utf8(b, cp);
	*pp = p;
	return true;
}

static bool json_string(const char **pp, struct buf *b)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	const char *p = *pp + 1;

	for (;;) {
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			break;
		if (c < 0x20)
			return false;
		if (c != '\\') {
			buf_addc(b, (char)c);
			p++;
			continue;
		}
		p++;
		if (*p == 'u') {
			p++;
			if (!json_u(&p, b))
				return false;
			continue;
		}
		const char *e = *p ? strchr(esc_in, *p) : NULL;
		if (!e)
			return false;
		buf_addc(b, esc_out[e - esc_in]);
		p++;
	}
	*pp = p + 1;
	return true;
}

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

bool df_parse_json(const char *s, char ***argv, size_t *argc, struct arena *a)
{
	const char *p = json_ws(s);
	struct df_strv sv = { { 0 }, 0 };
	size_t keep = 0;

	if (*p++ != '[')
		return false;
	p = json_ws(p);
	if (*p == ']')
		goto close;
	for (;;) {
		if (*p != '"' || !json_string(&p, &sv.s))
			goto fail;
		if (sv.n < DF_MAX_WORDS) {
			df_strv_end(&sv);
			keep = sv.s.len;
		}
		sv.s.len = keep;
		p = json_ws(p);
		if (*p == ']')
			break;
		if (*p++ != ',')
			goto fail;
		p = json_ws(p);
	}
close:
	if (*json_ws(p + 1) != '\0')
		goto fail;
	*argc = sv.n;
	*argv = df_strv_take(&sv, a);
	free(sv.s.s);
	return true;
fail:
	free(sv.s.s);
	return false;
}

static char *dup(struct arena *a, const char *s, size_t n)
{
	return a ? arena_strndup(a, s, n) : xstrndup(s, n);
}

static void add_flag(struct df_instr *in, size_t *cap, const char *w, size_t n, struct arena *a)
{
	const char *eq = memchr(w, '=', n);

	if (in->nflags >= DF_MAX_WORDS)
		return;
	GROW(in->flags, *cap, in->nflags);
	in->flags[in->nflags].name = dup(a, w + 2, (eq ? (size_t)(eq - w) : n) - 2);
	in->flags[in->nflags].value = eq ? dup(a, eq + 1, n - (size_t)(eq - w) - 1) : NULL;
	in->nflags++;
}

/* BuildKit's extractBuilderFlags: quotes removed, backslash escapes, "--" ends the flags. */
size_t df_extract_flags(const char *s, size_t len, struct df_instr *in, struct arena *a)
{
	struct buf w = { 0 };
	size_t i = 0, cap = 0;

	for (;;) {
		char quote = 0;
		while (i < len && is_ws(s[i]))
			i++;
		if (i + 1 >= len || s[i] != '-' || s[i + 1] != '-')
			break;
		w.len = 0;
		for (; i < len && (quote || !is_ws(s[i])); i++) {
			char c = s[i];
			if (quote && c == quote) {
				quote = 0;
			} else if (!quote && (c == '\'' || c == '"')) {
				quote = c;
			} else if (c == '\\') {
				if (i + 1 < len)
					buf_addc(&w, s[++i]);
			} else {
				buf_addc(&w, c);
			}
		}
		if (w.len == 2 && memcmp(w.s, "--", 2) == 0)
			break;
		add_flag(in, &cap, w.s, w.len, a);
	}
	free(w.s);
	return i;
}

/* s[0..len) unquoted into the arena, through the caller's scratch buffer. */
static char *unquote_in(struct arena *a, struct buf *tmp, const char *s, size_t len, char esc)
{
	tmp->len = 0;
	unquote_into(tmp, s, len, esc);
	return arena_strndup(a, tmp->s, tmp->len);
}

void df_parse_kvs(struct df_instr *in, char esc, struct arena *a)
{
	const char *s = in->args;
	size_t len = strlen(s), n;
	struct df_span *sp;
	struct buf tmp = { 0 };

	n = df_split_raw(s, len, esc, &sp);     /* at most DF_MAX_WORDS pairs */
	in->kvs = arena_alloc(a, (n ? n : 1) * sizeof *in->kvs);
	if (n && in->kind != DF_ARG && !memchr(s + sp[0].off, '=', sp[0].len)) {
		/* legacy "ENV KEY value with spaces" */
		size_t v = sp[0].off + sp[0].len;
		while (v < len && is_ws(s[v]))
			v++;
		in->kvs[in->nkvs].key = unquote_in(a, &tmp, s + sp[0].off, sp[0].len, esc);
		in->kvs[in->nkvs++].value = unquote_in(a, &tmp, s + v, len - v, esc);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		const char *w = s + sp[i].off;
		const char *eq = memchr(w, '=', sp[i].len);
		size_t kl = eq ? (size_t)(eq - w) : sp[i].len;
		char *v = NULL;
		if (eq)
			v = unquote_in(a, &tmp, eq + 1, sp[i].len - kl - 1, esc);
		else if (in->kind != DF_ARG)
			v = arena_strndup(a, "", 0);
		in->kvs[in->nkvs].key = unquote_in(a, &tmp, w, kl, esc);
		in->kvs[in->nkvs++].value = v;
	}
	free(tmp.s);
	free(sp);
}
