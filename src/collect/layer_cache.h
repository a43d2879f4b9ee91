/* The layer cache: a layer's facts under its stored-bytes digest, so an image sharing layers
 * with one already audited reads only what is new. SQLite, one file, WAL mode. */
#ifndef BW_LAYER_CACHE_H
#define BW_LAYER_CACHE_H
#include "collect/layer.h"

/* Bump when what a layer scan records changes: older entries are then never read. */
#define LAYER_CACHE_VERSION "bulwark-layers-4"

struct layer_cache;
/* NULL when path is NULL or the cache cannot be used (a warning says why; never an error). */
struct layer_cache *layer_cache_open(const char *path, const struct content_hook *hook,
                                     struct findings *errs);
/* Facts stored for the stored-bytes digest key ("sha256:…"); false on a miss. */
bool layer_cache_get(struct layer_cache *c, const char *key, struct layer_facts *out);
void layer_cache_put(struct layer_cache *c, const char *key, const struct layer_facts *f);
void layer_cache_close(struct layer_cache *c);
#endif
