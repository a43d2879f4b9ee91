/* libFuzzer target: the bytes are a zip archive of OSV records (an all.zip). Read it as the
 * import's reader does (collect/vulndb_zip.c: central directory, zip64, stored and deflated
 * entries, CRC) and parse each regular entry into one reused block, as the import's ring slots
 * do. */
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("zip", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	char err[256], why[512];
	struct vzip *z = vzip_open(fd, err, sizeof err);
	struct buf b = { 0 };
	struct osv_mem mem = { 0 };
	const char *name;
	bool regular;
	for (int n = 0; z && n < 1000 && vzip_next(z, &name, &regular) > 0; n++) {
		if (!regular || vzip_data(z, &b, OSV_MAX_RECORD) != 1)
			continue;
		struct osv_doc d;
		osv_parse_in(b.s, b.len, &d, &mem, why, sizeof why);
		osv_doc_clear(&d);
		osv_mem_reset(&mem);
	}
	vzip_close(z);
	osv_mem_free(&mem);
	free(b.s);
	close(fd);
	return 0;
}
