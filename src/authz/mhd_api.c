#include "authz/mhd_api.h"
#include "util/dynlib.h"

#ifndef MHD_SONAME
#define MHD_SONAME "libmicrohttpd.so.12"
#endif

struct mhd_api mhd_api;

#define MHD_API_SYM(f) { "MHD_" #f, (void **)&mhd_api.f },
static const struct dynlib_sym syms[] = { MHD_API_FUNCS(MHD_API_SYM) };
static struct dynlib lib = DYNLIB(MHD_SONAME, syms, NULL);

bool mhd_api_load(const char **err)
{
	return dynlib_ready(&lib, err);
}
