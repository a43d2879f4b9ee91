/* What every image source shares: the layer list, scanning or the cache, JSON with limits, and
 * assembling the filesystem model (layer order, visibility, created_by). */
#include "collect/accounts.h"
#include "collect/imgsrc_int.h"
#include "util/progress.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

struct scanned *scanned_find(struct scanned_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	return NULL;
}

struct scanned *scanned_add(struct scanned_set *s, const char *name)
{
	GROW(s->v, s->cap, s->n);
	struct scanned *x = &s->v[s->n++];
	memset(x, 0, sizeof *x);
	x->name = xstrdup(name);
	return x;
}

void scanned_free(struct scanned_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		layer_facts_free(&s->v[i].f);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void scan_or_hash(struct layer_input *in, const char *image, const char *key,
                         struct layer_cache *c, const struct imgsrc_opts *o, struct scanned *s,
                         struct findings *errs)
{
	if (key && layer_cache_get(c, key, &s->f)) {
		char *raw = layer_hash_only(in);
		s->cached = s->blob_ok = raw && strcmp(raw, key) == 0;
		if (!s->cached) {
			layer_facts_free(&s->f);
			s->f.failed = true;
			if (raw)
				findings_error(errs, image, 0, "layer %s: its bytes do not have the digest "
				               "%s; not scanned", s->name, key);
			else
				findings_error(errs, image, 0, "layer %s: unreadable: %s", s->name, in->err);
		}
		free(raw);
		return;
	}
	struct layer_opts lo = { o->max_layer_bytes, o->max_files, o->hook, image, s->name,
	                         key || c };
	layer_scan(in, &lo, &s->f, errs);
	s->blob_ok = !key || str_eq(s->f.raw_digest, key);
	if (s->blob_ok && !s->f.failed && s->f.raw_digest)
		layer_cache_put(c, s->f.raw_digest, &s->f);
}

/* A layer's input that draws the progress bar as its stored bytes go by. */
struct counted { struct layer_input in; struct layer_input *from; struct progress pr;
                 uint64_t done; };

static ssize_t counted_next(struct layer_input *in, const void **p)
{
	struct counted *c = (struct counted *)in;
	ssize_t n = c->from->next(c->from, p);
	if (n < 0) {
		memcpy(in->err, c->from->err, sizeof in->err);
		return n;
	}
	c->done += (uint64_t)n;   /* past the size given: a wrong size, shown as 100% */
	progress_step(&c->pr, c->done < c->pr.total ? c->done : c->pr.total);
	return n;
}

void imgsrc_layer(struct layer_input *in, uint64_t size, const char *image, const char *key,
                  struct layer_cache *c, const struct imgsrc_opts *o, struct scanned *s,
                  struct findings *errs)
{
	struct counted ct = { { counted_next, NULL, "" }, in, { 0 }, 0 };
	progress_start(&ct.pr, (size_t)size, "scanning layer");
	if (!ct.pr.on) {
		scan_or_hash(in, image, key, c, o, s, errs);
		return;
	}
	scan_or_hash(&ct.in, image, key, c, o, s, errs);
	progress_end(&ct.pr);
}

json_t *imgsrc_json(const char *data, size_t n, const char *image, const char *what,
                    struct findings *errs)
{
	if (n > IMGSRC_JSON_MAX) {
		findings_error(errs, image, 0, "%s is larger than %u bytes; not read", what,
		               IMGSRC_JSON_MAX);
		return NULL;
	}
	/* jansson refuses nesting deeper than 2048 on its own. */
	json_error_t e;
	json_t *j = json_loadb(data, n, JSON_REJECT_DUPLICATES, &e);
	if (!j)
		findings_error(errs, image, e.line, "%s is not valid JSON: %s", what, e.text);
	return j;
}

char *imgsrc_blob_path(const char *digest)
{
	const char *colon = digest ? strchr(digest, ':') : NULL;
	if (!colon || colon == digest || !colon[1])
		return NULL;
	for (const char *s = digest; s < colon; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
			return NULL;
	for (const char *s = colon + 1; *s; s++)
		if (!((*s >= 'a' && *s <= 'f') || (*s >= '0' && *s <= '9')))
			return NULL;
	return xasprintf("blobs/%.*s/%s", (int)(colon - digest), digest, colon + 1);
}

/* ---- assembly ---- */

static void file_copy(struct img_file *to, const struct img_file *from)
{
	*to = *from;
	to->path = xstrdup(from->path);
	to->link = xstrdup(from->link);
	to->secrets = from->nsecrets ? xcalloc(from->nsecrets, sizeof *to->secrets) : NULL;
	for (size_t i = 0; i < from->nsecrets; i++) {
		const struct img_secret *s = &from->secrets[i];
		to->secrets[i] = (struct img_secret){ xstrdup(s->kind_id), xstrdup(s->kind_name),
		                                      s->severity, s->line, xstrdup(s->evidence) };
	}
	img_accounts_copy(to, from);
}

/* A visible account file the layer walker did not parse: the checks of its entries are not
 * done, which the user must hear. */
static void accounts_warn(const char *image, const struct img_file *f, struct findings *errs)
{
	if (f->size > ACCOUNTS_CAP)
		findings_warn(errs, image, 0, "%s (layer %zu) is %lld bytes, more than the %u read for "
		              "the account checks; its entries are not checked", f->path, f->layer,
		              (long long)f->size, ACCOUNTS_CAP);
	else
		findings_warn(errs, image, 0, "%s (layer %zu) has more than %u entries, the most the "
		              "account checks read; its entries are not checked", f->path, f->layer,
		              ACCOUNTS_MAX);
}

/* The n-th history entry that made a layer. */
static const char *created_by(json_t *config, size_t n)
{
	json_t *h = json_object_get(config, "history"), *v;
	size_t i;
	json_array_foreach(h, i, v) {
		if (json_is_true(json_object_get(v, "empty_layer")))
			continue;
		if (n-- == 0)
			return json_string_value(json_object_get(v, "created_by"));
	}
	return NULL;
}

static void layer_model(struct img_layer *l, const struct scanned *s, json_t *diff_ids,
                        json_t *config, size_t i)
{
	l->diff_id = xstrdup(json_string_value(json_array_get(diff_ids, i)));
	l->created_by = xstrdup(created_by(config, i));
	if (!s) {
		l->failed = true;
		return;
	}
	l->digest = xstrdup(s->f.digest);
	l->verified = s->blob_ok && !s->f.failed && l->digest && str_eq(l->digest, l->diff_id);
	l->cached = s->cached;
	l->failed = s->f.failed;
	l->bytes = s->f.bytes;
	l->entries = s->f.entries;
	l->source_files = s->f.source_files;
	l->ncaches = s->f.ncaches;
	l->caches = l->ncaches ? xcalloc(l->ncaches, sizeof *l->caches) : NULL;
	for (size_t k = 0; k < l->ncaches; k++)
		l->caches[k] = (struct img_cache){ xstrdup(s->f.caches[k].dir), s->f.caches[k].files,
		                                   s->f.caches[k].bytes };
}

/* The first later layer that deletes, hides or replaces f; 0 when none does. */
static size_t hidden_by(struct scanned **order, size_t n, size_t from, const struct img_file *f)
{
	for (size_t j = from + 1; j < n; j++)
		if (order[j] && layer_hides(&order[j]->f, f->path, f->type == IMG_DIR))
			return j;
	return 0;
}

void imgsrc_assemble(const char *image, json_t *config, struct scanned **order, size_t n,
                     const struct imgsrc_opts *o, struct image_read *out, struct findings *errs)
{
	json_t *diff_ids = json_object_get(json_object_get(config, "rootfs"), "diff_ids");
	if (json_array_size(diff_ids) != n)
		findings_error(errs, image, 0, "the config lists %zu layers (rootfs.diff_ids), the "
		               "manifest %zu", json_array_size(diff_ids), n);
	size_t max = o->max_files ? o->max_files : 20000, cap = 0;
	struct image_fs *fs = &out->fs;
	fs->layers = xcalloc(n ? n : 1, sizeof *fs->layers);
	fs->nlayers = n;
	for (size_t i = 0; i < n; i++) {
		struct scanned *s = order[i];
		layer_model(&fs->layers[i], s, diff_ids, config, i);
		if (!s)
			continue;
		if (s->cached)
			out->layers_cached++;
		else
			out->layers_scanned++;
		fs->files_capped |= s->f.capped;
		for (size_t k = 0; k < s->f.nfiles; k++) {
			if (fs->nfiles >= max) {
				fs->files_capped = true;
				break;
			}
			GROW(fs->files, cap, fs->nfiles);
			struct img_file *f = &fs->files[fs->nfiles++];
			file_copy(f, &s->f.files[k]);
			f->layer = i;
			f->hidden_by = hidden_by(order, n, i, f);
			f->visible = f->hidden_by == 0;
			if (f->visible && (f->flags & IMGF_ACCOUNTS_SKIPPED))
				accounts_warn(image, f, errs);
		}
	}
	const struct layer_facts **L = xcalloc(n ? n : 1, sizeof *L);
	for (size_t i = 0; i < n; i++)
		L[i] = order[i] ? &order[i]->f : NULL;
	layer_pkgs_assemble(image, L, n, &fs->inv, o->pkg_warnings ? errs : NULL);
	free(L);
	out->config = config;
}

void image_read_free(struct image_read *r)
{
	if (!r)
		return;
	json_decref(r->config);
	free(r->ref);
	free(r->id);
	image_fs_free(&r->fs);
	memset(r, 0, sizeof *r);
}

bool imgsrc_is_index(json_t *desc)
{
	const char *mt = json_string_value(json_object_get(desc, "mediaType"));
	return mt && (strcmp(mt, "application/vnd.oci.image.index.v1+json") == 0 ||
	              strcmp(mt, "application/vnd.docker.distribution.manifest.list.v2+json") == 0);
}

static bool amd64(json_t *desc)
{
	json_t *p = json_object_get(desc, "platform");
	return str_eq(json_string_value(json_object_get(p, "os")), "linux") &&
	       str_eq(json_string_value(json_object_get(p, "architecture")), "amd64");
}

json_t *imgsrc_index_pick(json_t *index)
{
	json_t *ms = json_object_get(index, "manifests"), *d;
	size_t i;
	json_array_foreach(ms, i, d)
		if (amd64(d))
			return d;
	return json_array_get(ms, 0);
}
