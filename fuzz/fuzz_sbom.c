/* libFuzzer target: the bytes are one SBOM (CycloneDX or SPDX JSON) read by sbom_parse into an
 * inventory. Whatever is read is written back in both formats, and each must read back to as
 * many packages: the writer copes with any strings the reader lets through. */
#include "collect/sbom_read.h"
#include "report/sbom.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_back(const struct pkg_inv *inv, enum sbom_format f)
{
	static const struct sbom_subject s = { "fuzz", "sha256:00", NULL, 0, 0, NULL };
	char *text = NULL, err[256];
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	if (!fp || sbom_write(fp, f, &s, inv))
		abort();
	fclose(fp);
	struct pkg_inv back = { 0 };
	if (sbom_parse(text, len, &back, err, sizeof err) || back.npkgs != inv->npkgs)
		abort();
	pkg_inv_clear(&back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct pkg_inv inv = { 0 };
	char err[256];
	if (!sbom_parse((const char *)data, size, &inv, err, sizeof err)) {
		write_back(&inv, SBOM_CYCLONEDX);
		write_back(&inv, SBOM_SPDX);
	}
	pkg_inv_clear(&inv);
	return 0;
}
