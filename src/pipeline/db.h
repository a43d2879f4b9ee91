/* bulwark db: the vulnerability store's import and status. */
#ifndef BW_PIPELINE_DB_H
#define BW_PIPELINE_DB_H
#include <stddef.h>

/* db NULL: the default store (its directory created 0700 when missing). Each returns the exit
 * status: 0 done, 2 an input or store error (a failed import leaves the store unchanged; a
 * skipped malformed record is an input error too, but the rest is imported). */
int pipeline_db_import(const char *db, char **inputs, size_t n);
int pipeline_db_status(const char *db);
#endif
