/* The last pass before mapping: environment-like keys become mappings and lists that compose
 * keeps unique (ports, volumes by target, capabilities, ...) lose earlier duplicates; the later
 * entry takes the place of the first, as compose does. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

typedef char *(*keyfn)(const struct ynode *n);

static char *text_key(const struct ynode *n)
{
	return xstrdup(y_text(n));
}

static const char *field(const struct ynode *map, const char *k)
{
	const char *s = y_text(y_get(map, k));
	return s ? s : "";
}

static char *port_key(const struct ynode *n)
{
	if (n->kind != Y_MAP)
		return xstrdup(y_text(n));
	return xasprintf("%s:%s:%s/%s", field(n, "host_ip"), field(n, "published"),
	                 field(n, "target"), field(n, "protocol"));
}

static char *target_key(const struct ynode *n)
{
	if (n->kind == Y_MAP)
		return y_get(n, "target") ? xstrdup(field(n, "target")) : NULL;
	return y_text(n) ? vol_target(y_text(n)) : NULL;
}

static char *envfile_key(const struct ynode *n)
{
	return xstrdup(n->kind == Y_MAP ? y_text(y_get(n, "path")) : y_text(n));
}

static void dedup(struct ynode *seq, keyfn key)
{
	struct smap idx = { 0 };
	char **keys = xcalloc(seq->n, sizeof *keys);
	size_t k = 0;
	for (size_t i = 0; i < seq->n; i++) {
		struct ynode *it = seq->items[i];
		char *kk = key(it);
		size_t *j = kk ? smap_get(&idx, kk) : NULL;
		if (j) {
			y_free(seq->items[*j]);
			seq->items[*j] = it;
			free(kk);
			continue;
		}
		if (kk) {
			keys[k] = kk;
			smap_put(&idx, kk, k);
		}
		seq->items[k++] = it;
	}
	seq->n = k;
	for (size_t i = 0; i < k; i++)
		free(keys[i]);
	free(keys);
	smap_free(&idx);
}

static const struct { const char *key; keyfn fn; } unique[] = {
	{ "ports", port_key },       { "expose", text_key },    { "volumes", target_key },
	{ "devices", target_key },   { "cap_add", text_key },   { "cap_drop", text_key },
	{ "security_opt", text_key }, { "dns", text_key },      { "env_file", envfile_key },
	{ "tmpfs", text_key },
};

static const char *const kv[] = { "environment", "labels", "sysctls", "annotations" };

void service_normalize(struct cctx *cx, const char *name, struct ynode *svc)
{
	for (size_t i = 0; i < svc->n; i++) {
		struct ypair *p = &svc->pairs[i];
		for (size_t j = 0; j < sizeof kv / sizeof *kv; j++)
			if (str_eq(p->key, kv[j]) && p->val->tag != YT_RESET) {
				p->val = kv_normalize(cx, name, p->key, p->val);
				if (!p->val)
					p->val = y_new(&cx->b, Y_MAP, svc->file, svc->line);
			}
		if (p->val->kind != Y_SEQ)
			continue;
		for (size_t j = 0; j < sizeof unique / sizeof *unique; j++)
			if (str_eq(p->key, unique[j].key))
				dedup(p->val, unique[j].fn);
	}
}
