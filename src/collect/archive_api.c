#include "collect/archive_api.h"
#include "util/dynlib.h"

#ifndef ARCHIVE_SONAME
#define ARCHIVE_SONAME "libarchive.so.13"
#endif

struct archive_api archive_api;

#define ARCHIVE_API_SYM(f) { "archive_" #f, (void **)&archive_api.f },
static const struct dynlib_sym syms[] = { ARCHIVE_API_FUNCS(ARCHIVE_API_SYM) };
static struct dynlib lib = DYNLIB(ARCHIVE_SONAME, syms, NULL);

bool archive_api_load(const char **err)
{
	return dynlib_ready(&lib, err);
}
