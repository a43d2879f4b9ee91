/* An image straight from a registry: manifest (through an index to linux/amd64), config, and
 * each layer streamed through the layer reader as it downloads, checked against its digest. */
#include "collect/imgsrc_int.h"
#include "collect/registry.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

#define MAX_NEST 4

/* Follows indexes down to an image manifest. */
static json_t *resolve(struct reg_client *c, const char *image, const char *reference,
                       char **digest, struct findings *errs)
{
	char *err = NULL, *ref = xstrdup(reference);
	json_t *m = NULL;
	for (int depth = 0; depth < MAX_NEST; depth++) {
		free(*digest);
		*digest = NULL;
		if (!(m = reg_manifest(c, ref, digest, &err)))
			break;
		if (!json_object_get(m, "manifests"))
			break;
		const char *next = json_string_value(json_object_get(imgsrc_index_pick(m), "digest"));
		if (!next) {
			err = xstrdup("an index lists no manifest");
			json_decref(m);
			m = NULL;
			break;
		}
		free(ref);
		ref = xstrdup(next);
		json_decref(m);
		m = NULL;
		if (depth + 1 == MAX_NEST)
			err = xasprintf("indexes nested more than %d deep", MAX_NEST);
	}
	if (!m)
		findings_error(errs, image, 0, "%s", err ? err : "no manifest");
	free(err);
	free(ref);
	return m;
}

static void read_layers(struct reg_client *c, const char *image, json_t *man, json_t *config,
                        const struct imgsrc_opts *o, struct image_read *out,
                        struct findings *errs)
{
	json_t *ls = json_object_get(man, "layers");
	size_t n = json_array_size(ls);
	struct scanned_set set = { 0 };
	struct scanned **order = xcalloc(n ? n : 1, sizeof *order);
	struct layer_cache *cache = layer_cache_open(o->cache_path, o->hook, errs);
	for (size_t i = 0; i < n; i++) {
		json_t *d = json_array_get(ls, i);
		const char *dg = json_string_value(json_object_get(d, "digest"));
		char *err = NULL;
		if (!dg || !str_prefix(dg, "sha256:") || strchr(dg, '/')) {
			findings_error(errs, image, 0, "layer %zu has the digest \"%s\": not read", i + 1,
			               dg ? dg : "");
			continue;
		}
		if (scanned_find(&set, dg))
			continue;
		size_t at = set.n;
		scanned_add(&set, dg);
		struct layer_input *in = reg_blob_open(c, dg, &err);
		if (!in) {
			findings_error(errs, image, 0, "layer %s: %s", dg, err);
			set.v[at].f.failed = true;
			free(err);
			continue;
		}
		json_int_t size = json_integer_value(json_object_get(d, "size"));
		imgsrc_layer(in, size > 0 ? (uint64_t)size : 0, image, dg, cache, o, &set.v[at], errs);
		reg_blob_close(in);
	}
	for (size_t i = 0; i < n; i++) {
		const char *dg = json_string_value(json_object_get(json_array_get(ls, i), "digest"));
		order[i] = dg ? scanned_find(&set, dg) : NULL;
	}
	imgsrc_assemble(out->ref, config, order, n, o, out, errs);
	free(order);
	scanned_free(&set);
	layer_cache_close(cache);
}

int imgsrc_registry(const char *spec, const struct reg_opts *ro, const struct imgsrc_opts *o,
                    struct image_read *out, struct findings *errs)
{
	struct reg_ref ref;
	char *err = NULL, *digest = NULL;
	memset(out, 0, sizeof *out);
	if (reg_ref_parse(spec, &ref, &err)) {
		findings_error(errs, spec, 0, "%s", err);
		free(err);
		return -1;
	}
	struct reg_client *c = reg_open(&ref, ro, &err);
	json_t *man = c ? resolve(c, spec, ref.reference, &digest, errs) : NULL;
	json_t *cfgd = json_object_get(man, "config");
	const char *cdg = json_string_value(json_object_get(cfgd, "digest"));
	json_t *config = NULL;
	if (!c)
		findings_error(errs, spec, 0, "%s", err);
	else if (man && !cdg)
		findings_error(errs, spec, 0, "the manifest names no config");
	else if (cdg && !(config = reg_blob_json(c, cdg, &err)))
		findings_error(errs, spec, 0, "the config: %s", err);
	free(err);
	if (config) {
		out->id = xstrdup(cdg);
		out->ref = xstrdup(spec);
		read_layers(c, spec, man, config, o, out, errs);
	}
	json_decref(man);
	free(digest);
	reg_close(c);
	reg_ref_free(&ref);
	return config ? 0 : -1;
}
