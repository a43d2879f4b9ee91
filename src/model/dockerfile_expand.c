/* ${VAR} substitution as BuildKit does for FROM and ARG defaults. Bounded: nesting depth, output
 * length and the number of variable lookups are all capped. */
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define EXPAND_DEPTH 8

struct xp {
	struct buf out;
	const struct df_kv *kvs;
	size_t n;
	size_t *budget;
};

static void put(struct xp *x, const char *s, size_t n)
{
	if (x->out.len >= DF_EXPAND_MAX)
		return;
	if (n > DF_EXPAND_MAX - x->out.len)
		n = DF_EXPAND_MAX - x->out.len;
	buf_add(&x->out, s, n);
}

/* The last definition wins; *set is false for unknown names and for ARG without a value. */
static const char *lookup(struct xp *x, const char *name, size_t len, bool *set)
{
	*set = false;
	for (size_t i = x->n; i-- > 0;) {
		if (*x->budget == 0)
			return "";
		--*x->budget;
		const char *k = x->kvs[i].key;
		if (k && strncmp(k, name, len) == 0 && k[len] == '\0') {
			*set = x->kvs[i].value != NULL;
			return *set ? x->kvs[i].value : "";
		}
	}
	return "";
}

static bool name_char(char c, bool first)
{
	return isalpha((unsigned char)c) || c == '_' || (!first && isdigit((unsigned char)c));
}

static void expand(struct xp *x, const char *s, size_t len, int depth);

/* ${...}: inner is what lies between the braces. */
static void expand_braced(struct xp *x, const char *in, size_t len, int depth)
{
	size_t nl = 0;
	bool set, colon = false;
	const char *val;

	while (nl < len && name_char(in[nl], nl == 0))
		nl++;
	val = lookup(x, in, nl, &set);
	if (nl < len && in[nl] == ':')
		colon = true;
	size_t op = nl + colon;
	bool use = colon ? set && *val : set;
	if (op < len && in[op] == '-') {
		if (use)
			put(x, val, strlen(val));
		else
			expand(x, in + op + 1, len - op - 1, depth + 1);
		return;
	}
	if (op < len && in[op] == '+') {
		if (use)
			expand(x, in + op + 1, len - op - 1, depth + 1);
		return;
	}
	put(x, val, strlen(val));
}

static void expand(struct xp *x, const char *s, size_t len, int depth)
{
	size_t i = 0;

	if (depth > EXPAND_DEPTH) {
		put(x, s, len);
		return;
	}
	while (i < len && x->out.len < DF_EXPAND_MAX) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == '$') {
			put(x, "$", 1);
			i += 2;
		} else if (s[i] != '$' || i + 1 >= len) {
			put(x, s + i, 1);
			i++;
		} else if (s[i + 1] == '{') {
			size_t j = i + 2, d = 1;
			for (; j < len; j++) {
				if (s[j] == '{')
					d++;
				else if (s[j] == '}' && --d == 0)
					break;
			}
			if (j >= len) {
				put(x, s + i, len - i);
				return;
			}
			expand_braced(x, s + i + 2, j - i - 2, depth);
			i = j + 1;
		} else if (name_char(s[i + 1], true)) {
			size_t j = i + 1;
			bool set;
			while (j < len && name_char(s[j], false))
				j++;
			const char *v = lookup(x, s + i + 1, j - i - 1, &set);
			put(x, v, strlen(v));
			i = j;
		} else {
			put(x, "$", 1);
			i++;
		}
	}
}

char *df_expand_budget(const char *s, const struct df_kv *kvs, size_t n, size_t *budget)
{
	struct xp x = { { 0 }, kvs, n, budget };

	if (!s)
		return NULL;
	buf_add(&x.out, "", 0);
	expand(&x, s, strlen(s), 0);
	return buf_take(&x.out);
}

char *df_expand(const char *s, const struct df_kv *kvs, size_t n)
{
	size_t budget = 10 * 1000 * 1000;
	return df_expand_budget(s, kvs, n, &budget);
}
