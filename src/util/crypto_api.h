/* OpenSSL's libcrypto, opened on first use (util/dynlib.h says why: its relocations alone were
 * a third of the start of every `bulwark lint`, which never hashes). Include this instead of
 * <openssl/evp.h>; each EVP_ name below loads the library first (exit 2 if it cannot). */
#ifndef BW_UTIL_CRYPTO_API_H
#define BW_UTIL_CRYPTO_API_H
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#define CRYPTO_API_FUNCS(X)                                                                      \
	X(Digest) X(DigestInit_ex) X(DigestUpdate) X(DigestFinal_ex) X(MD_CTX_new)                \
	X(MD_CTX_free) X(sha1) X(sha256) X(sha384) X(DigestVerifyInit) X(DigestVerify)            \
	X(PKEY_free) X(PKEY_get_base_id) X(PKEY_get_bits)
/* Names without the EVP_ prefix: public keys read from PEM (signature verification). */
#define CRYPTO_API_OTHER(X) X(PEM_read_bio_PUBKEY) X(BIO_new_mem_buf) X(BIO_free) X(i2d_PUBKEY) \
	X(ERR_clear_error)

#define CRYPTO_API_SLOT(f) __typeof__(EVP_##f) *f;
#define CRYPTO_API_OTHER_SLOT(f) __typeof__(f) *x_##f;
struct crypto_api {
	CRYPTO_API_FUNCS(CRYPTO_API_SLOT)
	CRYPTO_API_OTHER(CRYPTO_API_OTHER_SLOT)
};
#undef CRYPTO_API_SLOT
#undef CRYPTO_API_OTHER_SLOT
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
#define EVP_sha384 (crypto_api_need(), crypto_api.sha384)
#define EVP_DigestVerifyInit (crypto_api_need(), crypto_api.DigestVerifyInit)
#define EVP_DigestVerify (crypto_api_need(), crypto_api.DigestVerify)
#define EVP_PKEY_free (crypto_api_need(), crypto_api.PKEY_free)
#define EVP_PKEY_get_base_id (crypto_api_need(), crypto_api.PKEY_get_base_id)
#define EVP_PKEY_get_bits (crypto_api_need(), crypto_api.PKEY_get_bits)
#define PEM_read_bio_PUBKEY (crypto_api_need(), crypto_api.x_PEM_read_bio_PUBKEY)
#define BIO_new_mem_buf (crypto_api_need(), crypto_api.x_BIO_new_mem_buf)
#define BIO_free (crypto_api_need(), crypto_api.x_BIO_free)
#define i2d_PUBKEY (crypto_api_need(), crypto_api.x_i2d_PUBKEY)
#define ERR_clear_error (crypto_api_need(), crypto_api.x_ERR_clear_error)

#endif
