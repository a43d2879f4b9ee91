/* Package URLs (github.com/package-url/purl-spec) for language packages. */
#ifndef BW_COLLECT_PKG_PURL_H
#define BW_COLLECT_PKG_PURL_H
#include "model/pkg.h"

/* "pkg:pypi/django@4.2.1", "pkg:npm/%40types/node@20.1.0", "pkg:golang/github.com/a/b@v1.0.0",
 * "pkg:maven/org.x/y@1.0" (name "org.x:y"); a malloc'd string, or NULL for a non-language kind. */
char *pkg_purl(enum pkg_kind kind, const char *name, const char *version);
#endif
