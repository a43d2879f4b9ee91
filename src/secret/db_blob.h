/* The pattern set as vectorscan expressions, and the database compiled from it at build time
 * (scripts/gen-secret-db.c writes $(BUILD)/gen/secret_db_blob.c). */
#ifndef BW_SECRET_DB_BLOB_H
#define BW_SECRET_DB_BLOB_H
#include "secret/secret_int.h"

#define SECRET_DB_MODE HS_MODE_STREAM

/* expr[i] with flags[i] reports id ids[i] == i (the index in g_kdefs). */
struct secret_exprs {
	char **expr;
	unsigned *flags, *ids;
	size_t n;
	uint64_t hash;            /* FNV-1a of the mode, every expression, flag and id */
};
/* Renders every kind and fills in its shapes and context sizes (g_kdefs, g_margin): call once
 * per process. False (err set) when a shape does not parse. */
bool secret_exprs_build(struct secret_exprs *x, char *err, size_t errlen);
void secret_exprs_free(struct secret_exprs *x);
bool secret_exprs_compile(const struct secret_exprs *x, hs_database_t **db, char *err, size_t errlen);

/* The database as it lies in memory once deserialized (at a 64-byte aligned address), usable in
 * place: deserializing copies and checksums it, about a millisecond at every start. It fits only
 * the pattern set, vectorscan version and CPU features it was compiled for; the probe, a tiny
 * database serialized by the same compiler on the same platform, lets the runtime library's own
 * deserializer judge the last two. */
struct secret_db_blob {
	const char *image;
	size_t len;               /* 0: none embedded */
	uint64_t hash;            /* struct secret_exprs.hash it was compiled from */
	const char *probe;        /* serialized */
	size_t probe_len;
};
extern const struct secret_db_blob g_secret_db_blob;
#endif
