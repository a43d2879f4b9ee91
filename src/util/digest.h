/* SHA-256 digests as text, the one way every part writes them: lower-case hex, and the OCI form
 * "sha256:<hex>" that image ids, blobs and manifests carry. */
#ifndef BW_UTIL_DIGEST_H
#define BW_UTIL_DIGEST_H
#include <stdbool.h>
#include <stddef.h>

enum { SHA256_HEX_LEN = 64, SHA256_DIGEST_LEN = 7 + 64 };   /* without the NUL */

/* 64 lower-case hex digits and nothing more; "sha256:" and those (NULL: false). */
bool sha256_hex_valid(const char *hex);
bool sha256_digest_valid(const char *s);

void hex_encode(const unsigned char *b, size_t n, char *out);   /* 2n digits and a NUL */
/* hex: "" when libcrypto fails (not with a working one). */
void sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_LEN + 1]);
char *sha256_digest(const void *data, size_t n);               /* "sha256:<hex>", malloc'd */
/* "sha256:<hex>" (malloc'd) of what ctx hashed, finishing it. ctx is an EVP_MD_CTX. */
char *sha256_digest_final(void *ctx);
#endif
