/* An executable may carry Go build info or a cargo-auditable dependency list (a Rust binary
 * built with cargo-auditable has no Go header, and the reverse): both are looked for. */
#include "collect/pkg_lang_int.h"
#include <string.h>

PKG_LANG_PARSE(pkg_binary_parse)
{
	if (len < 4 || memcmp(data, "\177ELF", 4) != 0)
		return true;   /* a script, or another format: nothing to read */
	bool ok = pkg_gobin_parse(path, data, len, layer, inv, err, errlen);
	return pkg_cargo_parse(path, data, len, layer, inv, err, errlen) && ok;
}
