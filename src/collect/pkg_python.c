/* Python distributions: the Name and Version headers of a dist-info METADATA or egg-info
 * PKG-INFO (core metadata, RFC 822 style; the headers end at the first blank line and the
 * description follows). The name is kept as written ("Django", "zope.interface"); PyPI
 * compares names after PEP 503 normalisation, which the package URL carries. */
#include "collect/pkg_lang_int.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

#define FIELD_MAX 512

/* The value of header "key" on this line (key case-insensitive), trimmed, into out. */
static bool header(const char *line, size_t n, const char *key, char *out)
{
	size_t k = strlen(key);
	if (n <= k || strncasecmp(line, key, k) != 0 || line[k] != ':')
		return false;
	const char *v = line + k + 1, *e = line + n;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	size_t m = (size_t)(e - v) < FIELD_MAX - 1 ? (size_t)(e - v) : FIELD_MAX - 1;
	memcpy(out, v, m);
	out[m] = '\0';
	return true;
}

PKG_LANG_PARSE(pkg_python_parse)
{
	char name[FIELD_MAX] = "", version[FIELD_MAX] = "";
	for (const char *p = data, *end = data + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n == 0 || (n == 1 && *p == '\r'))
			break;   /* the body (long description) follows: no more headers */
		if (!*name)
			header(p, n, "Name", name);
		if (!*version)
			header(p, n, "Version", version);
		p += n + 1;
	}
	if (!*name || !*version) {
		snprintf(err, errlen, "no %s header in the metadata", *name ? "Version" : "Name");
		return false;
	}
	pkg_lang_add(inv, PKG_PYPI, name, version, path, layer);
	return true;
}
