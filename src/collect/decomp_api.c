#include "collect/decomp_api.h"
#include "util/dynlib.h"

#ifndef ZSTD_SONAME
#define ZSTD_SONAME "libzstd.so.1"
#endif
#ifndef ISAL_SONAME
#define ISAL_SONAME "libisal.so.2"
#endif

struct zstd_api zstd_api;
struct isal_api isal_api;

#define ZSTD_API_SYM(f) { "ZSTD_" #f, (void **)&zstd_api.f },
#define ISAL_API_SYM(f, sym) { #sym, (void **)&isal_api.f },
static const struct dynlib_sym zstd_syms[] = { ZSTD_API_FUNCS(ZSTD_API_SYM) };
static const struct dynlib_sym isal_syms[] = { ISAL_API_FUNCS(ISAL_API_SYM) };
static struct dynlib zstd_lib = DYNLIB(ZSTD_SONAME, zstd_syms, NULL);
static struct dynlib isal_lib = DYNLIB(ISAL_SONAME, isal_syms, NULL);

void zstd_api_need(void)
{
	dynlib_need(&zstd_lib);
}

void isal_api_need(void)
{
	dynlib_need(&isal_lib);
}
