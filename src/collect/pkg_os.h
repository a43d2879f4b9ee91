/* The OS package databases and /etc/os-release: their parsers (the parse of pkg_sources_os[],
 * callable alone for tests and fuzzing), and what the final distribution adds to the packages
 * read from them. */
#ifndef BW_PKG_OS_H
#define BW_PKG_OS_H
#include <stdbool.h>
#include <stddef.h>
#include "model/pkg.h"

/* The parse signature of struct pkg_source. */
#define PKG_PARSE_ARGS const char *path, const char *data, size_t len, size_t layer, \
                       struct pkg_inv *inv, char *err, size_t errlen
bool pkg_dpkg_parse(PKG_PARSE_ARGS);     /* status (Status: installed only) and status.d/ */
bool pkg_apk_parse(PKG_PARSE_ARGS);      /* /lib/apk/db/installed */
bool pkg_rpmdb_parse(PKG_PARSE_ARGS);    /* rpmdb.sqlite */
bool pkg_rpm_bdb_parse(PKG_PARSE_ARGS);  /* Packages: Berkeley DB hash */
bool pkg_rpm_ndb_parse(PKG_PARSE_ARGS);  /* Packages.db: ndb */
bool pkg_osrel_parse(PKG_PARSE_ARGS);    /* os-release: fills inv->os, have_os */

/* Longest name, version, source or architecture kept: a longer field makes its entry malformed. */
#define PKG_FIELD_MAX 512u

/* A field to keep: at most PKG_FIELD_MAX bytes, no NUL (empty only when may_be_empty). */
bool pkg_field_ok(const char *s, size_t n, bool may_be_empty);

/* One line of a text database: [s, s+n) without its "\n" or "\r\n"; *line counts from 1.
 * Returns false at the end. */
struct pkg_lines { const char *p, *end; int line; };
bool pkg_next_line(struct pkg_lines *l, const char **s, size_t *n);

/* Records the first fault of a file in err (printf-style); later ones are dropped. */
void pkg_fault(char *err, size_t errlen, bool *faulted, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Sets each OS package's ecosystem (inv->os.ecosystem) and purl from the final distribution. */
void pkg_os_label(struct pkg_inv *inv);
#endif
