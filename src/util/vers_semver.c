/* Placeholder until the semver comparator lands: byte order, every version valid. */
#include "util/vers_int.h"
#include <string.h>

int vers_semver_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

bool vers_semver_valid(const char *v)
{
	return v && *v;
}
