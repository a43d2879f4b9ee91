/* purl types to bulwark's package kinds and OSV ecosystems. OS packages take their ecosystem
 * from the distro qualifier ("debian-12", "alpine-3.19.1") when it is there. */
#include "collect/distro.h"
#include "collect/sbom_read.h"
#include "util/purl.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *type;
	enum pkg_kind kind;
	enum vers_scheme scheme;
	const char *ecosystem;     /* NULL: a distribution's, from the distro */
	char join;                 /* namespace and name joined by it into the name; 0: name only */
} types[] = {
	{ "deb", PKG_DPKG, VERS_DPKG, NULL, 0 },
	{ "apk", PKG_APK, VERS_APK, NULL, 0 },
	{ "rpm", PKG_RPM, VERS_RPM, NULL, 0 },
	{ "pypi", PKG_PYPI, VERS_PEP440, "PyPI", 0 },
	{ "npm", PKG_NPM, VERS_SEMVER, "npm", '/' },
	{ "golang", PKG_GO, VERS_SEMVER, "Go", '/' },
	{ "maven", PKG_MAVEN, VERS_MAVEN, "Maven", ':' },
	{ "gem", PKG_GEM, VERS_GEM, "RubyGems", 0 },
	{ "cargo", PKG_CARGO, VERS_SEMVER, "crates.io", 0 },
	{ "composer", PKG_COMPOSER, VERS_SEMVER, "Packagist", '/' },
};

/* The leading "N" or "N.M" of a version; n: how many parts. */
/* "debian-12.4" -> "Debian:12"; without a distro qualifier, NULL (the SBOM's OS decides). */
static char *os_ecosystem(const struct purl *u)
{
	const char *d = purl_qualifier(u, "distro");
	if (!d)
		return NULL;
	const char *dash = strrchr(d, '-');
	if (!dash)
		return NULL;
	char *id = xstrndup(d, (size_t)(dash - d));
	char *e = distro_ecosystem(id, dash + 1, NULL, NULL);
	free(id);
	return e;
}

/* syft's upstream qualifier: "glibc" or "glibc@2.36-9"; dpkg's source version drops "+bN". */
static void source(struct pkg *p, const struct purl *u)
{
	const char *up = purl_qualifier(u, "upstream");
	if (up && *up) {
		const char *at = strchr(up, '@');
		p->source = at ? xstrndup(up, (size_t)(at - up)) : xstrdup(up);
		if (at && at[1])
			p->source_version = xstrdup(at + 1);
	}
	if (p->kind == PKG_DPKG && !p->source_version) {
		const char *b = strstr(p->version, "+b");
		size_t n = strlen(p->version);
		if (b && b[2] && strspn(b + 2, "0123456789") == strlen(b + 2))
			n = (size_t)(b - p->version);
		p->source_version = xstrndup(p->version, n);
	}
}

struct pkg *sbom_pkg_from_purl(struct pkg_inv *inv, const char *purl, const char *version)
{
	struct purl u;
	if (!purl || purl_parse(purl, &u))
		return NULL;
	size_t t = 0, nt = sizeof types / sizeof *types;
	while (t < nt && strcmp(types[t].type, u.type))
		t++;
	struct pkg *p = NULL;
	if (t < nt) {
		char *name = types[t].join && u.namespace
		           ? xasprintf("%s%c%s", u.namespace, types[t].join, u.name) : xstrdup(u.name);
		p = pkg_inv_add(inv, types[t].kind, name, u.version ? u.version : version);
		free(name);
	}
	if (p) {
		p->scheme = types[t].scheme;
		p->purl = xstrdup(purl);
		p->ecosystem = types[t].ecosystem ? xstrdup(types[t].ecosystem) : os_ecosystem(&u);
		source(p, &u);
	}
	purl_free(&u);
	return p;
}
