/* Stored inventories, for `bulwark vulns --rematch`: each image scanned with --vulns keeps its
 * packages and the vulnerabilities they matched, by image id, in a SQLite file beside the
 * vulnerability store (PATH.inv). A separate file because db import replaces the store by
 * rename: tables inside it would be lost, and the store's schema stays as it is. */
#ifndef BW_INV_STORE_H
#define BW_INV_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "model/pkg.h"

struct inv_store;

/* One stored inventory. found: "package\x1fvuln id" keys, sorted (strcmp). */
struct inv_entry {
	char *digest, *ref;
	struct pkg_inv inv;
	char **found; size_t nfound;
};

/* Opens db_path's inventory file (db_path + ".inv"), creating it when create is set. NULL with
 * a reason in err; when it is missing and create is not set, err is "" (nothing stored yet). */
struct inv_store *inv_store_open(const char *db_path, bool create, char *err, size_t errlen);
/* Replaces the inventory of digest with inv and the found keys (any order). */
bool inv_store_save(struct inv_store *s, const char *digest, const char *ref, time_t when,
                    const struct pkg_inv *inv, char *const *found, size_t nfound, char *err,
                    size_t errlen);
/* The next stored inventory in digest order, into e (cleared first): 1, 0 at the end, -1 with
 * a reason. One inventory is in memory at a time. */
int inv_store_next(struct inv_store *s, struct inv_entry *e, char *err, size_t errlen);
/* Replaces the found keys of digest. */
bool inv_store_set_found(struct inv_store *s, const char *digest, char *const *found,
                         size_t nfound, char *err, size_t errlen);
void inv_entry_clear(struct inv_entry *e);
/* Commits what was written, closes. */
void inv_store_close(struct inv_store *s);
#endif
