/* Inside the layer walker: decompression with digests, and which files to keep. */
#ifndef BW_LAYER_INT_H
#define BW_LAYER_INT_H
#include "collect/layer.h"

/* Uncompressed bytes of a layer input: gzip (ISA-L), zstd or plain, found by magic. Both the
 * stored and the uncompressed bytes are hashed as they pass. */
struct decomp;
struct decomp *decomp_new(struct layer_input *in, uint64_t max_bytes, bool want_raw);
/* >0 bytes at *p, 0 at the end, -1 on error (decomp_error says why). */
ssize_t decomp_read(struct decomp *d, const void **p);
const char *decomp_error(const struct decomp *d);
uint64_t decomp_total(const struct decomp *d);
/* "sha256:…" digests, caller frees; call after the last read, plain first. The raw digest is
 * NULL for a compressed layer unless want_raw. */
char *decomp_plain_digest(struct decomp *d);
char *decomp_raw_digest(struct decomp *d);
void decomp_free(struct decomp *d);
/* The digest of stored bytes read to their end without decompressing; NULL on a read error. */
char *decomp_hash_raw(struct layer_input *in);

/* Why a path may be kept. */
enum keep_why { KEEP_NO, KEEP_ALWAYS, KEEP_IF_KEY, KEEP_CACHE, KEEP_SOURCE };
enum keep_special { SPECIAL_NONE, SPECIAL_SHADOW, SPECIAL_DOCKERCFG };
struct keep_class {
	enum keep_why why;
	bool key_path;             /* a key or credential by name: look for keys even in binaries */
	enum keep_special special; /* content parsed for a flag */
	const char *cache_dir;     /* KEEP_CACHE: which package cache */
};
void layer_classify(const char *path, enum img_ftype t, unsigned mode, struct keep_class *c);

/* Streaming search for a private key block across chunk boundaries. */
struct keyscan { char tail[64]; size_t ntail; bool found; };
void keyscan_feed(struct keyscan *k, const char *p, size_t n);

/* Flags from a whole (small) file's content. */
bool shadow_has_hash(const char *s, size_t n);
bool dockercfg_has_auth(const char *s, size_t n);
#endif
