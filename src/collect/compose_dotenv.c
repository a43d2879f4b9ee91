/* KEY=VALUE files (.env and env_file): comments, `export `, single quotes literal, double quotes
 * with escapes (may span lines), unquoted values with ` #` comments; $VAR expanded from earlier
 * entries, then the environment. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

#define DOTENV_MAX_BYTES (64u << 20)

struct dctx { struct dotenv *d; struct cctx *cx; };

const char *dotenv_get(const struct dotenv *d, const char *key, bool *found)
{
	size_t *i = smap_get(&d->idx, key);
	*found = i != NULL;
	return i ? d->v[*i].val : NULL;
}

static const char *d_lookup(void *u, const char *name)
{
	struct dctx *c = u;
	bool found;
	const char *v = dotenv_get(c->d, name, &found);
	if (found)
		return v;
	return c->cx ? env_lookup(c->cx, name) : getenv(name);
}

static void add(struct dotenv *d, char *key, char *val, int line)
{
	size_t *i = smap_get(&d->idx, key);
	if (i) {
		free(key);
		free(d->v[*i].val);
		d->v[*i].val = val;
		d->v[*i].line = line;
		return;
	}
	GROW(d->v, d->cap, d->n);
	d->v[d->n] = (struct denv){ key, val, line };
	smap_put(&d->idx, key, d->n++);
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* A quoted value starting after the quote at *i; advances past the closing quote. */
static char *quoted(const char *t, size_t len, size_t *i, int *line, char q)
{
	struct buf b = { 0 };
	size_t j = *i;
	for (; j < len && t[j] != q; j++) {
		char c = t[j];
		if (c == '\n')
			(*line)++;
		if (q == '"' && c == '\\' && j + 1 < len) {
			c = t[++j];
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
		}
		buf_addc(&b, c);
	}
	*i = j < len ? j + 1 : j;
	return buf_take(&b);
}

static char *unquoted(const char *t, size_t len, size_t *i)
{
	size_t s = *i, e;
	while (*i < len && t[*i] != '\n' && !(t[*i] == '#' && *i > s && blank(t[*i - 1])))
		(*i)++;
	e = *i;
	while (e > s && blank(t[e - 1]))
		e--;
	return xstrndup(t + s, e - s);
}

static char *expand(struct dctx *c, char *v)
{
	if (!strchr(v, '$') || c->d->bytes > DOTENV_MAX_BYTES)
		return v;
	struct interp ip = { .lookup = d_lookup, .u = c };
	char *r = interp_str(&ip, v);
	if (!r)
		return v;
	free(v);
	return r;
}

static void entry(struct dctx *c, const char *t, size_t len, size_t *i, int *line)
{
	int kline = *line;
	size_t ks = *i;
	while (*i < len && t[*i] != '=' && t[*i] != '\n')
		(*i)++;
	size_t ke = *i;
	while (ke > ks && blank(t[ke - 1]))
		ke--;
	char *key = xstrndup(t + ks, ke - ks), *val = NULL;
	if (*i < len && t[*i] == '=') {
		(*i)++;
		while (*i < len && blank(t[*i]))
			(*i)++;
		char q = *i < len ? t[*i] : '\0';
		if (q == '"' || q == '\'') {
			(*i)++;
			val = quoted(t, len, i, line, q);
		} else {
			val = unquoted(t, len, i);
		}
		if (q != '\'')
			val = expand(c, val);
		c->d->bytes += strlen(val);
	}
	while (*i < len && t[*i] != '\n')
		(*i)++;
	if (*key && !strchr(key, ' '))
		add(c->d, key, val, kline);
	else {
		free(key);
		free(val);
	}
}

void dotenv_parse(struct dotenv *d, const char *t, size_t len, struct cctx *cx)
{
	struct dctx c = { d, cx };
	size_t i = 0;
	int line = 1;
	while (i < len) {
		while (i < len && blank(t[i]))
			i++;
		if (i < len && t[i] != '\n' && t[i] != '#') {
			if (len - i > 7 && strncmp(t + i, "export ", 7) == 0)
				for (i += 7; i < len && blank(t[i]); i++)
					;
			entry(&c, t, len, &i, &line);
		}
		while (i < len && t[i] != '\n')
			i++;
		if (i < len) {
			i++;
			line++;
		}
	}
}

void dotenv_free(struct dotenv *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].key);
		free(d->v[i].val);
	}
	free(d->v);
	smap_free(&d->idx);
	memset(d, 0, sizeof *d);
}
