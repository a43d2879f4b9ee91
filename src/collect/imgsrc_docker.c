/* `docker save` archives, as a file or as a stream. In a stream the manifest comes after the
 * layers, so each layer is scanned as it passes (keyed by its name in the archive) and the image
 * is assembled once manifest.json and the config have arrived. A file is read the same way;
 * with a cache, a first pass over the (seekable) file reads manifest.json and the configs so that
 * layers named "<id>/layer.tar" are known by digest before they are reached. */
#include "collect/imgsrc_int.h"
#include "util/util.h"
#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOCS_MAX (64u << 20)   /* all JSON documents of one archive together */

struct doc { char *name; char *data; size_t len; };

struct arc {
	const char *image;             /* for messages */
	const struct imgsrc_opts *o;
	struct layer_cache *cache;
	struct findings *errs;
	struct scanned_set layers;
	struct doc *docs; size_t ndocs, cap_docs, docs_bytes;
	struct doc *known; size_t nknown, cap_known;   /* layer name -> digest (in data) */
	bool prepass;                  /* only documents, no layers */
};

struct entry_in {
	struct layer_input in;
	struct archive *a;
	const void *first; size_t nfirst;
};

static ssize_t entry_next(struct layer_input *in, const void **p)
{
	struct entry_in *e = (struct entry_in *)in;
	if (e->first) {
		*p = e->first;
		e->first = NULL;
		return (ssize_t)e->nfirst;
	}
	for (;;) {
		size_t n;
		la_int64_t off;
		int r = archive_read_data_block(e->a, p, &n, &off);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			snprintf(in->err, sizeof in->err, "archive: %s", archive_error_string(e->a));
			return -1;
		}
		if (n)
			return (ssize_t)n;
	}
}

static char *norm_name(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	return xstrdup(name);
}

static void doc_add(struct doc **v, size_t *n, size_t *cap, const char *name, char *data,
                    size_t len)
{
	GROW(*v, *cap, *n);
	(*v)[(*n)++] = (struct doc){ xstrdup(name), data, len };
}

static const struct doc *doc_find(const struct doc *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static void docs_free(struct doc *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].data);
	}
	free(v);
}

/* Reads the rest of a JSON entry into memory (with its first block). */
static void read_doc(struct arc *x, struct entry_in *e, const char *name)
{
	struct buf b = { 0 };
	const void *p;
	ssize_t n;
	while ((n = entry_next(&e->in, &p)) > 0) {
		if (b.len + (size_t)n > IMGSRC_JSON_MAX || x->docs_bytes + b.len + (size_t)n > DOCS_MAX) {
			findings_error(x->errs, x->image, 0, "%s is larger than %u bytes; not read", name,
			               IMGSRC_JSON_MAX);
			free(b.s);
			return;
		}
		buf_add(&b, p, (size_t)n);
	}
	if (n < 0) {
		findings_error(x->errs, x->image, 0, "%s: %s", name, e->in.err);
		free(b.s);
		return;
	}
	x->docs_bytes += b.len;
	doc_add(&x->docs, &x->ndocs, &x->cap_docs, name, b.s ? b.s : xstrdup(""), b.len);
}

static bool looks_json(const void *p, size_t n)
{
	const char *s = p;
	size_t i = 0;
	if (n >= 262 && memcmp(s + 257, "ustar", 5) == 0)
		return false;    /* a tar whose first name starts with '{' */
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
		i++;
	return i < n && (s[i] == '{' || s[i] == '[');
}

static bool compressed(const unsigned char *p, size_t n)
{
	return n >= 4 && ((p[0] == 0x1f && p[1] == 0x8b) ||
	                  (p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd));
}

/* The digest the layer's stored bytes must have: the one its name says (blobs/sha256/<hex>),
 * or for "<id>/layer.tar" the diff_id its config gives (the stored bytes are the uncompressed
 * tar unless they start with a compression magic). */
static const char *key_for(struct arc *x, const char *name, const void *first, size_t n,
                           char *tmp, size_t tmpn)
{
	const struct doc *k = doc_find(x->known, x->nknown, name);
	if (k)
		return compressed(first, n) ? NULL : k->data;
	if (str_prefix(name, "blobs/sha256/") && !strchr(name + 13, '/')) {
		snprintf(tmp, tmpn, "sha256:%s", name + 13);
		char *check = imgsrc_blob_path(tmp);
		bool ok = check && strcmp(check, name) == 0;
		free(check);
		return ok ? tmp : NULL;
	}
	return NULL;
}

static void one_entry(struct arc *x, struct archive *a, struct archive_entry *ae)
{
	if (archive_entry_filetype(ae) != AE_IFREG)
		return;
	char *name = norm_name(archive_entry_pathname(ae) ? archive_entry_pathname(ae) : "");
	bool layerish = str_suffix(name, "/layer.tar") || str_prefix(name, "blobs/");
	bool docish = !strchr(name, '/') && (str_suffix(name, ".json") || strcmp(name, "repositories") == 0);
	if (!layerish && !docish) {
		free(name);
		return;
	}
	struct entry_in e = { { entry_next, NULL, "" }, a, NULL, 0 };
	const void *p;
	ssize_t n = entry_next(&e.in, &p);
	if (n < 0) {
		findings_error(x->errs, x->image, 0, "%s: %s", name, e.in.err);
		free(name);
		return;
	}
	e.first = n > 0 ? p : NULL;
	e.nfirst = (size_t)n;
	if (docish || (n > 0 && looks_json(p, (size_t)n))) {
		read_doc(x, &e, name);
	} else if (!x->prepass && !scanned_find(&x->layers, name)) {
		char tmp[160];
		const char *key = key_for(x, name, p, (size_t)n, tmp, sizeof tmp);
		imgsrc_layer(&e.in, x->image, key, x->cache, x->o, scanned_add(&x->layers, name),
		             x->errs);
	}
	free(name);
}

/* Every entry of the outer archive; -1 when it broke (what was read is kept). */
static int walk(struct arc *x, struct archive *a)
{
	struct archive_entry *ae;
	for (;;) {
		int r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN) {
			findings_error(x->errs, x->image, 0, "the image archive is unreadable: %s",
			               archive_error_string(a));
			return -1;
		}
		one_entry(x, a, ae);
	}
}

/* ---- choosing the image and assembling it ---- */

static json_t *doc_json(struct arc *x, const char *name)
{
	const struct doc *d = doc_find(x->docs, x->ndocs, name);
	if (!d) {
		findings_error(x->errs, x->image, 0, "the archive has no %s", name);
		return NULL;
	}
	return imgsrc_json(d->data, d->len, x->image, name, x->errs);
}

static char *sha256_of(const char *data, size_t n)
{
	unsigned char md[32];
	unsigned len = 0;
	EVP_Digest(data, n, md, &len, EVP_sha256(), NULL);
	char *s = xmalloc(7 + 64 + 1);
	memcpy(s, "sha256:", 7);
	for (unsigned i = 0; i < 32; i++)
		snprintf(s + 7 + 2 * i, 3, "%02x", md[i]);
	return s;
}

static bool matches(json_t *m, const char *want, const char *id)
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
	const char *hex = want;
	if (str_prefix(hex, "sha256:"))
		hex += 7;
	return id && strlen(hex) >= 12 && str_prefix(id + 7, hex);
}

static char *config_id(struct arc *x, json_t *m)
{
	const struct doc *d = doc_find(x->docs, x->ndocs, json_string_value(json_object_get(m, "Config")) ?: "");
	return d ? sha256_of(d->data, d->len) : NULL;
}

static int finish(struct arc *x, const char *want, struct image_read *out)
{
	json_t *man = doc_json(x, "manifest.json"), *m = NULL;
	if (man && !json_is_array(man))
		findings_error(x->errs, x->image, 0, "manifest.json is not a JSON array");
	size_t i;
	json_t *v;
	char *id = NULL;
	json_array_foreach(man, i, v) {
		id = config_id(x, v);
		if (!want || matches(v, want, id)) {
			m = v;
			break;
		}
		free(id);
		id = NULL;
	}
	if (!m) {
		if (man && json_is_array(man))
			findings_error(x->errs, x->image, 0, want ? "the archive holds no image %s"
			               : "the archive holds no image%s", want ? want : "");
		json_decref(man);
		return -1;
	}
	const char *cfgname = json_string_value(json_object_get(m, "Config"));
	json_t *config = cfgname ? doc_json(x, cfgname) : NULL;
	if (!json_is_object(config)) {
		if (!cfgname)
			findings_error(x->errs, x->image, 0, "manifest.json names no Config");
		else if (config)
			findings_error(x->errs, x->image, 0, "%s is not a JSON object", cfgname);
		json_decref(config);
		json_decref(man);
		free(id);
		return -1;
	}
	const char *tag = json_string_value(json_array_get(json_object_get(m, "RepoTags"), 0));
	out->id = id;
	out->ref = xstrdup(want ? want : tag ? tag : id);
	json_t *ls = json_object_get(m, "Layers");
	size_t n = json_array_size(ls);
	struct scanned **order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t k = 0; k < n; k++) {
		char *name = norm_name(json_string_value(json_array_get(ls, k)) ?: "");
		order[k] = scanned_find(&x->layers, name);
		if (!order[k])
			findings_error(x->errs, x->image, 0, "manifest.json names layer %s, which the "
			               "archive does not hold", name);
		free(name);
	}
	imgsrc_assemble(out->ref, config, order, n, x->o, out, x->errs);
	free(order);
	json_decref(man);
	return 0;
}

/* After a first pass: every "<id>/layer.tar" with the diff_id its image's config gives it. */
static void learn_keys(struct arc *x)
{
	struct findings quiet = { 0 };   /* the main pass reports what is wrong */
	const struct doc *d = doc_find(x->docs, x->ndocs, "manifest.json");
	json_t *man = d ? imgsrc_json(d->data, d->len, x->image, "manifest.json", &quiet) : NULL, *m;
	size_t i;
	json_array_foreach(man, i, m) {
		const struct doc *c = doc_find(x->docs, x->ndocs,
		                               json_string_value(json_object_get(m, "Config")) ?: "");
		json_t *cfg = c ? imgsrc_json(c->data, c->len, x->image, c->name, &quiet) : NULL;
		json_t *ids = json_object_get(json_object_get(cfg, "rootfs"), "diff_ids");
		json_t *ls = json_object_get(m, "Layers");
		for (size_t k = 0; k < json_array_size(ls) && k < json_array_size(ids); k++) {
			const char *l = json_string_value(json_array_get(ls, k));
			const char *dg = json_string_value(json_array_get(ids, k));
			char *bp = imgsrc_blob_path(dg);
			if (l && bp)
				doc_add(&x->known, &x->nknown, &x->cap_known, l, xstrdup(dg), 0);
			free(bp);
		}
		json_decref(cfg);
	}
	json_decref(man);
	findings_free(&quiet);
}

static void arc_free(struct arc *x)
{
	scanned_free(&x->layers);
	docs_free(x->docs, x->ndocs);
	docs_free(x->known, x->nknown);
	layer_cache_close(x->cache);
}

static struct archive *tar_reader(void)
{
	struct archive *a = archive_read_new();
	archive_read_support_format_tar(a);
	return a;
}

int imgsrc_docker_archive(const char *tar_path, const char *want_ref,
                          const struct imgsrc_opts *o, struct image_read *out,
                          struct findings *errs)
{
	memset(out, 0, sizeof *out);
	struct arc x = { tar_path, o, layer_cache_open(o->cache_path, o->hook, errs), errs };
	struct archive *a = tar_reader();
	if (archive_read_open_filename(a, tar_path, 1 << 20) != ARCHIVE_OK) {
		findings_error(errs, tar_path, 0, "cannot read the image archive: %s",
		               archive_error_string(a));
		archive_read_free(a);
		arc_free(&x);
		return -1;
	}
	if (x.cache) {
		x.prepass = true;
		struct findings quiet = { 0 };
		x.errs = &quiet;
		walk(&x, a);
		learn_keys(&x);
		findings_free(&quiet);
		x.errs = errs;
		x.prepass = false;
		docs_free(x.docs, x.ndocs);
		x.docs = NULL;
		x.ndocs = x.cap_docs = x.docs_bytes = 0;
		archive_read_free(a);
		a = tar_reader();
		if (archive_read_open_filename(a, tar_path, 1 << 20) != ARCHIVE_OK) {
			findings_error(errs, tar_path, 0, "cannot read the image archive: %s",
			               archive_error_string(a));
			archive_read_free(a);
			arc_free(&x);
			return -1;
		}
	}
	walk(&x, a);
	archive_read_free(a);
	int rc = finish(&x, want_ref, out);
	arc_free(&x);
	return rc;
}

struct user_stream {
	ssize_t (*read)(void *ctx, void *buf, size_t n);
	void *ctx;
	char *buf;
};

static la_ssize_t user_read(struct archive *a, void *ctx, const void **p)
{
	struct user_stream *u = ctx;
	ssize_t n = u->read(u->ctx, u->buf, 1 << 20);
	if (n < 0)
		archive_set_error(a, -1, "the image stream failed");
	*p = u->buf;
	return n;
}

int imgsrc_stream(ssize_t (*read)(void *ctx, void *buf, size_t n), void *ctx, const char *name,
                  const struct imgsrc_opts *o, struct image_read *out, struct findings *errs)
{
	memset(out, 0, sizeof *out);
	const char *image = name ? name : "image stream";
	struct arc x = { image, o, layer_cache_open(o->cache_path, o->hook, errs), errs };
	struct user_stream u = { read, ctx, xmalloc(1 << 20) };
	struct archive *a = tar_reader();
	int rc = -1;
	if (archive_read_open(a, &u, NULL, user_read, NULL) != ARCHIVE_OK)
		findings_error(errs, image, 0, "the image stream is unreadable: %s",
		               archive_error_string(a));
	else {
		walk(&x, a);
		/* A name that is not in the archive's RepoTags (an id, a digest): the first image. */
		rc = finish(&x, NULL, out);
		if (rc == 0 && name) {
			free(out->ref);
			out->ref = xstrdup(name);
		}
	}
	archive_read_free(a);
	free(u.buf);
	arc_free(&x);
	return rc;
}
