/* Placeholder until the apk comparator lands: byte order, every version valid. */
#include "util/vers_int.h"
#include <string.h>

int vers_apk_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

bool vers_apk_valid(const char *v)
{
	return v && *v;
}
