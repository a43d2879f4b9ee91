#include "collect/pq_api.h"
#include "util/dynlib.h"

#ifndef PQ_SONAME
#define PQ_SONAME "libpq.so.5"
#endif

struct pq_api pq_api;

#define PQ_API_SYM(f) { "PQ" #f, (void **)&pq_api.f },
static const struct dynlib_sym syms[] = { PQ_API_FUNCS(PQ_API_SYM) };
static struct dynlib lib = DYNLIB(PQ_SONAME, syms, NULL);

bool pq_api_ready(const char **err)
{
	return dynlib_ready(&lib, err);
}
