#include "collect/archive_api.h"
#include "util/dynlib.h"
#include <pthread.h>

#ifndef ARCHIVE_SONAME
#define ARCHIVE_SONAME "libarchive.so.13"
#endif

struct archive_api archive_api;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char err_buf[256];
static bool ok;

#define ARCHIVE_API_SYM(f) { "archive_" #f, (void **)&archive_api.f },
static void load(void)
{
	static const struct dynlib_sym syms[] = { ARCHIVE_API_FUNCS(ARCHIVE_API_SYM) };
	ok = dynlib_load(ARCHIVE_SONAME, syms, sizeof syms / sizeof *syms, err_buf, sizeof err_buf);
}

bool archive_api_load(const char **err)
{
	pthread_once(&once, load);
	if (!ok && err)
		*err = err_buf;
	return ok;
}
