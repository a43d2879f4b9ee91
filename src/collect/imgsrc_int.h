/* Shared by the image sources: layers scanned or taken from the cache, small JSON documents
 * read with a size cap, and assembling the image from its layers in manifest order. */
#ifndef BW_IMGSRC_INT_H
#define BW_IMGSRC_INT_H
#include "collect/imgsrc.h"
#include "collect/layer_cache.h"

#define IMGSRC_JSON_MAX (8u << 20)    /* manifests, indexes and configs larger than this: error */

struct scanned {
	char *name;                /* where the layer is in its source: "blobs/sha256/…", "x/layer.tar" */
	struct layer_facts f;
	bool cached;
	bool blob_ok;              /* the stored bytes match the digest their name or manifest promises */
};
struct scanned_set { struct scanned *v; size_t n, cap; };

struct scanned *scanned_find(struct scanned_set *s, const char *name);
struct scanned *scanned_add(struct scanned_set *s, const char *name);
void scanned_free(struct scanned_set *s);

/* Scans the layer, or takes it from the cache when key (the digest its stored bytes must have)
 * is known and cached: then only the stored bytes are hashed, to check them. size: the stored
 * bytes, for the progress bar (0: unknown, no bar). */
void imgsrc_layer(struct layer_input *in, uint64_t size, const char *image, const char *key,
                  struct layer_cache *c, const struct imgsrc_opts *o, struct scanned *s,
                  struct findings *errs);

/* Parsed JSON (any type) of at most IMGSRC_JSON_MAX bytes; NULL after an error naming image and what. */
json_t *imgsrc_json(const char *data, size_t n, const char *image, const char *what,
                    struct findings *errs);
/* "blobs/<alg>/<hex>" for a digest "alg:hex"; NULL when it is not exactly that shape. */
char *imgsrc_blob_path(const char *digest);

/* The descriptor names an index (OCI or Docker's manifest list). */
bool imgsrc_is_index(json_t *desc);
/* The manifest of an index to read: linux/amd64, else the first; NULL when it lists none. */
json_t *imgsrc_index_pick(json_t *index);

/* Fills out->fs from the layers in order (NULL: missing, already reported) and the config's
 * diff_ids and history. Takes config. */
void imgsrc_assemble(const char *image, json_t *config, struct scanned **order, size_t n,
                     const struct imgsrc_opts *o, struct image_read *out, struct findings *errs);
#endif
