/* The image audit: every layer and the config of images from a `docker save` archive, an OCI
 * layout or the engine, through the image rules, the Dockerfile rules (on the history) and the
 * environment rule. */
#ifndef BW_IMAGE_AUDIT_H
#define BW_IMAGE_AUDIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "pipeline/audit.h"
#include "model/finding.h"
#include "pipeline/run.h"

struct image_audit_opts {
	const struct audit_opts *engine;   /* how to reach the engine for plain references */
	const char *cache;                 /* layer cache file; NULL: none */
	uint64_t max_layer_bytes;          /* 0: the collector's default */
	const struct run_vulns *vulns;     /* --vulns and its options; NULL: off */
	struct fleet_inv *inv;             /* each image and its packages go here; NULL: not kept */
};

struct image_audit_counts { size_t images, layers, layers_scanned, layers_cached; };

/* REF: docker-archive:PATH, oci:DIR[:REF], or a name or id the engine knows. */
void image_audit(const struct image_audit_opts *o, char **refs, size_t n, struct findings *out,
                 struct image_audit_counts *c);
/* "note: 2 images, 9 layers (...)" on stderr. */
void image_audit_note(const struct image_audit_counts *n);
/* The default cache file: $XDG_CACHE_HOME/bulwark/layers.db (~/.cache when unset); malloc'd,
 * NULL when there is no home to put it in. */
char *image_cache_default(void);
#endif
