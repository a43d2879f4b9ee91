/* One layer: a tar stream (plain, gzip or zstd) turned into the facts the image rules need,
 * reading it once and keeping only the files a rule may report plus what visibility needs: a
 * set of 64-bit hashes of every entry's path and the layer's whiteouts. */
#ifndef BW_LAYER_H
#define BW_LAYER_H
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "model/finding.h"
#include "model/image_fs.h"

/* Lets the caller scan file contents (the secret engine). */
struct content_hook {
	void *(*open)(void *arg, const char *path);            /* NULL: do not scan this file */
	void (*feed)(void *state, const void *buf, size_t n);
	void (*close)(void *state, struct img_file *f);        /* adds f->secrets; frees state */
	void *arg;
	const char *id;          /* the scanner and its version: part of the layer cache key */
};

/* Where a layer's bytes (as stored: maybe compressed) come from. next() returns the size of the
 * next block at *p, 0 at the end, -1 on error after writing why into err. layer_scan may call it
 * from a thread of its own (one thread at a time): the input is not the caller's until then. */
struct layer_input {
	ssize_t (*next)(struct layer_input *in, const void **p);
	void *ctx;
	char err[256];
};

struct layer_opts {
	uint64_t max_bytes;        /* decompressed bytes; 0 = 8 GiB */
	size_t max_files;          /* kept files; 0 = 20000 */
	struct content_hook *hook;
	const char *image, *name;  /* for messages: the image and this layer */
	bool raw_digest;           /* also hash a compressed layer's stored bytes (a cost: only
	                            * when a digest was promised or the cache is on) */
};

struct layer_whiteout { char *path; bool opaque; };   /* opaque: hides the dir's lower content */

/* An os-release this layer holds, and a package file it holds but could not read fully (msg
 * says why; told only when the file is still in the final filesystem). */
struct layer_os { char *path; struct pkg_os os; };
struct layer_pkgnote { char *path, *msg; };

struct layer_facts {
	char *raw_digest;          /* "sha256:…" of the bytes as stored (the blob digest); NULL
	                            * for a compressed layer scanned without opts.raw_digest */
	char *digest;              /* "sha256:…" of the uncompressed tar */
	uint64_t bytes;            /* uncompressed */
	size_t entries;
	bool failed, capped;
	struct img_file *files; size_t nfiles, cap_files;    /* file.layer is set on assembly */
	struct layer_whiteout *wh; size_t nwh, cap_wh;
	uint64_t *set; size_t set_n, set_cap;  /* open addressing; low bit: the entry is a dir */
	struct img_cache *caches; size_t ncaches, cap_caches;
	size_t source_files;
	struct pkg_inv inv;        /* packages read from this layer's files (pkg.layer is 0) */
	struct layer_os *os; size_t nos, cap_os;
	struct layer_pkgnote *pnotes; size_t npnotes, cap_pnotes;
};

/* Scans one layer. Errors name o->image, o->name and the entry; returns -1 when the layer was
 * not read to its end (out->failed), 0 otherwise. */
int layer_scan(struct layer_input *in, const struct layer_opts *o, struct layer_facts *out,
               struct findings *errs);
/* Only the digest of the stored bytes (a cache hit): "sha256:…" or NULL with in->err set. */
char *layer_hash_only(struct layer_input *in);
void layer_facts_free(struct layer_facts *f);

/* The inventory of the final filesystem, from layers[0..n) (bottom first; NULL: a layer not
 * read): packages whose file no later layer deletes or replaces, the distribution from the
 * visible /etc/os-release (else /usr/lib/os-release), each OS package's ecosystem and purl.
 * Warnings (none when errs is NULL) name image and layer: a visible package file not read, an
 * unknown distribution. */
void layer_pkgs_assemble(const char *image, const struct layer_facts *const *layers, size_t n,
                         struct pkg_inv *out, struct findings *errs);

/* Path hash set. */
uint64_t layer_path_hash(const char *path, size_t len);
/* true if this layer has an entry at path; *isdir says whether it is a directory. */
bool layer_set_get(const struct layer_facts *f, uint64_t h, bool *isdir);
/* Returns true when h was already there. */
bool layer_set_put(struct layer_facts *f, uint64_t h, bool isdir);
/* Does layer `upper` delete, replace or hide path (kept in a lower layer)? An entry at the same
 * path replaces it, also a directory (whose metadata then comes from upper). */
bool layer_hides(const struct layer_facts *upper, const char *path, bool isdir);

/* "/a/b" from a tar name; -1 when ".." leaves the root. *absolute: the name started with '/'. */
int layer_norm_path(const char *name, char **out, bool *absolute);
#endif
