#include "collect/curl_api.h"
#include "util/dynlib.h"
#include <stdio.h>

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif

struct curl_api curl_api;

static bool global_init(char *err, size_t errlen)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		return true;
	snprintf(err, errlen, "libcurl's global initialisation failed");
	return false;
}

#define CURL_API_SYM(f) { "curl_" #f, (void **)&curl_api.f },
static const struct dynlib_sym syms[] = { CURL_API_FUNCS(CURL_API_SYM) };
static struct dynlib lib = DYNLIB(CURL_SONAME, syms, global_init);

bool curl_api_load(const char **err)
{
	return dynlib_ready(&lib, err);
}
