/* yarn.lock: v1 ("lodash@^4.17.0", "lodash@^4.17.21":\n  version "4.17.21") and the YAML of
 * yarn 2+ ("lodash@npm:^4.17.21":\n  version: 4.17.21), read line by line: an unindented
 * line ending in ':' opens an entry named by its first specifier, an indented version line
 * gives the version; an alias "x@npm:real@^1" is the real package. Workspace entries (0.0.0-use.local) and non-registry ones are skipped. */
#include "collect/pkg_lang_int.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

#define LINE_MAX_LEN 4096

/* The package name of "\"@s/n@^1.0\", …:" into name ("" when the line is no entry). An alias
 * "alias@npm:real@^1.0" names the real package. */
static void entry_name(const char *line, size_t n, char *name, size_t cap)
{
	*name = '\0';
	if (n < 2 || line[n - 1] != ':' || line[0] == '#' || line[0] == ' ')
		return;
	const char *s = line + (*line == '"');
	const char *e = s + strcspn(s, ",\"\n");   /* the first specifier */
	if (e > line + n - 1)
		e = line + n - 1;
	const char *at = s < e ? memchr(s + 1, '@', (size_t)(e - s - 1)) : NULL;
	if (at && (size_t)(e - at) > 5 && memcmp(at + 1, "npm:", 4) == 0) {
		const char *r = at + 5, *at2 = r < e ? memchr(r + 1, '@', (size_t)(e - r - 1)) : NULL;
		if (at2)
			s = r, at = at2;
	}
	if (!at || (size_t)(at - s) >= cap)
		return;
	memcpy(name, s, (size_t)(at - s));
	name[at - s] = '\0';
}

/* The version of "  version \"1.2.3\"" or "  version: 1.2.3" into out. */
static bool version_line(const char *line, size_t n, char *out, size_t cap)
{
	size_t i = 0;
	while (i < n && line[i] == ' ')
		i++;
	if (i == 0 || n - i < 8 || strncmp(line + i, "version", 7) != 0)
		return false;
	i += 7;
	if (i < n && line[i] == ':')
		i++;
	if (i >= n || line[i] != ' ')
		return false;
	while (i < n && (line[i] == ' ' || line[i] == '"'))
		i++;
	size_t e = n;
	while (e > i && (line[e - 1] == '"' || line[e - 1] == ' ' || line[e - 1] == '\r'))
		e--;
	if (e <= i || e - i >= cap)
		return false;
	memcpy(out, line + i, e - i);
	out[e - i] = '\0';
	return true;
}

PKG_LANG_PARSE(pkg_yarn_lock_parse)
{
	(void)err, (void)errlen;
	char name[LINE_MAX_LEN] = "", version[256];
	for (const char *p = data, *end = data + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n && *p != ' ')
			entry_name(p, n, name, sizeof name);
		else if (*name && version_line(p, n, version, sizeof version)) {
			if (*version >= '0' && *version <= '9' && !strstr(version, "-use.local"))
				pkg_lang_add(inv, PKG_NPM, name, version, path, layer);
			*name = '\0';   /* one version per entry */
		}
		p = nl ? nl + 1 : end;
	}
	return true;
}
