/* Inside the docker-archive reader: the archive's state while it is walked (imgsrc_docker.c) and
 * what manifest.json makes of it (imgsrc_manifest.c). */
#ifndef BW_IMGSRC_DOCKER_INT_H
#define BW_IMGSRC_DOCKER_INT_H
#include "collect/imgsrc_int.h"

#define DOCS_MAX (64u << 20)       /* the JSON documents of one archive kept at once, together */

/* A JSON document of the archive, or why it was not kept (data NULL). */
enum doc_state { DOC_OK, DOC_TOO_LARGE, DOC_NO_ROOM };
struct doc { char *name; char *data; size_t len; enum doc_state state; };
struct docs { struct doc *v; size_t n, cap, bytes; };

/* Entry names, sorted, as arc_norm gives them. */
struct names { char **v; size_t n, cap; };

struct arc {
	const char *image;             /* the input, for messages */
	const char *want;              /* the image asked for; NULL: the first */
	const struct imgsrc_opts *o;
	struct layer_cache *cache;
	struct findings *errs;
	struct scanned_set layers;     /* by entry name */
	struct findings *held;         /* layers.v[i]'s errors, reported once the image names it */
	size_t cap_held;
	struct docs docs;
	struct docs keys;              /* layer name -> the diff_id its config gives it */
	bool planned;                  /* manifest.json was read: configs and layers are known */
	json_t *man;                   /* manifest.json parsed, once planned (NULL: not usable) */
	struct names configs, wanted;  /* what it names for the images that may be wanted */
	bool prepass;                  /* a file's first pass: documents only */
	bool stop;                     /* the pass has what it came for */
	size_t entries;
};

char *arc_norm(const char *name);  /* without "./" and leading "/" */
const struct doc *docs_find(const struct docs *d, const char *name);
void docs_add(struct docs *d, const char *name, char *data, size_t len, enum doc_state st);
void docs_free(struct docs *d);
bool names_has(const struct names *n, const char *name);
void names_free(struct names *n);

/* manifest.json is in x->docs: learn which configs and layers the wanted images name and drop
 * the documents kept while waiting for it that are none of them. */
void manifest_plan(struct arc *x);
/* The config cfgname is in x->docs: the diff_ids it gives become its layers' keys. */
void manifest_learn_keys(struct arc *x, const char *cfgname);
/* The image assembled from what the walk kept: 0, or -1 with the reason in x->errs. */
int manifest_finish(struct arc *x, struct image_read *out);
#endif
