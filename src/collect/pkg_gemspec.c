/* Ruby: an installed gem's specification (specifications/NAME-VERSION.gemspec), the Ruby that
 * RubyGems writes: `Gem::Specification.new do |s|` then `s.name = "rake".freeze` and
 * `s.version = "13.0.6"`. Read as text, never evaluated: the first `X.name = "…"` and
 * `X.version = "…"` lines (any receiver; single or double quotes, or %q{…}); when a line is missing, the
 * file name NAME-VERSION.gemspec gives it, as RubyGems itself names the file. */
#include "collect/pkg_lang_int.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define FIELD_MAX 256

/* "  s.name = \"x\".freeze" with field "name" → x. */
static bool assign(const char *line, size_t n, const char *field, char *out)
{
	size_t i = 0, k = strlen(field);
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	size_t id = i;
	while (i < n && (isalnum((unsigned char)line[i]) || line[i] == '_'))
		i++;
	if (i == id || i + 1 + k > n || line[i] != '.' || strncmp(line + i + 1, field, k) != 0)
		return false;
	i += 1 + k;
	while (i < n && line[i] == ' ')
		i++;
	if (i + 1 >= n || line[i] != '=' || line[i + 1] == '=')
		return false;
	for (i++; i < n && line[i] == ' '; i++)
		;
	char close = i < n ? line[i] : 0;
	if (close == '%' && i + 2 < n && line[i + 1] == 'q' && line[i + 2] == '{')
		i += 2, close = '}';   /* %q{rake}, as RubyGems before 2.0 wrote it */
	else if (close != '"' && close != '\'')
		return false;
	const char *q = memchr(line + i + 1, close, n - i - 1);
	size_t m = q ? (size_t)(q - line - i - 1) : 0;
	if (!q || !m || m >= FIELD_MAX)
		return false;
	memcpy(out, line + i + 1, m);
	out[m] = '\0';
	return true;
}

/* NAME-VERSION from the file name: the version starts after the last '-' before a digit. */
static void from_file_name(const char *b, char *name, char *version)
{
	size_t n = strlen(b) - strlen(".gemspec");
	for (size_t i = n; i-- > 1;)
		if (b[i] == '-' && isdigit((unsigned char)b[i + 1]) && i < FIELD_MAX && n - i < FIELD_MAX) {
			if (!*name)
				memcpy(name, b, i), name[i] = '\0';
			if (!*version)
				memcpy(version, b + i + 1, n - i - 1), version[n - i - 1] = '\0';
			return;
		}
}

PKG_LANG_PARSE(pkg_gemspec_parse)
{
	char name[FIELD_MAX] = "", version[FIELD_MAX] = "";
	for (const char *p = data, *end = data + len; p < end && (!*name || !*version);) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!*name)
			assign(p, n, "name", name);
		if (!*version)
			assign(p, n, "version", version);
		p += n + 1;
	}
	const char *base = strrchr(path, '/');
	if (base && strlen(base) > strlen("/.gemspec") && str_suffix(base, ".gemspec"))
		from_file_name(base + 1, name, version);
	if (!*name || !*version) {
		snprintf(err, errlen, "no gem name and version in the specification or its file name");
		return false;
	}
	pkg_lang_add(inv, PKG_GEM, name, version, path, layer);
	return true;
}
