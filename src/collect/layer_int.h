/* Inside the layer walker: the uncompressed stream with its digests, and which files to keep. */
#ifndef BW_LAYER_INT_H
#define BW_LAYER_INT_H
#include "collect/layer.h"
#include <openssl/types.h>
#include <pthread.h>
#include <stdatomic.h>

/* Uncompressed bytes of a layer input, read ahead by two threads (the stored bytes, and their
 * decompression) through bounded rings: decompression gets a core of its own, memory stays
 * bounded. The stored bytes are hashed as they are fetched, the uncompressed ones as they are
 * read. */
struct layer_stream;
struct layer_stream *layer_stream_open(struct layer_input *in, uint64_t max_bytes,
                                       bool want_raw);
/* >0 bytes at *p (valid until the next call), 0 at the end, -1 on error (layer_stream_error
 * says why). */
ssize_t layer_stream_read(struct layer_stream *s, const void **p);
const char *layer_stream_error(const struct layer_stream *s);
uint64_t layer_stream_total(const struct layer_stream *s);   /* bytes read so far */
/* Stops the threads wherever they are and frees everything. The "sha256:…" digests of the bytes
 * read so far: uncompressed, and as stored (NULL for a compressed layer unless want_raw). */
void layer_stream_close(struct layer_stream *s, char **digest, char **raw_digest);

/* A bounded ring of up to RING_MAX buffers of one size from one producer thread to one consumer
 * (layer_ring.c). */
#define RING_MAX 16u
struct ring {
	unsigned char *buf[RING_MAX];
	size_t len[RING_MAX], size;
	unsigned nslots;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	uint64_t produced, consumed, released;   /* slots, counted from the start */
	int end;                   /* from the producer: 1 end of input, -1 error (err says why) */
	bool holding;              /* the consumer reads slot consumed-1 */
	atomic_bool stop;          /* from either side: no more */
	char err[300];
};
void ring_init(struct ring *r, unsigned nslots, size_t slot_size);
void ring_free(struct ring *r);
/* Producer: a free slot to fill (waits for one); NULL once stopped. */
unsigned char *ring_claim(struct ring *r);
/* Producer: publishes n bytes in the claimed slot (none when 0); end as above. */
void ring_push(struct ring *r, size_t n, int end, const char *err);
/* Consumer: gives back the slot taken before, then >0 bytes at *p, 0 at the end, -1 on error
 * or once stopped (the reason copied to err). */
ssize_t ring_take(struct ring *r, const void **p, char *err, size_t errn);
void ring_stop(struct ring *r);
bool ring_stopped(struct ring *r);

/* The codecs, found by magic: gzip (ISA-L), zstd or plain. */
struct decomp;
struct decomp *decomp_new(struct layer_input *in, uint64_t max_bytes);
/* Up to cap uncompressed bytes into buf: >0 bytes, 0 at the end, -1 on error (decomp_error
 * says why): also the fill that goes past max_bytes, whose bytes are dropped. */
ssize_t decomp_fill(struct decomp *d, void *buf, size_t cap);
const char *decomp_error(const struct decomp *d);
bool decomp_is_plain(const struct decomp *d);
/* Whether stored bytes starting so may be compressed (short ones may). */
bool decomp_maybe_compressed(const void *first, size_t n);
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
	enum img_acctdb acctdb;    /* an account database: content parsed into accounts */
	const char *cache_dir;     /* KEEP_CACHE: which package cache */
};
void layer_classify(const char *path, enum img_ftype t, unsigned mode, struct keep_class *c);

/* Package files (collect/pkg_source.h) while a layer streams (layer_pkgs.c): a whole file's
 * content parsed into f->inv (an os-release into f->os); a note for a file not read; what an
 * earlier entry at path gave dropped (a duplicate entry replaces it). */
struct pkg_source;
void layer_pkgs_file(struct layer_facts *f, const struct pkg_source *s, const char *path,
                     const char *data, size_t len);
void layer_pkgs_note(struct layer_facts *f, const char *path, char *msg);
void layer_pkgs_drop(struct layer_facts *f, const char *path);
void layer_pkgs_free(struct layer_facts *f);

/* Streaming search for a private key block across chunk boundaries. */
struct keyscan { char tail[64]; size_t ntail; bool found; };
void keyscan_feed(struct keyscan *k, const char *p, size_t n);

/* Flags from a whole (small) file's content. */
bool shadow_has_hash(const char *s, size_t n);
bool dockercfg_has_auth(const char *s, size_t n);
#endif
