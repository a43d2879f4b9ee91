/* PHP: vendor/composer/installed.json, Composer 1's array of packages or Composer 2's
 * {"packages": [...]}; each package's "name" ("vendor/name") and "version" as written. */
#include "collect/pkg_lang_int.h"
#include <jansson.h>
#include <stdio.h>

PKG_LANG_PARSE(pkg_composer_parse)
{
	json_error_t je;
	json_t *j = json_loadb(data, len, 0, &je);
	if (!j) {
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
		return false;
	}
	json_t *pkgs = json_is_array(j) ? j : json_object_get(j, "packages");
	bool ok = json_is_array(pkgs);
	if (!ok)
		snprintf(err, errlen, "neither a package array nor an object with \"packages\"");
	size_t i;
	json_t *p;
	json_array_foreach(ok ? pkgs : NULL, i, p)
		pkg_lang_add(inv, PKG_COMPOSER, json_string_value(json_object_get(p, "name")),
		             json_string_value(json_object_get(p, "version")), path, layer);
	json_decref(j);
	return ok;
}
