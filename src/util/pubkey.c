#include "util/pubkey.h"
#include "util/crypto_api.h"
#include "util/digest.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pubkey {
	EVP_PKEY *k;
	const EVP_MD *(*md)(void);   /* NULL: Ed25519 signs the message itself */
	char kind[24];
	char fp[7 + 65];
};

/* The digest cosign pairs with the key; false for a kind it does not sign with. */
static bool kind_of(struct pubkey *p)
{
	int id = EVP_PKEY_get_base_id(p->k), bits = EVP_PKEY_get_bits(p->k);
	if (id == EVP_PKEY_EC && (bits == 256 || bits == 384)) {
		p->md = bits == 256 ? EVP_sha256 : EVP_sha384;
		snprintf(p->kind, sizeof p->kind, "ecdsa-p%d", bits);
	} else if (id == EVP_PKEY_RSA && bits >= 2048) {
		p->md = EVP_sha256;
		snprintf(p->kind, sizeof p->kind, "rsa-%d", bits);
	} else if (id == EVP_PKEY_ED25519) {
		snprintf(p->kind, sizeof p->kind, "ed25519");
	} else {
		return false;
	}
	return true;
}

static void fingerprint(struct pubkey *p)
{
	int n = i2d_PUBKEY(p->k, NULL);
	unsigned char *der = xmalloc(n > 0 ? (size_t)n : 1), *end = der;
	strcpy(p->fp, "sha256:");
	if (n > 0 && i2d_PUBKEY(p->k, &end) == n)
		sha256_hex(der, (size_t)n, p->fp + 7);
	free(der);
}

struct pubkey *pubkey_parse(const void *pem, size_t n, char **err)
{
	if (n > 1u << 20) {
		*err = xstrdup("larger than 1 MiB: not a public key");
		return NULL;
	}
	BIO *b = BIO_new_mem_buf(pem, (int)n);
	struct pubkey *p = xcalloc(1, sizeof *p);
	p->k = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	if (!p->k) {
		*err = xstrdup("no PEM public key (\"-----BEGIN PUBLIC KEY-----\") in it");
	} else if (!kind_of(p)) {
		*err = xasprintf("a %d-bit key of a kind cosign does not sign with (ECDSA P-256 or "
		                 "P-384, RSA of 2048 bits or more, Ed25519)", EVP_PKEY_get_bits(p->k));
	} else {
		fingerprint(p);
		return p;
	}
	ERR_clear_error();
	pubkey_free(p);
	return NULL;
}

bool pubkey_verify(const struct pubkey *k, const void *msg, size_t n, const void *sig,
                   size_t nsig)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok = c && EVP_DigestVerifyInit(c, NULL, k->md ? k->md() : NULL, NULL, k->k) == 1 &&
	          EVP_DigestVerify(c, sig, nsig, msg, n) == 1;
	EVP_MD_CTX_free(c);
	ERR_clear_error();   /* a refused signature leaves its reason queued for the next caller */
	return ok;
}

const char *pubkey_fingerprint(const struct pubkey *k)
{
	return k->fp;
}

const char *pubkey_kind(const struct pubkey *k)
{
	return k->kind;
}

void pubkey_free(struct pubkey *k)
{
	if (!k)
		return;
	if (k->k)
		EVP_PKEY_free(k->k);
	free(k);
}
