/* Package URLs (github.com/package-url/purl-spec) for language packages. */
#ifndef BW_COLLECT_PKG_PURL_H
#define BW_COLLECT_PKG_PURL_H
#include "model/pkg.h"
#include "util/util.h"
#include <stdbool.h>
#include <stddef.h>

/* "pkg:pypi/django@4.2.1", "pkg:npm/%40types/node@20.1.0", "pkg:golang/github.com/a/b@v1.0.0",
 * "pkg:maven/org.x/y@1.0" (name "org.x:y"); a malloc'd string, or NULL for a non-language kind. */
char *pkg_purl(enum pkg_kind kind, const char *name, const char *version);
/* Appends s[0..n) percent-encoded as a purl segment: letters, digits and ".-_~" stay bare, and
 * '/' too when keep_slash; pypi first lowercases and writes '_' as '-'. */
void pkg_purl_enc(struct buf *b, const char *s, size_t n, bool keep_slash, bool pypi);
#endif
