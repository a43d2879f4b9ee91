/* What the language-package parsers share: one call that adds a package with its ecosystem,
 * version scheme, package URL, path and layer, and the parsers the table in pkg_lang.c names. */
#ifndef BW_COLLECT_PKG_LANG_INT_H
#define BW_COLLECT_PKG_LANG_INT_H
#include "collect/pkg_source.h"

/* Adds name@version of kind, read from path in layer. Empty or over-long names and versions,
 * or ones holding control bytes, are not packages: NULL, nothing added. For Maven, name is
 * "groupId:artifactId"; for npm a scope stays in the name ("@types/node"). */
struct pkg *pkg_lang_add(struct pkg_inv *inv, enum pkg_kind kind, const char *name,
                         const char *version, const char *path, size_t layer);

#define PKG_LANG_PARSE(fn)                                                                  \
	bool fn(const char *path, const char *data, size_t len, size_t layer,                  \
	        struct pkg_inv *inv, char *err, size_t errlen)
PKG_LANG_PARSE(pkg_python_parse);        /* pkg_python.c: METADATA, PKG-INFO */
PKG_LANG_PARSE(pkg_npm_package_parse);   /* pkg_npm.c: node_modules/…/package.json */
PKG_LANG_PARSE(pkg_npm_lock_parse);      /* pkg_npm.c: package-lock.json v1, v2, v3 */
PKG_LANG_PARSE(pkg_yarn_lock_parse);     /* pkg_yarn_lock.c: yarn.lock v1 and 2+ */
PKG_LANG_PARSE(pkg_binary_parse);        /* pkg_binary.c: Go build info, cargo-auditable */
PKG_LANG_PARSE(pkg_gobin_parse);         /* pkg_gobin.c: Go build info only */
PKG_LANG_PARSE(pkg_cargo_parse);         /* pkg_cargo.c: .dep-v0 only */
PKG_LANG_PARSE(pkg_jar_parse);           /* pkg_jar.c: pom.properties in jars, nested */
PKG_LANG_PARSE(pkg_gemspec_parse);       /* pkg_gemspec.c */
PKG_LANG_PARSE(pkg_composer_parse);      /* pkg_composer.c: vendor/composer/installed.json */
#endif
