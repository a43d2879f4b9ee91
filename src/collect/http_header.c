/* One HTTP response header line. */
#include "collect/http_header.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

bool http_header(const char *line, size_t n, const char *name, const char **v, size_t *vlen)
{
	size_t k = strlen(name);
	if (n <= k || strncasecmp(line, name, k) || line[k] != ':')
		return false;
	const char *b = line + k + 1, *e = line + n;
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	*v = b;
	*vlen = (size_t)(e - b);
	return true;
}
