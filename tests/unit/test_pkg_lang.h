/* Shared by the language-package tests (test_pkg_lang.c, test_pkg_bin.c). */
#ifndef BW_TEST_PKG_LANG_H
#define BW_TEST_PKG_LANG_H
#include "model/pkg.h"
#include <stdbool.h>
#include <stddef.h>

/* One "kind name version purl" line per package; malloc'd. */
char *pkg_lines(const struct pkg_inv *inv);
/* Parses data as the source that wants path would (in layer 3) and compares the package lines
 * with want and the error with want_err (NULL: the parse must succeed). Prints a diff. */
bool pkg_parse_as(const char *path, unsigned mode, const char *data, size_t len,
                  const char *want, const char *want_err);
#endif
