/* One comparator per scheme (util/vers_<scheme>.c), dispatched by util/vers.c. */
#ifndef BW_VERS_INT_H
#define BW_VERS_INT_H
#include <stdbool.h>
#include <stddef.h>

/* ASCII classes, whatever the locale. */
static inline bool vers_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool vers_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/* Two runs of digits as numbers of any length, leading zeros ignored (an empty run is 0):
 * -1, 0 or 1. */
int vers_num_cmp(const char *a, size_t an, const char *b, size_t bn);

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
