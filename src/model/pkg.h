/* What an image has installed: OS and language packages, read from the final filesystem in the
 * same layer pass as the image audit, or from an SBOM. Plain data; vuln.h holds what is known
 * about them. */
#ifndef BW_PKG_H
#define BW_PKG_H
#include <stdbool.h>
#include <stddef.h>
#include "util/vers.h"

struct vuln_rec;

enum pkg_kind {
	PKG_DPKG, PKG_APK, PKG_RPM,                         /* OS packages */
	PKG_PYPI, PKG_NPM, PKG_GO, PKG_MAVEN, PKG_GEM, PKG_CARGO, PKG_COMPOSER,
};

struct pkg {
	enum pkg_kind kind;
	char *name;            /* binary package name (dpkg/rpm/apk), or the language package's */
	char *version;         /* as installed: "1:2.36-9+deb12u4", "3.1.4-r5", "1.26.18" */
	char *source;          /* dpkg Source, apk origin, rpm source rpm name; NULL when the same */
	char *source_version;  /* dpkg: the source version ("2.36-9+deb12u4" without "+bN") */
	char *ecosystem;       /* OSV ecosystem: "Debian:12", "Alpine:v3.19", "PyPI", "npm", "Go" */
	char *purl;            /* package URL, for SBOMs: "pkg:deb/debian/libc6@2.36-9?arch=amd64" */
	char *arch;            /* OS packages: "amd64", "x86_64", "noarch"; NULL when not known */
	char *path;            /* the file it was read from, absolute in the image */
	size_t layer;          /* the layer that file came from (index into image_fs.layers) */
	enum vers_scheme scheme;
	/* Filled by the vulnerability collector: the records that name this package in its
	 * ecosystem (not yet judged against the version; rules decide). Owned by the inventory. */
	struct vuln_rec *cands; size_t ncands;
};

/* The distribution, from /etc/os-release (ID, VERSION_ID, VERSION_CODENAME). */
struct pkg_os {
	char *id;              /* "debian", "ubuntu", "alpine", "rhel", "rocky", "sles" … */
	char *version_id;      /* "12", "22.04", "3.19.1" */
	char *codename;        /* "bookworm" */
	char *ecosystem;       /* the OSV ecosystem of its packages: "Debian:12"; NULL if unknown */
	bool known;            /* false: the distribution is not one bulwark maps (say so) */
};

struct pkg_inv {
	struct pkg_os os;
	bool have_os;          /* an os-release was found */
	struct pkg *pkgs; size_t npkgs, cap;
	bool capped;           /* more packages than the collector keeps; a warning says so */
};

/* Adds a package; the strings are copied. Returns it, or NULL when the inventory is full. */
struct pkg *pkg_inv_add(struct pkg_inv *inv, enum pkg_kind kind, const char *name,
                        const char *version);
void pkg_inv_clear(struct pkg_inv *inv);          /* frees everything inv owns */
const char *pkg_kind_name(enum pkg_kind k);       /* "dpkg", "apk", "rpm", "pypi", "npm" … */
#endif
