#include "authz/mhd_api.h"
#include "util/dynlib.h"
#include <pthread.h>

#ifndef MHD_SONAME
#define MHD_SONAME "libmicrohttpd.so.12"
#endif

struct mhd_api mhd_api;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char err_buf[256];
static bool ok;

#define MHD_API_SYM(f) { "MHD_" #f, (void **)&mhd_api.f },
static void load(void)
{
	static const struct dynlib_sym syms[] = { MHD_API_FUNCS(MHD_API_SYM) };
	ok = dynlib_load(MHD_SONAME, syms, sizeof syms / sizeof *syms, err_buf, sizeof err_buf);
}

bool mhd_api_load(const char **err)
{
	pthread_once(&once, load);
	if (!ok && err)
		*err = err_buf;
	return ok;
}
