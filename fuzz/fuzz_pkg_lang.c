/* libFuzzer target: the first byte picks a language-package parser, the rest is one file as the
 * layer walker hands it (NUL-terminated at its length); what was parsed is freed. */
#include "collect/pkg_lang_int.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	const char *path;   /* some parsers read the file name too (gemspec) */
	bool (*parse)(const char *, const char *, size_t, size_t, struct pkg_inv *, char *, size_t);
} parsers[] = {
	{ "/l/p.dist-info/METADATA", pkg_python_parse },
	{ "/a/node_modules/p/package.json", pkg_npm_package_parse },
	{ "/a/package-lock.json", pkg_npm_lock_parse },
	{ "/a/yarn.lock", pkg_yarn_lock_parse },
	{ "/v/vendor/composer/installed.json", pkg_composer_parse },
	{ "/g/specifications/x-1.0.gemspec", pkg_gemspec_parse },
	{ "/usr/bin/go-app", pkg_gobin_parse },
	{ "/usr/bin/rust-app", pkg_cargo_parse },
	{ "/opt/app.jar", pkg_jar_parse },
	{ "/usr/bin/any", pkg_binary_parse },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > (1u << 20))
		return 0;
	size_t which = data[0] % (sizeof parsers / sizeof *parsers), n = size - 1;
	char *text = malloc(n + 1);
	if (!text)
		return 0;
	memcpy(text, data + 1, n);
	text[n] = '\0';
	struct pkg_inv inv = { 0 };
	char err[256];
	parsers[which].parse(parsers[which].path, text, n, 0, &inv, err, sizeof err);
	pkg_inv_clear(&inv);
	free(text);
	return 0;
}
