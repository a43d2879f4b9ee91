/* Version comparison per package ecosystem, each written from its specification. */
#ifndef BW_VERS_H
#define BW_VERS_H
#include <stdbool.h>
#include <stddef.h>

enum vers_scheme {
	VERS_DPKG,     /* Debian policy 5.6.12: [epoch:]upstream[-revision], ~ sorts first */
	VERS_RPM,      /* rpmvercmp, with epoch:version-release and ~ / ^ */
	VERS_APK,      /* apk-tools' version.c: 1.2.3_rc1-r4 */
	VERS_PEP440,   /* PyPI */
	VERS_SEMVER,   /* SemVer 2.0.0: npm, crates.io; a leading "v" is accepted (Go) */
	VERS_MAVEN,    /* Maven's ComparableVersion */
	VERS_GEM,      /* RubyGems' Gem::Version */
};

/* <0, 0 or >0 as a sorts before, equal to or after b. A version the scheme cannot read sorts
 * by the scheme's own fallback (each comparator documents it); vers_valid tells them apart. */
int vers_cmp(enum vers_scheme s, const char *a, const char *b);
bool vers_valid(enum vers_scheme s, const char *v);

/* Length of the source version within a Debian binary version: v without a binNMU suffix
 * "+bN" (1.2-3+b1 -> 1.2-3), strlen(v) when it has none. */
size_t vers_dpkg_strip_binnmu(const char *v);
#endif
