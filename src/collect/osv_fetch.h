/* Downloads OSV's per-ecosystem archives (<base>/<ecosystem>/all.zip) into a cache directory
 * over HTTPS: TLS verified, the proxy variables honoured (libcurl reads them), a conditional GET
 * so an unchanged archive is not fetched again, and a broken transfer resumed where it stopped
 * on the next run. */
#ifndef BW_OSV_FETCH_H
#define BW_OSV_FETCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OSV_DEFAULT_SOURCE "https://osv-vulnerabilities.storage.googleapis.com"

struct osv_fetch_opts {
	const char *base;      /* the source URL; https only (OSV_DEFAULT_SOURCE when NULL) */
	const char *cacert;    /* a CA bundle to verify the server with, or NULL for the system's */
	const char *dir;       /* the cache directory; must exist */
	uint64_t max_bytes;    /* an archive larger than this is refused */
};

enum osv_fetched { OSV_FAILED = -1, OSV_UNCHANGED = 0, OSV_NEW = 1 };

struct osv_fetch_result {
	char path[4096];       /* the complete archive in dir (also when unchanged) */
	uint64_t bytes;        /* received in this run */
	bool resumed;          /* continued a broken transfer */
	long status;           /* the HTTP status of the last response */
};

/* Fetches one ecosystem's archive ("Debian", "PyPI", "Rocky Linux"). On failure the complete
 * archive of an earlier run stays as it was, and what arrived of this one is kept to resume. */
enum osv_fetched osv_fetch(const struct osv_fetch_opts *o, const char *ecosystem,
                           struct osv_fetch_result *r, char *err, size_t errlen);
#endif
