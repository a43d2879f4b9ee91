/* An image whose every layer is already in the cache is assembled from it without reading a
 * byte of the image: the engine's own metadata (RootFS.Layers, the diff_ids it verified when
 * the image arrived) names the layers. */
#include "collect/imgsrc_int.h"
#include "util/util.h"
#include <stdlib.h>

int imgsrc_cached(const char *image, json_t *config, const struct imgsrc_opts *o,
                  struct image_read *out, struct findings *errs)
{
	json_t *ids = json_object_get(json_object_get(config, "rootfs"), "diff_ids");
	size_t n = json_array_size(ids), i;
	json_t *id;
	struct layer_cache *c = o->cache_path ? layer_cache_open(o->cache_path, o->hook, errs) : NULL;
	struct scanned *v = xcalloc(n ? n : 1, sizeof *v);
	struct scanned **order = xcalloc(n ? n : 1, sizeof *order);
	bool all = c && n > 0;
	json_array_foreach(ids, i, id) {
		if (!all || !json_is_string(id) || !layer_cache_get(c, json_string_value(id), &v[i].f)) {
			all = false;
			break;
		}
		v[i].name = xstrdup(json_string_value(id));
		v[i].cached = v[i].blob_ok = true;
		order[i] = &v[i];
	}
	if (all)
		imgsrc_assemble(image, json_incref(config), order, n, o, out, errs);
	for (size_t k = 0; k < n; k++) {
		free(v[k].name);
		layer_facts_free(&v[k].f);
	}
	free(order);
	free(v);
	layer_cache_close(c);
	return all ? 0 : -1;
}
