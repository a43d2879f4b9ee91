/* zstd and ISA-L's igzip, opened on first use (util/dynlib.h says why): only the layer reader
 * and the OSV import decompress. Include this instead of <zstd.h> and <isa-l/...>. The calls
 * that can come first (creating or freeing a zstd context, starting or resetting an inflate, a
 * CRC) load their library (exit 2 if it cannot); the rest take what those returned. */
#ifndef BW_COLLECT_DECOMP_API_H
#define BW_COLLECT_DECOMP_API_H
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <zstd.h>

#define ZSTD_API_FUNCS(X) X(createDCtx) X(freeDCtx) X(decompressStream) X(isError) X(getErrorName)
/* (slot, symbol): a slot named as its function would be replaced by the macro below */
#define ISAL_API_FUNCS(X)                                                                        \
	X(inflate_init, isal_inflate_init) X(inflate_reset, isal_inflate_reset)                   \
	X(inflate, isal_inflate) X(crc, crc32_gzip_refl)

#define ZSTD_API_SLOT(f) __typeof__(ZSTD_##f) *f;
#define ISAL_API_SLOT(f, sym) __typeof__(sym) *f;
struct zstd_api {
	ZSTD_API_FUNCS(ZSTD_API_SLOT)
};
struct isal_api {
	ISAL_API_FUNCS(ISAL_API_SLOT)
};
#undef ZSTD_API_SLOT
#undef ISAL_API_SLOT
extern struct zstd_api zstd_api;
extern struct isal_api isal_api;

void zstd_api_need(void);
void isal_api_need(void);

#define ZSTD_createDCtx (zstd_api_need(), zstd_api.createDCtx)
#define ZSTD_freeDCtx (zstd_api_need(), zstd_api.freeDCtx)
#define ZSTD_decompressStream zstd_api.decompressStream
#define ZSTD_isError zstd_api.isError
#define ZSTD_getErrorName zstd_api.getErrorName
#define isal_inflate_init (isal_api_need(), isal_api.inflate_init)
#define isal_inflate_reset (isal_api_need(), isal_api.inflate_reset)
#define isal_inflate isal_api.inflate
#define crc32_gzip_refl (isal_api_need(), isal_api.crc)

#endif
