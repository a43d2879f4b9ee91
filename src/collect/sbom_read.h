/* SBOMs made by other tools as a package inventory: CycloneDX 1.4–1.6 JSON and SPDX 2.2/2.3
 * JSON. Each package is known by its purl (kind, ecosystem, name, version); packages without
 * one, or of a purl type bulwark does not match, are left out. Untrusted input: the file is
 * bounded in size and nesting, the inventory in packages (model/pkg.h). */
#ifndef BW_SBOM_READ_H
#define BW_SBOM_READ_H
#include <stddef.h>
#include "model/pkg.h"

#define SBOM_MAX_BYTES (64u << 20)   /* larger files are refused */

/* 0 and inv filled, or -1 with one line in err ("line 3: …", "not a CycloneDX or SPDX …"). */
int sbom_read(const char *path, struct pkg_inv *inv, char *err, size_t errlen);
/* The same over bytes in memory (the fuzz target's entry). */
int sbom_parse(const char *data, size_t n, struct pkg_inv *inv, char *err, size_t errlen);

/* A package from its purl into inv (NULL: no purl, a type bulwark does not know, or the
 * inventory is full); version is used when the purl has none. */
struct pkg *sbom_pkg_from_purl(struct pkg_inv *inv, const char *purl, const char *version);
#endif
