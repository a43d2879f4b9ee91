/* cosign's signatures of an image in a registry (the tag scheme): the manifest tagged
 * `sha256-<hex>.sig` beside the image, one layer per signature, each a simple-signing payload
 * with its base64 signature in the layer's dev.cosignproject.cosign/signature annotation. */
#ifndef BW_COLLECT_COSIGN_H
#define BW_COLLECT_COSIGN_H
#include <stdbool.h>
#include <stddef.h>
#include "collect/registry.h"
#include "model/signature.h"

#define COSIGN_LAYER_TYPE "application/vnd.dev.cosign.simplesigning.v1+json"
#define COSIGN_SIG_ANNOTATION "dev.cosignproject.cosign/signature"
#define COSIGN_PAYLOAD_MAX (1u << 20)
#define COSIGN_MAX_SIGS 64

/* ref's manifest digest and signatures into im (im->ref set); what could not be read makes the
 * image unreachable. -1 with *err (malloc'd) only when ref is no reference at all. */
int cosign_collect(const char *ref, const struct reg_opts *o, struct sig_image *im, char **err);

/* The PEM public key in the file at path into k (k->name: path). -1 with *err (malloc'd). */
int cosign_read_key(const char *path, struct sig_key *k, char **err);
void cosign_key_free(struct sig_key *k);

/* Pure, for the fuzzer. The tag holding the signatures of digest ("sha256-HEX.sig"); NULL for
 * anything but a sha256 digest. */
char *cosign_sig_tag(const char *digest);
/* A signature manifest's simple-signing layers: digests and base64 signatures, NULL where a
 * layer lacks one; layers of other types are skipped. How many (at most max). */
struct cosign_layer { const char *digest, *sig_b64; };
size_t cosign_layers(json_t *manifest, struct cosign_layer *v, size_t max);
/* The payload's fields (critical.type, critical.image's docker-manifest-digest,
 * critical.identity's docker-reference); false when it is no JSON object. */
bool cosign_payload_parse(const void *p, size_t n, struct sig_payload *out);
/* The signature decoded into e; false with e->problem set. */
bool cosign_sig_decode(const char *b64, struct sig_entry *e);
#endif
