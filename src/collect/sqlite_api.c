#include "collect/sqlite_api.h"
#include "util/dynlib.h"

#ifndef SQLITE_SONAME
#define SQLITE_SONAME "libsqlite3.so.0"
#endif

struct sqlite_api sqlite_api;

#define SQLITE_API_SYM(f) { "sqlite3_" #f, (void **)&sqlite_api.f },
static const struct dynlib_sym syms[] = { SQLITE_API_FUNCS(SQLITE_API_SYM) };
static struct dynlib lib = DYNLIB(SQLITE_SONAME, syms, NULL);

void sqlite_api_need(void)
{
	dynlib_need(&lib);
}
