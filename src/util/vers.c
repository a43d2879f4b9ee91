/* Dispatch to the scheme's comparator, and the comparison of digit runs several share. */
#include "util/vers.h"
#include "util/vers_int.h"
#include <string.h>

int vers_cmp(enum vers_scheme s, const char *a, const char *b)
{
	switch (s) {
	case VERS_DPKG: return vers_dpkg_cmp(a, b);
	case VERS_RPM: return vers_rpm_cmp(a, b);
	case VERS_APK: return vers_apk_cmp(a, b);
	case VERS_PEP440: return vers_pep440_cmp(a, b);
	case VERS_SEMVER: return vers_semver_cmp(a, b);
	case VERS_MAVEN: return vers_maven_cmp(a, b);
	case VERS_GEM: return vers_gem_cmp(a, b);
	}
	return 0;
}

bool vers_valid(enum vers_scheme s, const char *v)
{
	switch (s) {
	case VERS_DPKG: return vers_dpkg_valid(v);
	case VERS_RPM: return vers_rpm_valid(v);
	case VERS_APK: return vers_apk_valid(v);
	case VERS_PEP440: return vers_pep440_valid(v);
	case VERS_SEMVER: return vers_semver_valid(v);
	case VERS_MAVEN: return vers_maven_valid(v);
	case VERS_GEM: return vers_gem_valid(v);
	}
	return false;
}

int vers_num_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	while (an && *a == '0')
		a++, an--;
	while (bn && *b == '0')
		b++, bn--;
	if (an != bn)
		return an < bn ? -1 : 1;
	int c = an ? memcmp(a, b, an) : 0;
	return (c > 0) - (c < 0);
}
