/* One comparator per scheme (util/vers_<scheme>.c), dispatched by util/vers.c. */
#ifndef BW_VERS_INT_H
#define BW_VERS_INT_H
#include <stdbool.h>

int vers_dpkg_cmp(const char *a, const char *b);
int vers_rpm_cmp(const char *a, const char *b);
int vers_apk_cmp(const char *a, const char *b);
int vers_pep440_cmp(const char *a, const char *b);
int vers_semver_cmp(const char *a, const char *b);
int vers_maven_cmp(const char *a, const char *b);
int vers_gem_cmp(const char *a, const char *b);
bool vers_dpkg_valid(const char *v);
bool vers_rpm_valid(const char *v);
bool vers_apk_valid(const char *v);
bool vers_pep440_valid(const char *v);
bool vers_semver_valid(const char *v);
bool vers_maven_valid(const char *v);
bool vers_gem_valid(const char *v);
#endif
