/* npm: an installed package's package.json, and package-lock.json / npm-shrinkwrap.json in
 * lockfileVersion 1 (nested "dependencies") and 2/3 ("packages" keyed by install path). */
#include "collect/pkg_lang_int.h"
#include "util/util.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define LOCK_DEPTH_MAX 64   /* v1 nests a dependency per level; deeper is not a real tree */

static json_t *load(const char *data, size_t len, char *err, size_t errlen)
{
	json_error_t je;
	json_t *j = json_loadb(data, len, 0, &je);
	if (!j)
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
	else if (!json_is_object(j)) {
		snprintf(err, errlen, "not a JSON object");
		json_decref(j);
		j = NULL;
	}
	return j;
}

/* A package.json without both a name and a version describes nothing installed (a
 * subdirectory's {"type":"module"}); it is skipped, not an error. */
PKG_LANG_PARSE(pkg_npm_package_parse)
{
	json_t *j = load(data, len, err, errlen);
	if (!j)
		return false;
	const char *name = json_string_value(json_object_get(j, "name"));
	const char *version = json_string_value(json_object_get(j, "version"));
	if (name && version)
		pkg_lang_add(inv, PKG_NPM, name, version, path, layer);
	json_decref(j);
	return true;
}

/* Adds name@version unless the version is not a registry one (git, file:, a URL); an alias
 * "npm:real@1.2.3" adds the real package. */
static void add_locked(struct pkg_inv *inv, const char *name, const char *version,
                       const char *path, size_t layer)
{
	if (!name || !version)
		return;
	char *real = NULL;
	if (str_prefix(version, "npm:")) {
		const char *spec = version + 4, *at = strchr(spec + 1, '@');
		if (!at)
			return;
		real = xstrndup(spec, (size_t)(at - spec));
		name = real, version = at + 1;
	}
	if (*version >= '0' && *version <= '9')
		pkg_lang_add(inv, PKG_NPM, name, version, path, layer);
	free(real);
}

/* v2/v3: "node_modules/a/node_modules/@s/b" → "@s/b". Workspace links and the root are not
 * installed packages; dev-only ones are left to the package.json files of node_modules,
 * which list them when they were installed. */
static void lock_packages(json_t *pkgs, struct pkg_inv *inv, const char *path, size_t layer)
{
	const char *key;
	json_t *v;
	json_object_foreach(pkgs, key, v) {
		const char *nm = NULL;
		for (const char *p = key; (p = strstr(p, "node_modules/")); p++)
			nm = p;
		if (!nm || !json_is_object(v) || json_is_true(json_object_get(v, "link")) ||
		    json_is_true(json_object_get(v, "dev")))
			continue;
		const char *name = json_string_value(json_object_get(v, "name"));
		add_locked(inv, name ? name : nm + strlen("node_modules/"),
		           json_string_value(json_object_get(v, "version")), path, layer);
	}
}

/* v1: {"name": {"version": …, "dependencies": {…}}}, nested where versions conflict. */
static void lock_deps(json_t *deps, int depth, struct pkg_inv *inv, const char *path,
                      size_t layer)
{
	if (depth > LOCK_DEPTH_MAX)
		return;
	const char *key;
	json_t *v;
	json_object_foreach(deps, key, v) {
		if (!json_is_object(v) || json_is_true(json_object_get(v, "dev")))
			continue;
		add_locked(inv, key, json_string_value(json_object_get(v, "version")), path, layer);
		json_t *sub = json_object_get(v, "dependencies");
		if (json_is_object(sub))
			lock_deps(sub, depth + 1, inv, path, layer);
	}
}

PKG_LANG_PARSE(pkg_npm_lock_parse)
{
	json_t *j = load(data, len, err, errlen);
	if (!j)
		return false;
	json_t *pkgs = json_object_get(j, "packages"), *deps = json_object_get(j, "dependencies");
	if (json_is_object(pkgs))
		lock_packages(pkgs, inv, path, layer);
	else if (json_is_object(deps))
		lock_deps(deps, 0, inv, path, layer);
	json_decref(j);
	return true;
}
