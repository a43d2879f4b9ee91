/* A public key read from PEM and signatures checked with it: ECDSA P-256 (SHA-256) and P-384
 * (SHA-384), RSA PKCS#1 v1.5 with SHA-256, and Ed25519, as cosign signs with them. */
#ifndef BW_UTIL_PUBKEY_H
#define BW_UTIL_PUBKEY_H
#include <stdbool.h>
#include <stddef.h>

struct pubkey;
/* The first public key in pem; NULL with *err (malloc'd) when there is none or of a kind not
 * listed above. */
struct pubkey *pubkey_parse(const void *pem, size_t n, char **err);
/* Whether sig (DER for ECDSA, raw for RSA and Ed25519) signs msg under k. */
bool pubkey_verify(const struct pubkey *k, const void *msg, size_t n, const void *sig,
                   size_t nsig);
/* "sha256:HEX" of the key's SubjectPublicKeyInfo (DER), as `openssl pkey -pubin -outform DER |
 * sha256sum` prints it. */
const char *pubkey_fingerprint(const struct pubkey *k);
/* "ecdsa-p256", "ecdsa-p384", "rsa-2048", "ed25519". */
const char *pubkey_kind(const struct pubkey *k);
void pubkey_free(struct pubkey *k);
#endif
