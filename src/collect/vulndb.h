/* The vulnerability store: OSV records in SQLite (`--db`, default
 * $XDG_DATA_HOME/bulwark/vulns.db). Imports are atomic: a reader sees the old data until the
 * new is complete, and a failed import leaves the old data as it was. */
#ifndef BW_VULNDB_H
#define BW_VULNDB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/vuln.h"

struct vulndb;

/* The default path, in buf; NULL when neither XDG_DATA_HOME nor HOME is set. */
const char *vulndb_default_path(char *buf, size_t n);

/* Opens an existing store read-only; NULL with a one-line reason in err when it is missing,
 * not a store, of a newer schema, or corrupt. */
struct vulndb *vulndb_open(const char *path, char *err, size_t errlen);
void vulndb_close(struct vulndb *db);

/* Every record that names package name in ecosystem, one vuln_rec per affected entry, into
 * a fresh array the caller frees with vuln_rec_clear and free. Returns how many, or -1 with a
 * reason in err. */
long vulndb_lookup(struct vulndb *db, const char *ecosystem, const char *name,
                   struct vuln_rec **out, char *err, size_t errlen);
/* How ecosystems match: the ecosystem string exactly (case and all), plus, when it has a
 * release suffix after its first ':', the records of the plain name. "Debian:12" finds
 * "Debian:12" and "Debian" (not "Debian:11"); "Alpine:v3.19" finds "Alpine:v3.19" and
 * "Alpine"; "Ubuntu:22.04:LTS" finds "Ubuntu:22.04:LTS" and "Ubuntu"; "PyPI" finds "PyPI"
 * only. Package names are matched exactly: normalizing them (PyPI's case and '-'/'_') is the
 * caller's. Withdrawn records are returned with withdrawn set: the caller skips them. */

struct vulndb_eco_status {
	char *ecosystem; uint64_t records; char *newest_modified;
	uint64_t withdrawn;   /* of records, how many are withdrawn */
};
/* Per ecosystem: how many records and the newest modified date. Caller frees with
 * vulndb_status_free. Returns how many, or -1 with a reason. */
long vulndb_status(struct vulndb *db, struct vulndb_eco_status **out, char *err, size_t errlen);
void vulndb_status_free(struct vulndb_eco_status *v, size_t n);
/* The newest modified date over all records (RFC 3339), for --max-db-age; NULL when empty. */
char *vulndb_newest(struct vulndb *db);

/* Imports OSV data from files: per-ecosystem all.zip archives, single record .json files, or
 * directories of them, into the store at path (created if missing), atomically. Returns the
 * number of records imported, or -1 with one clear error (naming the input and place) in err;
 * then the store is unchanged. */
long vulndb_import(const char *path, const char *const *inputs, size_t ninputs, char *err,
                   size_t errlen);

/* How vulndb_import_with treats what it reads. An archive that does not read to its end (bad
 * or truncated zip, CRC error), an input that cannot be read, or a named .json file that is
 * not a valid record fails the whole import. A record inside an archive or a directory that is
 * not a valid OSV record is skipped and reported through warn (its place and reason), and the
 * store keeps that record's previous copy if it had one: the rest of the data stays current.
 * An import replaces records by id: those in the import replace their old copies, every other
 * record of the old store is kept (OSV withdraws records rather than deleting them). */
struct vulndb_import_opts {
	void (*warn)(void *ctx, const char *msg);   /* NULL: skipped records are only counted */
	void *ctx;
	bool make_dir;     /* create the directories above path (mode 0700) when missing */
	unsigned long skipped;                       /* out: records skipped */
};
long vulndb_import_with(const char *path, const char *const *inputs, size_t ninputs,
                        struct vulndb_import_opts *o, char *err, size_t errlen);
#endif
