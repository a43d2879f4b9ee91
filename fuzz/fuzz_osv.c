/* libFuzzer target: the bytes are one OSV record. Parse it as the import does, encode its
 * ranges and versions as the store does and decode them again, free it all. */
#include "collect/vulndb_int.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osv_doc d;
	char err[512];
	if (!osv_parse((const char *)data, size, &d, err, sizeof err))
		return 0;
	for (size_t i = 0; i < d.naff; i++) {
		char *rg = vulndb_ranges_encode(&d.aff[i]), *vs = vulndb_versions_encode(&d.aff[i]);
		struct vuln_rec back = { 0 };
		if (!vulndb_ranges_decode(rg, &back) || back.nranges != d.aff[i].nranges)
			abort();
		vulndb_versions_decode(vs, &back);
		if (back.nversions != d.aff[i].nversions)
			abort();
		vuln_rec_clear(&back);
		free(rg), free(vs);
	}
	osv_doc_clear(&d);
	return 0;
}
