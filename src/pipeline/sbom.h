/* bulwark sbom: one image's package inventory as a CycloneDX or SPDX document. */
#ifndef BW_PIPELINE_SBOM_H
#define BW_PIPELINE_SBOM_H
#include "pipeline/audit.h"
#include "pipeline/run.h"
#include "report/sbom.h"

struct sbom_run {
	enum sbom_format format;
	const char *output;           /* NULL: stdout */
	const struct audit_opts *engine;
	const struct run_cache *cache;
};

/* Reads ref as `bulwark image` does and writes its SBOM. The time is SOURCE_DATE_EPOCH when
 * set (and the serial number then derived from the image and that time), else now (and the
 * serial random). Exit status: 0, or 2 when the image or a layer could not be read (the SBOM
 * of what was read is still written) or the output failed. */
int pipeline_sbom(const struct sbom_run *r, const char *ref);
#endif
