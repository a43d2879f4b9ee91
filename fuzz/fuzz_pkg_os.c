/* libFuzzer target: the bytes are a package database's content (the layer walker reads a dpkg
 * status or status.d file, an apk installed db, an rpmdb.sqlite, a Berkeley DB or ndb rpm
 * Packages file or an os-release whole), parsed by each OS parser. */
#include "collect/pkg_os.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef bool parse_fn(PKG_PARSE_ARGS);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct { parse_fn *fn; const char *path; } p[] = {
		{ pkg_dpkg_parse, "/var/lib/dpkg/status" },
		{ pkg_dpkg_parse, "/var/lib/dpkg/status.d/x" },
		{ pkg_apk_parse, "/lib/apk/db/installed" },
		{ pkg_rpmdb_parse, "/var/lib/rpm/rpmdb.sqlite" },
		{ pkg_rpm_bdb_parse, "/var/lib/rpm/Packages" },
		{ pkg_rpm_ndb_parse, "/var/lib/rpm/Packages.db" },
		{ pkg_osrel_parse, "/etc/os-release" },
	};
	/* The walker hands over a NUL-terminated copy. */
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
		struct pkg_inv inv = { 0 };
		char err[256];
		p[i].fn(p[i].path, s, size, 1, &inv, err, sizeof err);
		for (size_t k = 0; k < inv.npkgs; k++)
			if (!inv.pkgs[k].name[0] || !inv.pkgs[k].version[0] || !inv.pkgs[k].path ||
			    strlen(inv.pkgs[k].name) > PKG_FIELD_MAX)
				__builtin_trap();
		pkg_os_label(&inv);
		pkg_inv_clear(&inv);
	}
	free(s);
	return 0;
}
