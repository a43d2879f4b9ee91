/* An image's layers and the files in them that the image rules look at. The collector streams
 * every layer once and keeps only what a rule may report (see collect/layer.h); rules read this
 * and nothing else. */
#ifndef BW_IMAGE_FS_H
#define BW_IMAGE_FS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/finding.h"
#include "model/pkg.h"

/* A secret the engine found in a file's content; evidence is already redacted as asked. */
struct img_secret { char *kind_id, *kind_name; enum severity severity; int line; char *evidence; };

enum img_ftype { IMG_FILE, IMG_DIR, IMG_SYMLINK, IMG_HARDLINK, IMG_OTHER };

/* Facts the collector establishes from content while streaming it. */
enum {
	IMGF_PRIVATE_KEY = 1 << 0,   /* holds a PEM/OpenSSH/PGP private key block */
	IMGF_SHADOW_HASH = 1 << 1,   /* a shadow/passwd-style file with at least one password hash */
	IMGF_DOCKER_AUTH = 1 << 2,   /* a docker config.json with an "auths" credential */
	IMGF_TRUNCATED   = 1 << 3,   /* content only partly read (over the per-file scan cap) */
	IMGF_ACCOUNTS_SKIPPED = 1 << 4,   /* an account file too big to parse: no accounts */
};

/* Which account database a file is: its entries are parsed into img_file.accounts. */
enum img_acctdb { ACCT_NONE, ACCT_PASSWD, ACCT_GROUP, ACCT_SHADOW };

/* One entry of /etc/passwd or /etc/group (name and numeric id), or of /etc/shadow or
 * /etc/master.passwd (name and whether the password field is empty). */
struct img_account {
	char *name;
	unsigned id;
	bool has_id;           /* passwd/group: the id field is a number */
	bool empty_password;   /* shadow: the password field is empty, no password at all */
	int line;
};

struct img_file {
	char *path;            /* absolute inside the image, normalised: "/etc/shadow" */
	enum img_ftype type;
	unsigned mode;         /* 07777 bits: permissions, setuid, setgid, sticky */
	unsigned uid, gid;
	int64_t size;
	char *link;            /* symlink or hard-link target; NULL otherwise */
	size_t layer;          /* index into image_fs.layers */
	bool visible;          /* still in the final filesystem: no later layer deletes or replaces it */
	size_t hidden_by;      /* when not visible: the layer that deletes or replaces it */
	bool binary;           /* NUL in the first 8 KiB: its content was not secret-scanned */
	unsigned flags;        /* IMGF_* */
	struct img_secret *secrets; size_t nsecrets;
	enum img_acctdb acctdb;
	struct img_account *accounts; size_t naccounts;
};

/* A package manager cache a layer leaves behind: a few of its files are kept, all are counted. */
struct img_cache { char *dir; size_t files; uint64_t bytes; };

struct img_layer {
	char *diff_id;         /* "sha256:…" the image config promises (rootfs.diff_ids) */
	char *digest;          /* "sha256:…" computed over the uncompressed tar while streaming */
	char *created_by;      /* the history line that made this layer, or NULL */
	bool verified;         /* digest equals diff_id */
	bool cached;           /* facts came from the layer cache, not a fresh scan */
	bool failed;           /* not read completely; the error is among the input errors */
	uint64_t bytes;        /* uncompressed tar bytes */
	size_t entries;
	struct img_cache *caches; size_t ncaches;
	size_t source_files;   /* compiled-language sources in this layer (at most 50 are kept) */
};

struct image_fs {
	struct img_layer *layers; size_t nlayers;
	struct img_file *files; size_t nfiles;   /* the files kept, in layer order */
	bool files_capped;     /* more interesting files than the collector keeps */
	struct pkg_inv inv;    /* the final filesystem's packages (collect/pkg_source.h) */
};

void image_fs_free(struct image_fs *fs);
void img_file_clear(struct img_file *f);      /* frees what f owns */
void img_layer_clear(struct img_layer *l);
/* Deep-copies from's accounts into to, which holds none yet. */
void img_accounts_copy(struct img_file *to, const struct img_file *from);
#endif
