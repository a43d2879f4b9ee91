/* One image by reference, read once, layer by layer: `docker-archive:PATH`, `oci:DIR[:REF]`, or a
 * name or id the engine knows (from the layer cache when every layer is there, else streamed).
 * File contents go through the secret engine as they stream. */
#ifndef BW_IMAGE_READ_H
#define BW_IMAGE_READ_H
#include <stdint.h>
#include "collect/imgsrc.h"
#include "model/finding.h"

struct image_reader_opts {
	const char *host, *context;   /* the engine, for plain references; NULL: as the CLI does */
	double timeout;               /* per engine request; 0: default */
	const char *cache;            /* layer cache file; NULL: none */
	uint64_t max_layer_bytes;     /* 0: the collector's default */
	bool pkg_warnings;            /* say what the package inventory misses (vulns, sbom) */
	const char *registry_ca;      /* docker:// references: CA file; NULL: certs.d, system */
	bool insecure;                /* docker:// on loopback over plain HTTP */
};

struct image_reader;
/* Never NULL; a secret engine that cannot load is one warning in out. */
struct image_reader *image_reader_open(const struct image_reader_opts *o, struct findings *out);
/* rd->config is NULL when there is no image to report; the reason is in out. */
void image_reader_read(struct image_reader *r, const char *ref, struct image_read *rd,
                       struct findings *out);
void image_reader_close(struct image_reader *r);
#endif
