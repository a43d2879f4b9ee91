/* `bulwark db update`: fetch OSV's archives, then import what changed into the store. */
#ifndef BW_DB_UPDATE_H
#define BW_DB_UPDATE_H
#include <stddef.h>
#include <stdint.h>

struct db_update_opts {
	const char *db;                   /* the store; NULL: the default path */
	const char *source;               /* the base URL; NULL: OSV's public bucket */
	const char *cacert;               /* a CA bundle for the source, or NULL */
	const char *const *ecosystems;    /* NULL: db_update_default_ecosystems */
	size_t necosystems;
	uint64_t max_bytes;               /* per archive; 0: 4 GiB */
};

extern const char *const db_update_default_ecosystems[];
/* 0 when every archive was fetched (or unchanged) and imported, 2 on any error (the store then
 * holds its old data for what failed; what succeeded is imported). */
int pipeline_db_update(const struct db_update_opts *o);
#endif
