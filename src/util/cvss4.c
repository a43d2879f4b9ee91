/* CVSS v4.0 base score: not yet computed. */
#include "util/cvss.h"

double cvss4_base_score(const char *vector)
{
	(void)vector;
	return -1;
}
