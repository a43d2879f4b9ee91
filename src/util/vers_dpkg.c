/* Placeholder until the dpkg comparator lands: byte order, every version valid. */
#include "util/vers_int.h"
#include <string.h>

int vers_dpkg_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

bool vers_dpkg_valid(const char *v)
{
	return v && *v;
}
