/* daemon.json: a small strict JSON parser that keeps the line of every key, so a finding can
 * point at the line that sets a daemon option. JSON from an untrusted file: every byte is
 * checked, nesting is bounded, and errors say which line. */
#include "collect/daemon_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

struct jp {
	const char *p, *end;
	int line, depth;
	const char *err;
	int eline;
};

static bool fail(struct jp *j, const char *msg)
{
	if (!j->err) {
		j->err = msg;
		j->eline = j->line;
	}
	return false;
}

static void skip_ws(struct jp *j)
{
	while (j->p < j->end) {
		char c = *j->p;
		if (c == '\n')
			j->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return;
		j->p++;
	}
}

static bool at(struct jp *j, char c)
{
	return j->p < j->end && *j->p == c;
}

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xc0 | cp >> 6));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xe0 | cp >> 12));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (char)(0xf0 | cp >> 18));
		buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* \uXXXX, with a following low surrogate when this is a high one. Lone surrogates and U+0000
 * become U+FFFD, as Go's decoder does for the former; values stay C strings. */
static bool unicode_escape(struct jp *j, struct buf *b)
{
	int cp = j->end - j->p >= 4 ? hex4(j->p) : -1;
	if (cp < 0)
		return fail(j, "\\u must be followed by four hex digits");
	j->p += 4;
	if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
	    j->p[1] == 'u') {
		int lo = hex4(j->p + 2);
		if (lo >= 0xdc00 && lo < 0xe000) {
			j->p += 6;
			put_utf8(b, 0x10000 + (((unsigned)cp - 0xd800) << 10) + ((unsigned)lo - 0xdc00));
			return true;
		}
	}
	put_utf8(b, cp == 0 || (cp >= 0xd800 && cp < 0xe000) ? 0xfffd : (unsigned)cp);
	return true;
}

static bool escape(struct jp *j, struct buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	if (j->p >= j->end)
		return fail(j, "unterminated string");
	char c = *j->p++;
	if (c == 'u')
		return unicode_escape(j, b);
	if (!c || !(e = strchr(from, c)))
		return fail(j, "invalid escape in string");
	buf_addc(b, to[e - from]);
	return true;
}

/* At the opening quote. */
static char *string(struct jp *j)
{
	struct buf b = { 0 };
	buf_add(&b, "", 0);   /* empty but NUL-terminated */
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;
		size_t n;
		if (c == '\\') {
			j->p++;
			if (!escape(j, &b))
				break;
		} else if (c < 0x20) {
			fail(j, c == '\n' ? "unterminated string" : "control character in string");
			break;
		} else if (c < 0x80) {
			buf_addc(&b, (char)c);
			j->p++;
		} else if ((n = utf8_seq((const unsigned char *)j->p, (size_t)(j->end - j->p)))) {
			buf_add(&b, j->p, n);
			j->p += n;
		} else {
			fail(j, "invalid UTF-8 in string");
			break;
		}
	}
	if (!j->err && j->p >= j->end)
		fail(j, "unterminated string");
	if (j->err) {
		free(b.s);
		return NULL;
	}
	j->p++;
	return buf_take(&b);
}

static bool digits(struct jp *j)
{
	const char *s = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s;
}

static bool number(struct jp *j, struct dj *v)
{
	const char *s = j->p;
	if (at(j, '-'))
		j->p++;
	if (at(j, '0'))
		j->p++;
	else if (!digits(j))
		return fail(j, "invalid number");
	if (at(j, '.')) {
		j->p++;
		if (!digits(j))
			return fail(j, "invalid number");
	}
	if (at(j, 'e') || at(j, 'E')) {
		j->p++;
		if (at(j, '+') || at(j, '-'))
			j->p++;
		if (!digits(j))
			return fail(j, "invalid number");
	}
	v->t = DJ_NUM;
	v->s = xstrndup(s, (size_t)(j->p - s));
	return true;
}

static bool literal(struct jp *j, struct dj *v)
{
	static const struct { const char *w; enum dj_type t; } lits[] = {
		{ "true", DJ_BOOL }, { "false", DJ_BOOL }, { "null", DJ_NULL },
	};
	for (size_t i = 0; i < sizeof lits / sizeof *lits; i++) {
		size_t n = strlen(lits[i].w);
		if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, lits[i].w, n)) {
			j->p += n;
			v->t = lits[i].t;
			v->s = lits[i].t == DJ_BOOL ? xstrdup(lits[i].w) : NULL;
			return true;
		}
	}
	return fail(j, "unexpected word (strings need double quotes)");
}

static bool value(struct jp *j, struct dj *v);

/* Appends the parsed child to v's list; the child's own line is set by the caller. */
static struct dj *child(struct dj *v)
{
	GROW(v->v, v->cap, v->n);
	struct dj *c = &v->v[v->n++];
	memset(c, 0, sizeof *c);
	return c;
}

static bool array(struct jp *j, struct dj *v)
{
	v->t = DJ_ARR;
	j->p++;
	skip_ws(j);
	if (at(j, ']')) {
		j->p++;
		return true;
	}
	for (;;) {
		skip_ws(j);
		if (at(j, ']'))
			return fail(j, "trailing comma in array");
		if (!value(j, child(v)))
			return false;
		skip_ws(j);
		if (at(j, ']')) {
			j->p++;
			return true;
		}
		if (!at(j, ','))
			return fail(j, j->p < j->end ? "expected ',' or ']' in array"
			                             : "unexpected end of file in array");
		j->p++;
	}
}

static bool member(struct jp *j, struct dj *v)
{
	int line = j->line;
	char *key;
	if (!at(j, '"'))
		return fail(j, at(j, '}') ? "trailing comma in object"
		               : at(j, '\'') ? "strings need double quotes"
		               : j->p < j->end ? "expected '\"' to start an object key"
		                               : "unexpected end of file in object");
	if (!(key = string(j)))
		return false;
	skip_ws(j);
	if (!at(j, ':')) {
		free(key);
		return fail(j, "expected ':' after an object key");
	}
	j->p++;
	struct dj *c = child(v);
	c->key = key;
	if (!value(j, c))
		return false;
	c->line = line;
	return true;
}

static bool object(struct jp *j, struct dj *v)
{
	v->t = DJ_OBJ;
	j->p++;
	skip_ws(j);
	if (at(j, '}')) {
		j->p++;
		return true;
	}
	for (;;) {
		skip_ws(j);
		if (!member(j, v))
			return false;
		skip_ws(j);
		if (at(j, '}')) {
			j->p++;
			return true;
		}
		if (!at(j, ','))
			return fail(j, j->p < j->end ? "expected ',' or '}' in object"
			                             : "unexpected end of file in object");
		j->p++;
	}
}

static bool value(struct jp *j, struct dj *v)
{
	skip_ws(j);
	v->line = j->line;
	if (j->p >= j->end)
		return fail(j, "unexpected end of file");
	char c = *j->p;
	if (c == '{' || c == '[') {
		bool ok;
		if (++j->depth > DJ_MAX_DEPTH)
			return fail(j, "nested too deeply");
		ok = c == '{' ? object(j, v) : array(j, v);
		j->depth--;
		return ok;
	}
	if (c == '"') {
		v->t = DJ_STR;
		return (v->s = string(j)) != NULL;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return number(j, v);
	if (c >= 'a' && c <= 'z')
		return literal(j, v);
	return fail(j, c == '\'' ? "strings need double quotes" : "unexpected character");
}

static void dj_clear(struct dj *v)
{
	for (size_t i = 0; i < v->n; i++)
		dj_clear(&v->v[i]);
	free(v->v);
	free(v->key);
	free(v->s);
}

void dj_free(struct dj *v)
{
	if (!v)
		return;
	dj_clear(v);
	free(v);
}

struct dj *dj_parse(const char *text, size_t len, int *eline, const char **emsg)
{
	struct jp j = { text, text + len, 1, 0, NULL, 0 };
	struct dj *v = xcalloc(1, sizeof *v);
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))   /* dockerd strips a BOM too */
		j.p += 3;
	if (value(&j, v)) {
		skip_ws(&j);
		if (j.p < j.end)
			fail(&j, "unexpected text after the end of the JSON value");
	}
	if (j.err) {
		*eline = j.eline;
		*emsg = j.err;
		dj_free(v);
		return NULL;
	}
	return v;
}

const struct dj *dj_member(const struct dj *obj, const char *key)
{
	for (size_t i = obj && obj->t == DJ_OBJ ? obj->n : 0; i > 0; i--)
		if (!strcmp(obj->v[i - 1].key, key))
			return &obj->v[i - 1];
	return NULL;
}

static void text_str(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_addc(b, '\\');
		if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '"');
}

static void text_of(struct buf *b, const struct dj *v, size_t max)
{
	if (b->len > max)
		return;
	switch (v->t) {
	case DJ_NULL:
		buf_adds(b, "null");
		break;
	case DJ_BOOL:
	case DJ_NUM:
		buf_adds(b, v->s);
		break;
	case DJ_STR:
		text_str(b, v->s);
		break;
	case DJ_ARR:
	case DJ_OBJ:
		buf_addc(b, v->t == DJ_ARR ? '[' : '{');
		for (size_t i = 0; i < v->n && b->len <= max; i++) {
			if (i)
				buf_adds(b, ", ");
			if (v->t == DJ_OBJ) {
				text_str(b, v->v[i].key);
				buf_adds(b, ": ");
			}
			text_of(b, &v->v[i], max);
		}
		buf_addc(b, v->t == DJ_ARR ? ']' : '}');
		break;
	}
}

char *dj_text(const struct dj *v, size_t max)
{
	struct buf b = { 0 };
	buf_add(&b, "", 0);   /* empty but NUL-terminated */
	text_of(&b, v, max);
	if (b.len > max) {
		/* Cut on a UTF-8 boundary. */
		size_t n = max;
		while (n > 0 && ((unsigned char)b.s[n] & 0xc0) == 0x80)
			n--;
		b.len = n;
		b.s[n] = '\0';
		buf_adds(&b, "...");
	}
	return buf_take(&b);
}
