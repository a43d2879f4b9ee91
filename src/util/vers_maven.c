/* Placeholder until the maven comparator lands: byte order, every version valid. */
#include "util/vers_int.h"
#include <string.h>

int vers_maven_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

bool vers_maven_valid(const char *v)
{
	return v && *v;
}
