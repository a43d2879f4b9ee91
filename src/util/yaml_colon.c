/* Go's yaml.v3, the parser of docker compose, reads `[a:, b]`, `[a:]` and `{a:}` as the plain
 * scalar "a:" (a colon before a flow indicator stays in the scalar); libyaml refuses them with
 * "found unexpected ':'". Before the tree is built, each such scalar is single-quoted, which
 * keeps its text and its lines: the tree is the one docker compose sees. */
#include "util/yaml.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_FIXES 32   /* each one re-scans the text */

static bool candidate(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, ':', (size_t)(s + n - p))) && p + 1 < s + n; p++)
		if (p[1] == ',' || p[1] == ']' || p[1] == '}')
			return true;
	return false;
}

/* libyaml counts characters, not bytes, and not the byte-order mark. */
static size_t byte_at(const char *s, size_t n, size_t chars)
{
	size_t i = n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars-- == 0)
			return i;
	return n;
}

/* The first refused scalar: its first byte and its colon. */
static bool find(const char *s, size_t n, size_t *start, size_t *colon)
{
	yaml_parser_t p;
	yaml_token_t t;
	bool found = false;
	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	for (;;) {
		if (!yaml_parser_scan(&p, &t)) {
			found = p.error == YAML_SCANNER_ERROR && str_eq(p.problem, "found unexpected ':'") &&
			        str_eq(p.context, "while scanning a plain scalar");
			break;
		}
		bool end = t.type == YAML_STREAM_END_TOKEN;
		yaml_token_delete(&t);
		if (end)
			break;
	}
	if (found) {
		*start = byte_at(s, n, p.context_mark.index);
		*colon = byte_at(s, n, p.problem_mark.index);
		found = *start < *colon && *colon + 1 < n && s[*colon] == ':' &&
		        strchr(",]}", s[*colon + 1]);
	}
	yaml_parser_delete(&p);
	return found;
}

static char *quote(const char *s, size_t n, size_t start, size_t colon, size_t *outlen)
{
	struct buf b = { 0 };
	buf_add(&b, s, start);
	buf_addc(&b, '\'');
	for (size_t i = start; i <= colon; i++) {
		if (s[i] == '\'')
			buf_addc(&b, '\'');
		buf_addc(&b, s[i]);
	}
	buf_addc(&b, '\'');
	buf_add(&b, s + colon + 1, n - colon - 1);
	*outlen = b.len;
	return b.s;
}

char *yaml_quote_colons(const char *text, size_t len, size_t *outlen)
{
	char *cur = NULL;
	size_t start, colon;
	if (!candidate(text, len))
		return NULL;
	for (int i = 0; i < MAX_FIXES && find(cur ? cur : text, len, &start, &colon); i++) {
		char *next = quote(cur ? cur : text, len, start, colon, &len);
		free(cur);
		cur = next;
	}
	*outlen = len;
	return cur;
}
