/* Variable interpolation as compose does it: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e},
 * ${VAR?e}, ${VAR:+a}, ${VAR+a}, nested in the default/alternative. A '$' followed by anything
 * else stays literal; a malformed ${...} makes the value invalid. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define INTERP_NEST 8

static bool name_start(char c)
{
	return c == '_' || isalpha((unsigned char)c);
}

static bool name_char(char c)
{
	return c == '_' || isalnum((unsigned char)c);
}

static void put(struct interp *ip, struct buf *out, const char *s, size_t n)
{
	if (ip->too_long || out->len + n > INTERP_MAX) {
		ip->too_long = true;
		return;
	}
	buf_add(out, s, n);
}

/* Index of the '}' that closes a "${" whose body starts at i, or -1. */
static long closing(const char *s, size_t i, size_t len)
{
	int depth = 1;
	for (; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && (s[i + 1] == '$' || s[i + 1] == '{')) {
			depth += s[i + 1] == '{';
			i++;
		} else if (s[i] == '}' && --depth == 0) {
			return (long)i;
		}
	}
	return -1;
}

static void expand(struct interp *ip, const char *s, size_t len, struct buf *out, int nest);

static const char *lookup(struct interp *ip, const char *name, size_t n, char **tmp)
{
	*tmp = xstrndup(name, n);
	return ip->lookup(ip->u, *tmp);
}

static void plain(struct interp *ip, const char *name, size_t n, struct buf *out)
{
	char *tmp;
	const char *v = lookup(ip, name, n, &tmp);
	if (v)
		put(ip, out, v, strlen(v));
	else if (ip->unset)
		ip->unset(ip->u, tmp);
	free(tmp);
}

static void braced(struct interp *ip, const char *s, size_t len, struct buf *out, int nest)
{
	size_t j = 0;
	if (!len || !name_start(s[0])) {
		ip->invalid = true;
		return;
	}
	while (j < len && name_char(s[j]))
		j++;
	if (j == len) {
		plain(ip, s, j, out);
		return;
	}
	bool colon = s[j] == ':';
	char op = j + colon < len ? s[j + colon] : '\0';
	const char *arg = s + j + colon + 1;
	if (!op || !strchr("-?+", op) || nest >= INTERP_NEST) {
		ip->invalid = true;
		return;
	}
	size_t alen = len - (size_t)(arg - s);
	char *tmp;
	const char *v = lookup(ip, s, j, &tmp);
	bool isset = colon ? v && *v : v != NULL;
	if (op == '-' && !isset) {
		expand(ip, arg, alen, out, nest + 1);
	} else if (op == '+') {
		if (isset)
			expand(ip, arg, alen, out, nest + 1);
	} else if (op == '?' && !isset) {
		struct buf msg = { 0 };
		expand(ip, arg, alen, &msg, nest + 1);
		if (ip->missing)
			ip->missing(ip->u, tmp, msg.s ? msg.s : "");
		free(msg.s);
	} else if (v) {
		put(ip, out, v, strlen(v));
	}
	free(tmp);
}

static void expand(struct interp *ip, const char *s, size_t len, struct buf *out, int nest)
{
	size_t i = 0;
	while (i < len && !ip->invalid && !ip->too_long) {
		char d = i + 1 < len ? s[i + 1] : '\0';
		if (s[i] != '$' || !d) {
			put(ip, out, s + i++, 1);
		} else if (d == '$') {
			put(ip, out, "$", 1);
			i += 2;
		} else if (name_start(d)) {
			size_t j = i + 1;
			while (j < len && name_char(s[j]))
				j++;
			plain(ip, s + i + 1, j - i - 1, out);
			i = j;
		} else if (d == '{') {
			long e = closing(s, i + 2, len);
			if (e < 0) {
				ip->invalid = true;
				return;
			}
			braced(ip, s + i + 2, (size_t)e - i - 2, out, nest);
			i = (size_t)e + 1;
		} else {
			put(ip, out, "$", 1);
			i++;
		}
	}
}

char *interp_str(struct interp *ip, const char *s)
{
	struct buf out = { 0 };
	ip->invalid = ip->too_long = false;
	expand(ip, s, strlen(s), &out, 0);
	if (ip->invalid) {
		free(out.s);
		return NULL;
	}
	return buf_take(&out);
}

const char *env_lookup(struct cctx *cx, const char *name)
{
	const char *v = getenv(name);
	bool found;
	return v ? v : dotenv_get(&cx->dotenv, name, &found);
}

/* ---- the document walk ---- */

struct iwalk { struct cctx *cx; int file, line; struct buf path; struct interp ip; };

static const char *w_lookup(void *u, const char *name)
{
	return env_lookup(((struct iwalk *)u)->cx, name);
}

static void w_unset(void *u, const char *name)
{
	struct iwalk *w = u;
	struct cctx *cx = w->cx;
	char *k = xasprintf("%d\n%s", w->file, name);
	if (smap_get(&cx->warned, k)) {
		free(k);
		return;
	}
	GROW(cx->warned_keys, cx->cap_warned, cx->nwarned);
	cx->warned_keys[cx->nwarned] = k;
	smap_put(&cx->warned, k, cx->nwarned++);
	findings_warn(cx->out, cx_path(cx, w->file), w->line,
	              "variable %s is not set, substituting an empty string", name);
}

static void w_missing(void *u, const char *name, const char *msg)
{
	struct iwalk *w = u;
	findings_error(w->cx->out, cx_path(w->cx, w->file), w->line,
	               "required variable %s is missing a value%s%s", name, *msg ? ": " : "", msg);
}

/* The whole text is one reference without a default ($NAME, ${NAME}, ${NAME:?msg}): the value
 * then comes from the deploying environment, not from the file. */
static bool whole_ref(const char *s)
{
	bool braced = s[0] == '$' && s[1] == '{';
	const char *p = s + 1 + braced;
	if (s[0] != '$' || !(*p == '_' || isalpha((unsigned char)*p)))
		return false;
	while (*p == '_' || isalnum((unsigned char)*p))
		p++;
	if (!braced)
		return *p == '\0';
	if (p[0] == ':' && p[1] == '?')
		p++;
	if (*p == '?')
		p += strcspn(p, "}");
	return p[0] == '}' && p[1] == '\0';
}

static void w_scalar(struct iwalk *w, struct ynode *n)
{
	if (!strchr(n->s, '$'))
		return;
	w->line = n->line;
	char *v = interp_str(&w->ip, n->s);
	const char *path = w->path.s ? w->path.s : "";
	if (!v) {
		findings_error(w->cx->out, cx_path(w->cx, w->file), n->line,
		               "invalid interpolation format for %s: \"%s\"; "
		               "you may need to escape any $ with another $", path, n->s);
		return;
	}
	if (w->ip.too_long)
		findings_error(w->cx->out, cx_path(w->cx, w->file), n->line,
		               "interpolated value of %s is too long; truncated", path);
	y_charge(&w->cx->b, 0, strlen(v));
	/* also KEY=${VAR}, the list form of environment */
	const char *eq = strchr(n->s, '=');
	n->interpolated = whole_ref(n->s) || (eq && !memchr(n->s, '$', (size_t)(eq - n->s)) &&
	                                       whole_ref(eq + 1));
	free(n->s);
	n->s = v;
}

static void walk(struct iwalk *w, struct ynode *n, bool top)
{
	size_t mark = w->path.len;
	if (n->kind == Y_STR)
		w_scalar(w, n);
	for (size_t i = 0; i < n->n && !w->cx->b.exceeded; i++) {
		if (n->kind == Y_SEQ) {
			walk(w, n->items[i], false);
			continue;
		}
		if (top && str_prefix(n->pairs[i].key, "x-"))
			continue;
		if (mark)
			buf_addc(&w->path, '.');
		buf_adds(&w->path, n->pairs[i].key);
		walk(w, n->pairs[i].val, false);
		w->path.len = mark;
		w->path.s[mark] = '\0';
	}
}

void interp_doc(struct cctx *cx, int file, struct ynode *root)
{
	struct iwalk w = { .cx = cx, .file = file };
	w.ip = (struct interp){ .lookup = w_lookup, .unset = w_unset, .missing = w_missing, .u = &w };
	walk(&w, root, true);
	free(w.path.s);
	cx_budget_check(cx, file, root->line);
}
