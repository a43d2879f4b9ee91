/* OpenSSL's libcrypto, opened on first use (util/dynlib.h says why: its relocations alone were
 * a third of the start of every `bulwark lint`, which never hashes). Include this instead of
 * <openssl/evp.h>; each EVP_ name below loads the library first (exit 2 if it cannot). */
#ifndef BW_UTIL_CRYPTO_API_H
#define BW_UTIL_CRYPTO_API_H
#include <openssl/evp.h>

#define CRYPTO_API_FUNCS(X)                                                                      \
	X(Digest) X(DigestInit_ex) X(DigestUpdate) X(DigestFinal_ex) X(MD_CTX_new)                \
	X(MD_CTX_free) X(sha1) X(sha256)

#define CRYPTO_API_SLOT(f) __typeof__(EVP_##f) *f;
struct crypto_api {
	CRYPTO_API_FUNCS(CRYPTO_API_SLOT)
};
#undef CRYPTO_API_SLOT
extern struct crypto_api crypto_api;

void crypto_api_need(void);

#define EVP_Digest (crypto_api_need(), crypto_api.Digest)
#define EVP_DigestInit_ex (crypto_api_need(), crypto_api.DigestInit_ex)
#define EVP_DigestUpdate (crypto_api_need(), crypto_api.DigestUpdate)
#define EVP_DigestFinal_ex (crypto_api_need(), crypto_api.DigestFinal_ex)
#define EVP_MD_CTX_new (crypto_api_need(), crypto_api.MD_CTX_new)
#define EVP_MD_CTX_free (crypto_api_need(), crypto_api.MD_CTX_free)
#define EVP_sha1 (crypto_api_need(), crypto_api.sha1)
#define EVP_sha256 (crypto_api_need(), crypto_api.sha256)

#endif
