#include "util/crypto_api.h"
#include "util/dynlib.h"

#ifndef CRYPTO_SONAME
#define CRYPTO_SONAME "libcrypto.so.3"
#endif

struct crypto_api crypto_api;

#define CRYPTO_API_SYM(f) { "EVP_" #f, (void **)&crypto_api.f },
#define CRYPTO_API_OTHER_SYM(f) { #f, (void **)&crypto_api.x_##f },
static const struct dynlib_sym syms[] = { CRYPTO_API_FUNCS(CRYPTO_API_SYM)
                                          CRYPTO_API_OTHER(CRYPTO_API_OTHER_SYM) };
static struct dynlib lib = DYNLIB(CRYPTO_SONAME, syms, NULL);

void crypto_api_need(void)
{
	dynlib_need(&lib);
}
