/* Image sources: a docker-archive (file or stream, any layout) or an OCI layout directory, read
 * into the image's config JSON and its filesystem model (model/image_fs.h), one pass over each
 * layer. */
#ifndef BW_IMGSRC_H
#define BW_IMGSRC_H
#include <jansson.h>
#include <stdint.h>
#include <sys/types.h>
#include "collect/layer.h"
#include "model/finding.h"
#include "model/image_fs.h"

struct imgsrc_opts {
	uint64_t max_layer_bytes;    /* decompressed bytes per layer; 0 = 8 GiB; over it: error, layer marked failed */
	size_t max_files;            /* kept files per image; 0 = 20000 */
	const char *cache_path;      /* SQLite file, NULL = no cache */
	struct content_hook *hook;   /* may be NULL: no content scanning beyond the built-in facts */
	bool pkg_warnings;           /* warn of what the package inventory misses (vulns, sbom) */
};

/* The image config (the JSON the manifest points at) is returned so the caller builds its config
 * model from it (collect/image_cfg.c; the OCI config has the same Config object). */
struct image_read {
	json_t *config;
	char *ref;                   /* what was asked for, else the first tag, else the id */
	char *id;                    /* "sha256:…" of the config */
	struct image_fs fs;
	size_t layers_scanned, layers_cached;
};

/* Each returns 0 when an image was read (its layer errors are in errs, the layers marked
 * failed), -1 when there is no image to report (the reason is in errs).
 * A docker-archive's config and layers are whatever its manifest.json names, in any order. A
 * regular file is read twice (manifest.json and the configs, then the layers); tar_path "-"
 * (stdin) or a pipe once, as imgsrc_stream. */
int imgsrc_docker_archive(const char *tar_path, const char *want_ref /* NULL: the first image */,
                          const struct imgsrc_opts *o, struct image_read *out,
                          struct findings *errs);
int imgsrc_oci_layout(const char *dir, const char *want_ref, const struct imgsrc_opts *o,
                      struct image_read *out, struct findings *errs);
/* A `docker save` tar arriving as a stream (the engine's GET /images/{name}/get): read(ctx, buf,
 * n) returns bytes read, 0 at end, -1 on error. Never written to disk. name: for messages and
 * the image chosen (a RepoTag), may be NULL. */
int imgsrc_stream(ssize_t (*read)(void *ctx, void *buf, size_t n), void *ctx, const char *name,
                  const struct imgsrc_opts *o, struct image_read *out, struct findings *errs);
/* "docker://HOST/NAME:TAG" (or @DIGEST) from the registry itself (collect/registry.h). */
struct reg_opts;
int imgsrc_registry(const char *spec, const struct reg_opts *ro, const struct imgsrc_opts *o,
                    struct image_read *out, struct findings *errs);
void image_read_free(struct image_read *r);
/* The image from the layer cache alone, when every layer its config's rootfs.diff_ids names is
 * cached: 0 and out filled (config is not taken); -1 otherwise, with nothing done. */
int imgsrc_cached(const char *image, json_t *config, const struct imgsrc_opts *o,
                  struct image_read *out, struct findings *errs);
#endif
