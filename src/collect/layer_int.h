/* Inside the layer walker: the uncompressed stream with its digests, and which files to keep. */
#ifndef BW_LAYER_INT_H
#define BW_LAYER_INT_H
#include "collect/layer.h"
#include <openssl/types.h>

/* Uncompressed bytes of a layer input, read ahead by a second thread into a few fixed buffers
 * (decompression and the tar walk each get a core; memory stays bounded). The uncompressed bytes
 * are hashed as the walk reads them, the stored bytes as the reader pulls them. */
struct layer_stream;
struct layer_stream *layer_stream_open(struct layer_input *in, uint64_t max_bytes,
                                       bool want_raw);
/* >0 bytes at *p (valid until the next call), 0 at the end, -1 on error (layer_stream_error
 * says why). */
ssize_t layer_stream_read(struct layer_stream *s, const void **p);
const char *layer_stream_error(const struct layer_stream *s);
uint64_t layer_stream_total(const struct layer_stream *s);   /* bytes read so far */
/* Stops the reader wherever it is and frees everything. The "sha256:…" digests of the bytes read
 * so far: uncompressed, and as stored (NULL for a compressed layer unless want_raw). */
void layer_stream_close(struct layer_stream *s, char **digest, char **raw_digest);

/* The codecs, found by magic: gzip (ISA-L), zstd or plain. The stored bytes are hashed as they
 * pass when want_raw (not for a plain tar, whose uncompressed digest is the same). */
struct decomp;
struct decomp *decomp_new(struct layer_input *in, uint64_t max_bytes, bool want_raw);
/* Up to cap uncompressed bytes into buf: >0 bytes, 0 at the end, -1 on error (decomp_error
 * says why): also the fill that goes past max_bytes, whose bytes are dropped. */
ssize_t decomp_fill(struct decomp *d, void *buf, size_t cap);
const char *decomp_error(const struct decomp *d);
bool decomp_is_plain(const struct decomp *d);
char *decomp_raw_digest(struct decomp *d);     /* NULL when plain or not want_raw */
void decomp_free(struct decomp *d);
/* The digest of stored bytes read to their end without decompressing; NULL on a read error. */
char *decomp_hash_raw(struct layer_input *in);
char *layer_sha256_hex(EVP_MD_CTX *c);          /* "sha256:…" of what c hashed */

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
