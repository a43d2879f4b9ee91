#include "collect/curl_api.h"
#include "util/dynlib.h"
#include <pthread.h>
#include <stdio.h>

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif

struct curl_api curl_api;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char err_buf[256];
static bool ok;

#define CURL_API_SYM(f) { "curl_" #f, (void **)&curl_api.f },
static void load(void)
{
	static const struct dynlib_sym syms[] = { CURL_API_FUNCS(CURL_API_SYM) };
	if (!dynlib_load(CURL_SONAME, syms, sizeof syms / sizeof *syms, err_buf, sizeof err_buf))
		return;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(err_buf, sizeof err_buf, "libcurl's global initialisation failed");
		return;
	}
	ok = true;
}

bool curl_api_load(const char **err)
{
	pthread_once(&once, load);
	if (!ok && err)
		*err = err_buf;
	return ok;
}
