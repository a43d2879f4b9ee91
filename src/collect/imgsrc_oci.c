/* OCI image layouts: oci-layout, index.json -> (indexes) -> manifest -> config -> layers, every
 * blob at blobs/<alg>/<hex> under the layout and checked against its digest. */
#include "collect/imgsrc_int.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REF_NAME "org.opencontainers.image.ref.name"
#define MAX_NEST 4

struct oci {
	const char *dir, *image;
	const struct imgsrc_opts *o;
	struct findings *errs;
};

/* A small file of the layout, at most IMGSRC_JSON_MAX bytes, parsed. */
static json_t *read_json(struct oci *x, const char *rel)
{
	char *path = xasprintf("%s/%s", x->dir, rel);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0) {
		findings_error(x->errs, x->image, 0, "%s: %s", rel, strerror(errno));
		return NULL;
	}
	struct buf b = { 0 };
	char tmp[65536];
	ssize_t n;
	while ((n = read(fd, tmp, sizeof tmp)) > 0 && b.len <= IMGSRC_JSON_MAX)
		buf_add(&b, tmp, (size_t)n);
	close(fd);
	json_t *j = NULL;
	if (n < 0)
		findings_error(x->errs, x->image, 0, "%s: %s", rel, strerror(errno));
	else
		j = imgsrc_json(b.s ? b.s : "", b.len, x->image, rel, x->errs);
	free(b.s);
	if (j && !json_is_object(j)) {
		findings_error(x->errs, x->image, 0, "%s is not a JSON object", rel);
		json_decref(j);
		j = NULL;
	}
	return j;
}

static char *blob_of(struct oci *x, json_t *desc, const char *what)
{
	const char *dg = json_string_value(json_object_get(desc, "digest"));
	char *p = imgsrc_blob_path(dg);
	if (!p)
		findings_error(x->errs, x->image, 0, "%s has the digest \"%s\", not alg:hex; not read",
		               what, dg ? dg : "");
	return p;
}

static json_t *read_blob_json(struct oci *x, json_t *desc, const char *what)
{
	char *p = blob_of(x, desc, what);
	json_t *j = p ? read_json(x, p) : NULL;
	free(p);
	return j;
}

static bool ref_matches(json_t *desc, const char *want)
{
	const char *r = json_string_value(json_object_get(json_object_get(desc, "annotations"),
	                                                  REF_NAME));
	if (!r)
		return false;
	const char *colon = strrchr(want, ':');
	return strcmp(r, want) == 0 || (colon && !strchr(colon, '/') && strcmp(r, colon + 1) == 0);
}

/* The manifest descriptor to read from an index: the wanted ref (top level only), else
 * linux/amd64, else the first. */
static json_t *pick(json_t *index, const char *want)
{
	json_t *ms = json_object_get(index, "manifests"), *d;
	size_t i;
	if (want) {
		json_array_foreach(ms, i, d)
			if (ref_matches(d, want))
				return d;
		return NULL;
	}
	return imgsrc_index_pick(index);
}

/* Follows indexes down to an image manifest; returns it parsed, *desc_out its descriptor. */
static json_t *find_manifest(struct oci *x, json_t *index, const char *want, json_t **ref_desc)
{
	json_t *idx = json_incref(index);
	for (int depth = 0; depth < MAX_NEST; depth++) {
		json_t *d = pick(idx, depth == 0 ? want : NULL);
		if (!d) {
			findings_error(x->errs, x->image, 0, want && depth == 0
			               ? "index.json has no manifest named %s" : "an index lists no manifest%s",
			               want && depth == 0 ? want : "");
			json_decref(idx);
			return NULL;
		}
		if (depth == 0)
			*ref_desc = json_incref(d);
		json_t *next = read_blob_json(x, d, "a manifest");
		bool nested = imgsrc_is_index(d);   /* d belongs to idx */
		json_decref(idx);
		if (!next)
			return NULL;
		if (!nested && !json_object_get(next, "manifests"))
			return next;
		idx = next;
	}
	findings_error(x->errs, x->image, 0, "indexes nested more than %d deep", MAX_NEST);
	json_decref(idx);
	return NULL;
}

struct fd_in { struct layer_input in; int fd; char buf[1 << 20]; };

static ssize_t fd_next(struct layer_input *in, const void **p)
{
	struct fd_in *f = (struct fd_in *)in;
	ssize_t n;
	do
		n = read(f->fd, f->buf, sizeof f->buf);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		snprintf(in->err, sizeof in->err, "%s", strerror(errno));
	*p = f->buf;
	return n;
}

static void one_layer(struct oci *x, json_t *desc, struct layer_cache *c, struct scanned *s)
{
	const char *dg = json_string_value(json_object_get(desc, "digest"));
	int fd = open(s->name, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		findings_error(x->errs, x->image, 0, "layer %s: %s", s->name, strerror(errno));
		s->f.failed = true;
		return;
	}
	struct fd_in *f = xmalloc(sizeof *f);
	f->in = (struct layer_input){ fd_next, NULL, "" };
	f->fd = fd;
	/* Only sha256 digests are computed; any other algorithm leaves the layer unverified. */
	json_int_t size = json_integer_value(json_object_get(desc, "size"));
	imgsrc_layer(&f->in, size > 0 ? (uint64_t)size : 0, x->image, str_prefix(dg, "sha256:") ? dg : NULL, c, x->o, s, x->errs);
	if (!str_prefix(dg, "sha256:"))
		s->blob_ok = false;
	close(fd);
	free(f);
}

static void read_layers(struct oci *x, json_t *man, json_t *config, struct image_read *out)
{
	json_t *ls = json_object_get(man, "layers");
	size_t n = json_array_size(ls);
	struct scanned_set set = { 0 };
	struct scanned **order = xcalloc(n ? n : 1, sizeof *order);
	struct layer_cache *c = layer_cache_open(x->o->cache_path, x->o->hook, x->errs);
	for (size_t i = 0; i < n; i++) {
		json_t *d = json_array_get(ls, i);
		char *rel = blob_of(x, d, "a layer");
		if (!rel)
			continue;
		char *path = xasprintf("%s/%s", x->dir, rel);
		free(rel);
		order[i] = scanned_find(&set, path);
		if (!order[i]) {
			/* The set may move as it grows: index it again after adding. */
			size_t at = set.n;
			scanned_add(&set, path);
			one_layer(x, d, c, &set.v[at]);
		}
		free(path);
	}
	for (size_t i = 0; i < n; i++) {
		json_t *d = json_array_get(ls, i);
		char *rel = imgsrc_blob_path(json_string_value(json_object_get(d, "digest")));
		char *path = rel ? xasprintf("%s/%s", x->dir, rel) : NULL;
		order[i] = path ? scanned_find(&set, path) : NULL;
		free(rel);
		free(path);
	}
	imgsrc_assemble(out->ref, config, order, n, x->o, out, x->errs);
	free(order);
	scanned_free(&set);
	layer_cache_close(c);
}

int imgsrc_oci_layout(const char *dir, const char *want_ref, const struct imgsrc_opts *o,
                      struct image_read *out, struct findings *errs)
{
	memset(out, 0, sizeof *out);
	struct oci x = { dir, want_ref ? want_ref : dir, o, errs };
	json_t *layout = read_json(&x, "oci-layout");
	json_t *index = layout ? read_json(&x, "index.json") : NULL;
	json_t *ref_desc = NULL;
	json_t *man = index ? find_manifest(&x, index, want_ref, &ref_desc) : NULL;
	json_t *cfgd = json_object_get(man, "config");
	json_t *config = cfgd ? read_blob_json(&x, cfgd, "the config") : NULL;
	if (man && !cfgd)
		findings_error(errs, x.image, 0, "the manifest names no config");
	int rc = -1;
	if (config) {
		json_t *anns = json_object_get(ref_desc, "annotations");
		const char *ann = json_string_value(json_object_get(anns, "io.containerd.image.name"));
		if (!ann)
			ann = json_string_value(json_object_get(anns, REF_NAME));
		out->id = xstrdup(json_string_value(json_object_get(cfgd, "digest")));
		out->ref = xstrdup(want_ref ? want_ref : ann ? ann : out->id);
		read_layers(&x, man, config, out);
		rc = 0;
	}
	json_decref(layout);
	json_decref(index);
	json_decref(ref_desc);
	json_decref(man);
	return rc;
}
