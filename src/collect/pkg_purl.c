/* Package URLs for language packages: the type per ecosystem, the spec's name normalisation
 * (PyPI lowercases and writes '_' as '-'), each segment percent-encoded. */
#include "collect/pkg_purl.h"
#include "util/util.h"
#include <ctype.h>
#include <string.h>

void pkg_purl_enc(struct buf *b, const char *s, size_t n, bool keep_slash, bool pypi)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (pypi)
			c = c == '_' ? '-' : (unsigned char)tolower(c);
		if (isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~' || (keep_slash && c == '/'))
			buf_addc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

char *pkg_purl(enum pkg_kind kind, const char *name, const char *version)
{
	static const char *const type[] = { [PKG_PYPI] = "pypi", [PKG_NPM] = "npm",
		[PKG_GO] = "golang", [PKG_MAVEN] = "maven", [PKG_GEM] = "gem", [PKG_CARGO] = "cargo",
		[PKG_COMPOSER] = "composer" };
	if (kind < PKG_PYPI || kind > PKG_COMPOSER)
		return NULL;
	struct buf b = { 0 };
	buf_printf(&b, "pkg:%s/", type[kind]);
	const char *colon = kind == PKG_MAVEN ? strchr(name, ':') : NULL;
	if (colon) {   /* groupId is the namespace */
		pkg_purl_enc(&b, name, (size_t)(colon - name), false, false);
		buf_addc(&b, '/');
		pkg_purl_enc(&b, colon + 1, strlen(colon + 1), false, false);
	} else {
		/* npm's scope, Go's module path and Composer's vendor are '/'-separated segments. */
		bool slash = kind == PKG_NPM || kind == PKG_GO || kind == PKG_COMPOSER;
		pkg_purl_enc(&b, name, strlen(name), slash, kind == PKG_PYPI);
	}
	buf_addc(&b, '@');
	pkg_purl_enc(&b, version, strlen(version), false, false);
	return buf_take(&b);
}
