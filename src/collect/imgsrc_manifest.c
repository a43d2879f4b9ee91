/* A docker-archive's manifest.json: the images it holds, each a config and its layers by entry
 * name, whatever the names are ("<id>/layer.tar", "blobs/sha256/<hex>", crane's "<hex>.tar.gz"
 * and "sha256:<hex>", paths in directories). Which image is wanted, which entries that makes
 * worth reading, and the image assembled from them. */
#include "collect/imgsrc_docker_int.h"
#include "util/crypto_api.h"
#include "util/digest.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool names_has(const struct names *n, const char *name)
{
	return n->n && bsearch(&name, n->v, n->n, sizeof *n->v, cmp_str);
}

static void names_add(struct names *n, const char *name)
{
	if (!name)
		return;
	GROW(n->v, n->cap, n->n);
	n->v[n->n++] = arc_norm(name);
}

static void names_sort(struct names *n)
{
	if (n->n)
		qsort(n->v, n->n, sizeof *n->v, cmp_str);
}

void names_free(struct names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	memset(n, 0, sizeof *n);
}

static bool tag_matches(json_t *m, const char *want)
{
	json_t *tags = json_object_get(m, "RepoTags"), *t;
	size_t i;
	json_array_foreach(tags, i, t) {
		const char *s = json_string_value(t);
		if (s && (strcmp(s, want) == 0 ||
		          (str_suffix(s, ":latest") && strlen(s) == strlen(want) + 7 &&
		           strncmp(s, want, strlen(want)) == 0)))
			return true;
	}
	return false;
}

/* want may be an image id (a prefix of 12 hex digits or more), known only from the config. */
static bool may_be_id(const char *want)
{
	const char *hex = str_prefix(want, "sha256:") ? want + 7 : want;
	size_t n = strspn(hex, "0123456789abcdef");
	return n >= 12 && !hex[n];
}

/* Could manifest entry i be the image wanted? */
static bool maybe_wanted(const struct arc *x, json_t *m, size_t i)
{
	return x->want ? tag_matches(m, x->want) || may_be_id(x->want) : i == 0;
}

static json_t *quiet_json(const struct arc *x, const struct doc *d)
{
	struct findings quiet = { 0 };   /* finish reports what is wrong */
	json_t *j = d && d->state == DOC_OK ? imgsrc_json(d->data, d->len, x->image, d->name, &quiet)
	                                    : NULL;
	findings_free(&quiet);
	return j;
}

/* Documents kept before the manifest was known that it does not name are let go. */
static void drop_unnamed(struct arc *x)
{
	size_t k = 0;
	for (size_t i = 0; i < x->docs.n; i++) {
		struct doc *d = &x->docs.v[i];
		if (strcmp(d->name, "manifest.json") == 0 || names_has(&x->configs, d->name)) {
			x->docs.v[k++] = *d;
			continue;
		}
		x->docs.bytes -= d->len;
		free(d->name);
		free(d->data);
	}
	x->docs.n = k;
}

void manifest_plan(struct arc *x)
{
	json_t *man = quiet_json(x, docs_find(&x->docs, "manifest.json")), *m;
	size_t i;
	x->planned = true;
	x->man = man;
	json_array_foreach(man, i, m) {
		if (!maybe_wanted(x, m, i))
			continue;
		names_add(&x->configs, json_string_value(json_object_get(m, "Config")));
		json_t *ls = json_object_get(m, "Layers"), *l;
		size_t k;
		json_array_foreach(ls, k, l)
			names_add(&x->wanted, json_string_value(l));
	}
	names_sort(&x->configs);
	names_sort(&x->wanted);
	drop_unnamed(x);
	for (i = 0; i < x->docs.n; i++)
		if (names_has(&x->configs, x->docs.v[i].name))
			manifest_learn_keys(x, x->docs.v[i].name);
}

/* Each of the config's layers with the diff_id it gives it: a plain tar's key in the cache. */
void manifest_learn_keys(struct arc *x, const char *cfgname)
{
	json_t *m;
	json_t *cfg = quiet_json(x, docs_find(&x->docs, cfgname));
	json_t *ids = json_object_get(json_object_get(cfg, "rootfs"), "diff_ids");
	size_t i;
	json_array_foreach(x->man, i, m) {
		const char *c = json_string_value(json_object_get(m, "Config"));
		char *cn = c ? arc_norm(c) : NULL;
		json_t *ls = json_object_get(m, "Layers");
		for (size_t k = 0; cn && !strcmp(cn, cfgname) && k < json_array_size(ls) &&
		                   k < json_array_size(ids); k++) {
			const char *l = json_string_value(json_array_get(ls, k));
			const char *dg = json_string_value(json_array_get(ids, k));
			char *bp = imgsrc_blob_path(dg), *ln = l ? arc_norm(l) : NULL;
			if (ln && bp && !docs_find(&x->keys, ln))
				docs_add(&x->keys, ln, xstrdup(dg), 0, DOC_OK);
			free(bp);
			free(ln);
		}
		free(cn);
	}
	json_decref(cfg);
}

/* ---- the image ---- */

static json_t *doc_json(struct arc *x, const char *name)
{
	const struct doc *d = docs_find(&x->docs, name);
	if (!d)
		findings_error(x->errs, x->image, 0, "the archive has no %s", name);
	else if (d->state == DOC_TOO_LARGE)
		findings_error(x->errs, x->image, 0, "%s is larger than %u bytes; not read", name,
		               IMGSRC_JSON_MAX);
	else if (d->state == DOC_NO_ROOM)
		findings_error(x->errs, x->image, 0, "%s came before manifest.json, after more than %u "
		               "bytes of other JSON documents: a stream is read once, and no more is "
		               "kept while waiting for manifest.json; give the archive as a file, or "
		               "with manifest.json first", name, DOCS_MAX);
	else
		return imgsrc_json(d->data, d->len, x->image, name, x->errs);
	return NULL;
}

static bool matches(json_t *m, const char *want, const char *id)
{
	if (tag_matches(m, want))
		return true;
	const char *hex = str_prefix(want, "sha256:") ? want + 7 : want;
	return id && strlen(hex) >= 12 && str_prefix(id + 7, hex);
}

static char *config_id(struct arc *x, json_t *m)
{
	const char *c = json_string_value(json_object_get(m, "Config"));
	char *cn = c ? arc_norm(c) : NULL;
	const struct doc *d = cn ? docs_find(&x->docs, cn) : NULL;
	free(cn);
	return d && d->state == DOC_OK ? sha256_digest(d->data, d->len) : NULL;
}

/* The layers in order (NULL: missing, reported), each one's held errors reported once. */
static struct scanned **layers_of(struct arc *x, json_t *ls, size_t n)
{
	struct scanned **order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t k = 0; k < n; k++) {
		char *name = arc_norm(json_string_value(json_array_get(ls, k)) ?: "");
		order[k] = scanned_find(&x->layers, name);
		if (order[k])
			findings_move(x->errs, &x->held[order[k] - x->layers.v]);
		else
			findings_error(x->errs, x->image, 0, "manifest.json names layer %s, which the "
			               "archive does not hold", name);
		free(name);
	}
	return order;
}

int manifest_finish(struct arc *x, struct image_read *out)
{
	json_t *man = doc_json(x, "manifest.json"), *m = NULL;
	if (man && !json_is_array(man))
		findings_error(x->errs, x->image, 0, "manifest.json is not a JSON array");
	size_t i;
	json_t *v;
	char *id = NULL;
	json_array_foreach(man, i, v) {
		id = config_id(x, v);
		if (!x->want || matches(v, x->want, id)) {
			m = v;
			break;
		}
		free(id);
		id = NULL;
	}
	if (!m) {
		if (man && json_is_array(man))
			findings_error(x->errs, x->image, 0, x->want ? "the archive holds no image %s"
			               : "the archive holds no image%s", x->want ? x->want : "");
		json_decref(man);
		return -1;
	}
	const char *c = json_string_value(json_object_get(m, "Config"));
	char *cfgname = c ? arc_norm(c) : NULL;
	json_t *config = cfgname ? doc_json(x, cfgname) : NULL;
	if (!json_is_object(config)) {
		if (!cfgname)
			findings_error(x->errs, x->image, 0, "manifest.json names no Config");
		else if (config)
			findings_error(x->errs, x->image, 0, "%s is not a JSON object", cfgname);
		json_decref(config);
		json_decref(man);
		free(cfgname);
		free(id);
		return -1;
	}
	free(cfgname);
	const char *tag = json_string_value(json_array_get(json_object_get(m, "RepoTags"), 0));
	out->id = id;
	out->ref = xstrdup(x->want ? x->want : tag ? tag : id);
	json_t *ls = json_object_get(m, "Layers");
	size_t n = json_array_size(ls);
	struct scanned **order = layers_of(x, ls, n);
	imgsrc_assemble(out->ref, config, order, n, x->o, out, x->errs);
	free(order);
	json_decref(man);
	return 0;
}
