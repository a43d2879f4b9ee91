/* Merging as `docker compose -f a -f b` and `extends` do: mappings merge recursively, sequences
 * append, scalars are replaced; environment-like keys merge by key; command, entrypoint and
 * healthcheck.test are replaced whole; `!reset` removes and `!override` replaces. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

struct mctx { struct cctx *cx; const char *svc; bool rules; struct buf path; };

enum mrule { M_DEFAULT, M_OVERRIDE, M_KV };

static const char *const kv_keys[] = { "environment", "labels", "sysctls", "annotations",
                                       "build.args", "build.labels", "deploy.labels", NULL };
static const char *const override_keys[] = { "command", "entrypoint", "healthcheck.test", NULL };

static bool in(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (str_eq(*l, s))
			return true;
	return false;
}

static enum mrule rule_for(const struct mctx *m)
{
	const char *p = m->path.s ? m->path.s : "";
	if (!m->rules)
		return M_DEFAULT;
	return in(kv_keys, p) ? M_KV : in(override_keys, p) ? M_OVERRIDE : M_DEFAULT;
}

static void kv_err(struct cctx *cx, const char *svc, const char *key, const struct ynode *n,
                   const char *what)
{
	findings_error(cx->out, cx_path(cx, n->file), n->line, "services.%s.%s: expected %s",
	               svc ? svc : "?", key, what);
}

static void kv_item(struct cctx *cx, struct ynode *map, struct smap *idx, struct ynode *it)
{
	const char *s = y_text(it), *eq = s ? strchr(s, '=') : NULL;
	struct ynode *v;
	char *key;
	if (!s)
		return;
	if (eq) {
		key = xstrndup(s, (size_t)(eq - s));
		v = y_newstr(&cx->b, eq + 1, strlen(eq + 1), it->file, it->line);
		v->interpolated = it->interpolated;
	} else {
		key = xstrdup(s);
		v = y_new(&cx->b, Y_NULL, it->file, it->line);
	}
	size_t *i = smap_get(idx, key);
	if (i) {
		y_free(map->pairs[*i].val);
		map->pairs[*i].val = v;
		free(key);
		return;
	}
	y_map_add(map, key, v);
	smap_put(idx, key, map->n - 1);
}

/* environment/labels/sysctls as a mapping KEY -> scalar or null; NULL when unusable. */
struct ynode *kv_normalize(struct cctx *cx, const char *svc, const char *key, struct ynode *n)
{
	if (n->kind == Y_NULL || n->kind == Y_MAP) {
		for (size_t i = 0; i < n->n; i++) {
			struct ynode *v = n->pairs[i].val;
			if (v->kind == Y_SEQ || v->kind == Y_MAP) {
				kv_err(cx, svc, key, v, "a string, number, boolean or null value");
				n->pairs[i].val = y_new(&cx->b, Y_NULL, v->file, v->line);
				y_free(v);
			}
		}
		n->kind = Y_MAP;
		return n;
	}
	if (n->kind != Y_SEQ) {
		kv_err(cx, svc, key, n, "a list or a mapping");
		y_free(n);
		return NULL;
	}
	struct ynode *map = y_new(&cx->b, Y_MAP, n->file, n->line);
	struct smap idx = { 0 };
	map->tag = n->tag;
	for (size_t i = 0; i < n->n; i++) {
		if (n->items[i]->kind == Y_SEQ || n->items[i]->kind == Y_MAP)
			kv_err(cx, svc, key, n->items[i], "a list of strings");
		else
			kv_item(cx, map, &idx, n->items[i]);
	}
	smap_free(&idx);
	y_free(n);
	return map;
}

static struct ynode *merge_node(struct mctx *m, struct ynode *base, struct ynode *over);

static void compact(struct ynode *map)
{
	size_t k = 0;
	for (size_t i = 0; i < map->n; i++) {
		if (map->pairs[i].val)
			map->pairs[k++] = map->pairs[i];
		else
			free(map->pairs[i].key);
	}
	map->n = k;
	y_set_height(map);
}

static void merge_pair(struct mctx *m, struct ynode *base, struct smap *idx, struct ypair *op)
{
	size_t *i = smap_get(idx, op->key);
	size_t mark = m->path.len;
	if (op->val->tag == YT_RESET) {
		if (i) {
			y_free(base->pairs[*i].val);
			base->pairs[*i].val = NULL;
		}
		y_free(op->val);
		return;
	}
	if (!i || !base->pairs[*i].val) {
		if (i) {
			base->pairs[*i].val = op->val;
			return;
		}
		y_map_add(base, op->key, op->val);
		smap_put(idx, op->key, base->n - 1);
		op->key = NULL;
		return;
	}
	if (mark)
		buf_addc(&m->path, '.');
	buf_adds(&m->path, op->key);
	base->pairs[*i].val = merge_node(m, base->pairs[*i].val, op->val);
	m->path.len = mark;
	m->path.s[mark] = '\0';
}

static struct ynode *merge_maps(struct mctx *m, struct ynode *base, struct ynode *over)
{
	struct smap idx = { 0 };
	for (size_t i = 0; i < base->n; i++)
		smap_put(&idx, base->pairs[i].key, i);
	for (size_t i = 0; i < over->n; i++) {
		merge_pair(m, base, &idx, &over->pairs[i]);
		free(over->pairs[i].key);
	}
	smap_free(&idx);
	compact(base);
	base->line = over->line;
	base->file = over->file;
	free(over->pairs);
	free(over->s);
	free(over);
	return base;
}

/* Environment-like: both as mappings, the later entry wins whole. */
static struct ynode *merge_kv(struct mctx *m, struct ynode *base, struct ynode *over)
{
	const char *key = m->path.s;
	base = kv_normalize(m->cx, m->svc, key, base);
	over = kv_normalize(m->cx, m->svc, key, over);
	if (!base || !over)
		return base ? base : over;
	struct mctx flat = { .cx = m->cx, .svc = m->svc };
	for (size_t i = 0; i < over->n; i++)
		if (over->pairs[i].val->tag == YT_NONE)
			over->pairs[i].val->tag = YT_OVERRIDE;
	base = merge_maps(&flat, base, over);
	free(flat.path.s);
	for (size_t i = 0; i < base->n; i++)
		base->pairs[i].val->tag = YT_NONE;
	return base;
}

static struct ynode *merge_node(struct mctx *m, struct ynode *base, struct ynode *over)
{
	enum mrule r = rule_for(m);
	if (over->kind == Y_NULL && over->tag == YT_NONE) {
		y_free(over);
		return base;
	}
	if (r == M_KV && over->tag != YT_OVERRIDE)
		return merge_kv(m, base, over);
	if (r == M_OVERRIDE || over->tag == YT_OVERRIDE || base->kind != over->kind ||
	    (base->kind != Y_MAP && base->kind != Y_SEQ)) {
		over->tag = YT_NONE;
		y_free(base);
		return over;
	}
	if (base->kind == Y_MAP)
		return merge_maps(m, base, over);
	for (size_t i = 0; i < over->n; i++)
		y_seq_add(base, over->items[i]);
	free(over->items);
	free(over->s);
	free(over);
	return base;
}

struct ynode *merge_service(struct cctx *cx, const char *name, struct ynode *base,
                            struct ynode *over)
{
	struct mctx m = { .cx = cx, .svc = name, .rules = true };
	struct ynode *r = merge_node(&m, base, over);
	free(m.path.s);
	return r;
}

static struct ynode *merge_services(struct cctx *cx, struct ynode *bs, struct ynode *os)
{
	if (!bs || !os || os->tag == YT_RESET || os->tag == YT_OVERRIDE) {
		if (bs && os)
			y_free(bs);
		return os ? os : bs;
	}
	struct smap idx = { 0 };
	for (size_t i = 0; i < bs->n; i++)
		smap_put(&idx, bs->pairs[i].key, i);
	for (size_t i = 0; i < os->n; i++) {
		struct ypair *op = &os->pairs[i];
		size_t *j = smap_get(&idx, op->key);
		if (!j && op->val->tag != YT_RESET) {
			y_map_add(bs, op->key, op->val);
			smap_put(&idx, op->key, bs->n - 1);
			continue;
		}
		if (op->val->tag == YT_RESET) {
			if (j) {
				y_free(bs->pairs[*j].val);
				bs->pairs[*j].val = NULL;
			}
			y_free(op->val);
		} else {
			struct ynode *b = bs->pairs[*j].val;
			int line = b ? b->line : op->val->line, file = b ? b->file : op->val->file;
			b = b ? merge_service(cx, op->key, b, op->val) : op->val;
			b->line = line;
			b->file = file;
			bs->pairs[*j].val = b;
		}
		free(op->key);
	}
	smap_free(&idx);
	compact(bs);
	free(os->pairs);
	free(os->s);
	free(os);
	return bs;
}

struct ynode *merge_top(struct cctx *cx, struct ynode *base, struct ynode *over)
{
	struct ynode *bs = y_take(base, "services"), *os = y_take(over, "services");
	struct mctx m = { .cx = cx };
	base = merge_node(&m, base, over);
	free(m.path.s);
	struct ynode *svcs = merge_services(cx, bs, os);
	if (svcs)
		y_map_add(base, xstrdup("services"), svcs);
	cx_budget_check(cx, base->file, 0);
	return base;
}
