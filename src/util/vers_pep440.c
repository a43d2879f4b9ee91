/* Placeholder until the pep440 comparator lands: byte order, every version valid. */
#include "util/vers_int.h"
#include <string.h>

int vers_pep440_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

bool vers_pep440_valid(const char *v)
{
	return v && *v;
}
