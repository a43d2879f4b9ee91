/* The files a package inventory is read from, and their parsers. The layer walker asks each
 * source whether it wants a file; a wanted file's content (up to max_bytes) is parsed while the
 * layer streams, into that layer's packages, each naming its path. Once every layer is read,
 * only packages whose file is still visible in the final filesystem are kept (a later layer
 * that deletes or replaces the file drops them), so the layer cache can hold parsed packages
 * per layer. */
#ifndef BW_PKG_SOURCE_H
#define BW_PKG_SOURCE_H
#include <stdbool.h>
#include <stddef.h>
#include "model/pkg.h"

struct pkg_source {
	const char *name;                    /* "dpkg status", "python METADATA" */
	/* path is absolute and normalised ("/var/lib/dpkg/status"); mode has the 07777 bits. */
	bool (*wants)(const char *path, unsigned mode);
	size_t max_bytes;                    /* a larger file is skipped with a warning */
	/* Parses one whole file (data is NUL-terminated at len) into inv, setting each package's
	 * path and layer. Returns false, with a one-line reason in err, when the file is malformed;
	 * what was read before the fault stays in inv. Never trusts the content. */
	bool (*parse)(const char *path, const char *data, size_t len, size_t layer,
	              struct pkg_inv *inv, char *err, size_t errlen);
};

/* NULL-name-terminated tables: OS package databases and /etc/os-release (collect/pkg_os.c),
 * language packages (collect/pkg_lang.c). */
extern const struct pkg_source pkg_sources_os[];
extern const struct pkg_source pkg_sources_lang[];

/* The source that wants path, or NULL. */
const struct pkg_source *pkg_source_for(const char *path, unsigned mode);
#endif
