/* Unit tests of signature verification: keys of each kind made by OpenSSL here, cosign's
 * payloads and signature manifests parsed, and each verdict of an image's signatures. */
#include "test.h"
#include "collect/cosign.h"
#include "model/finding.h"
#include "rules/rule.h"
#include "rules/trust/verdict.h"
#include "util/pubkey.h"
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdlib.h>
#include <string.h>

#define DIG_A "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define DIG_B "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

struct made { EVP_PKEY *priv; struct pubkey *pub; };

static struct made make_key(const char *type, const char *curve, size_t bits)
{
	struct made m = { 0 };
	m.priv = curve ? EVP_PKEY_Q_keygen(NULL, NULL, type, curve)
	       : bits ? EVP_PKEY_Q_keygen(NULL, NULL, type, bits)
	              : EVP_PKEY_Q_keygen(NULL, NULL, type);
	BIO *b = BIO_new(BIO_s_mem());
	char *pem = NULL, *err = NULL;
	PEM_write_bio_PUBKEY(b, m.priv);
	long n = BIO_get_mem_data(b, &pem);
	m.pub = pubkey_parse(pem, (size_t)n, &err);
	CHECK(m.pub != NULL);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	BIO_free(b);
	return m;
}

static void made_free(struct made *m)
{
	EVP_PKEY_free(m->priv);
	pubkey_free(m->pub);
}

/* The signature cosign makes: ECDSA/RSA over the digest cosign pairs with the key, Ed25519 over
 * the message. */
static unsigned char *sign(EVP_PKEY *k, const EVP_MD *md, const char *msg, size_t *n)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char *sig = NULL;
	*n = 0;
	if (EVP_DigestSignInit(c, NULL, md, NULL, k) == 1 &&
	    EVP_DigestSign(c, NULL, n, (const unsigned char *)msg, strlen(msg)) == 1) {
		sig = malloc(*n);
		if (EVP_DigestSign(c, sig, n, (const unsigned char *)msg, strlen(msg)) != 1)
			*n = 0;
	}
	EVP_MD_CTX_free(c);
	return sig;
}

static char *payload(const char *digest, const char *ref)
{
	char *s = NULL;
	if (asprintf(&s, "{\"critical\":{\"identity\":{\"docker-reference\":\"%s\"},\"image\":"
	             "{\"docker-manifest-digest\":\"%s\"},\"type\":\"cosign container image "
	             "signature\"},\"optional\":null}", ref, digest) < 0)
		return NULL;
	return s;
}

TEST(pubkey_kinds)
{
	static const struct { const char *type, *curve; size_t bits; const EVP_MD *(*md)(void);
	                      const char *kind; } kinds[] = {
		{ "EC", "P-256", 0, EVP_sha256, "ecdsa-p256" },
		{ "EC", "P-384", 0, EVP_sha384, "ecdsa-p384" },
		{ "RSA", NULL, 2048, EVP_sha256, "rsa-2048" },
		{ "ED25519", NULL, 0, NULL, "ed25519" },
	};
	const char *msg = "the payload";
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		struct made m = make_key(kinds[i].type, kinds[i].curve, kinds[i].bits);
		size_t n;
		unsigned char *sig = sign(m.priv, kinds[i].md ? kinds[i].md() : NULL, msg, &n);
		if (!m.pub || !sig) {
			CHECK(sig != NULL);
			made_free(&m);
			free(sig);
			continue;
		}
		CHECK_STR(pubkey_kind(m.pub), kinds[i].kind);
		CHECK(pubkey_verify(m.pub, msg, strlen(msg), sig, n));
		CHECK(!pubkey_verify(m.pub, "the payloaD", strlen(msg), sig, n));
		sig[n / 2] ^= 1;
		CHECK(!pubkey_verify(m.pub, msg, strlen(msg), sig, n));
		const char *fp = pubkey_fingerprint(m.pub);
		CHECK(strlen(fp) == 71 && !strncmp(fp, "sha256:", 7) &&
		      strspn(fp + 7, "0123456789abcdef") == 64);
		free(sig);
		made_free(&m);
	}
}

TEST(pubkey_refused)
{
	char *err = NULL;
	CHECK(!pubkey_parse("not a key", 9, &err));
	CHECK(err && strstr(err, "no PEM public key"));
	free(err);
	err = NULL;
	struct made m = { EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-521"), NULL };
	BIO *b = BIO_new(BIO_s_mem());
	char *pem = NULL;
	PEM_write_bio_PUBKEY(b, m.priv);
	long n = BIO_get_mem_data(b, &pem);
	CHECK(!pubkey_parse(pem, (size_t)n, &err));
	CHECK(err && strstr(err, "a 521-bit key of a kind cosign does not sign with"));
	free(err);
	BIO_free(b);
	EVP_PKEY_free(m.priv);
}

TEST(cosign_payload_fields)
{
	struct sig_payload p;
	char *s = payload(DIG_A, "127.0.0.1:5000/app/a");
	CHECK(cosign_payload_parse(s, strlen(s), &p));
	CHECK_STR(p.type, SIG_PAYLOAD_TYPE);
	CHECK_STR(p.digest, DIG_A);
	CHECK_STR(p.reference, "127.0.0.1:5000/app/a");
	free(p.type), free(p.digest), free(p.reference), free(s);
	CHECK(cosign_payload_parse("{\"critical\":{\"image\":7}}", 24, &p));
	CHECK(!p.type && !p.digest && !p.reference);
	CHECK(!cosign_payload_parse("[1]", 3, &p));
	CHECK(!cosign_payload_parse("{\"a\":1,\"a\":2}", 13, &p));   /* which one did they sign? */
	CHECK(!cosign_payload_parse("{", 1, &p));
}

TEST(cosign_manifest_layers)
{
	char *tag = cosign_sig_tag(DIG_A);
	CHECK_STR(tag, "sha256-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sig");
	free(tag);
	CHECK(!cosign_sig_tag("sha512:aa"));
	CHECK(!cosign_sig_tag("sha256:../../x"));
	json_t *m = json_loads("{\"layers\":["
		"{\"mediaType\":\"" COSIGN_LAYER_TYPE "\",\"digest\":\"" DIG_A "\",\"annotations\":"
		"{\"" COSIGN_SIG_ANNOTATION "\":\"TUVVQ0lR\"}},"
		"{\"mediaType\":\"application/octet-stream\",\"digest\":\"" DIG_B "\"},"
		"{\"mediaType\":\"" COSIGN_LAYER_TYPE "\",\"digest\":7}]}", 0, NULL);
	struct cosign_layer v[4];
	CHECK_INT(cosign_layers(m, v, 4), 2);
	CHECK_STR(v[0].digest, DIG_A);
	CHECK_STR(v[0].sig_b64, "TUVVQ0lR");
	CHECK(!v[1].digest && !v[1].sig_b64);
	CHECK_INT(cosign_layers(m, v, 1), 1);
	json_decref(m);
	struct sig_entry e = { 0 };
	CHECK(cosign_sig_decode("TUVVQ0lR", &e));
	CHECK(e.nsig == 6 && !memcmp(e.sig, "MEUCIQ", 6));
	free(e.sig);
	memset(&e, 0, sizeof e);
	CHECK(!cosign_sig_decode("not*base64", &e));
	CHECK_STR(e.problem, "a signature annotation is not base64");
	free(e.problem);
}

/* An image whose one signature signs body with k (EC P-256), judged against key. */
static enum sig_verdict judge(EVP_PKEY *k, const struct sig_key *key, const char *body,
                              const char *identity, char **why)
{
	struct sig_image im = { .ref = strdup("r/a"), .digest = strdup(DIG_A) };
	struct sig_entry *e = sig_image_add(&im);
	e->payload = (unsigned char *)strdup(body);
	e->npayload = strlen(body);
	e->sig = sign(k, EVP_sha256(), body, &e->nsig);
	e->parsed = cosign_payload_parse(e->payload, e->npayload, &e->fields);
	im.keys = key;
	im.nkeys = 1;
	im.identity = identity;
	enum sig_verdict v = sig_judge(&im, why);
	sig_image_free(&im);
	return v;
}

TEST(verdicts)
{
	struct made a = make_key("EC", "P-256", 0), b = make_key("EC", "P-256", 0);
	struct sig_key ka = { "a.pub", a.pub }, kb = { "b.pub", b.pub };
	char *body = payload(DIG_A, "r/a"), *other = payload(DIG_B, "r/a"), *why = NULL, *want;
	char *typo = strdup(body);
	memcpy(strstr(typo, "cosign container"), "cosign_container", 16);

	CHECK_INT(judge(a.priv, &ka, body, NULL, &why), SV_VERIFIED);
	want = NULL;
	if (asprintf(&want, "a.pub (%s)", pubkey_fingerprint(a.pub)) > 0)
		CHECK_STR(why, want);
	free(want), free(why);
	CHECK_INT(judge(a.priv, &ka, body, "r/a", &why), SV_VERIFIED);
	free(why);
	CHECK_INT(judge(a.priv, &kb, body, NULL, &why), SV_BAD_SIGNATURE);
	CHECK_STR(why, "no signature of 1 verifies under the key given");
	free(why);
	CHECK_INT(judge(a.priv, &ka, other, NULL, &why), SV_DIGEST_MISMATCH);
	CHECK_STR(why, "a valid signature names the manifest " DIG_B ", not this image's " DIG_A);
	free(why);
	CHECK_INT(judge(a.priv, &ka, body, "r/b", &why), SV_IDENTITY_MISMATCH);
	CHECK_STR(why, "a valid signature names the reference \"r/a\", not \"r/b\"");
	free(why);
	CHECK_INT(judge(a.priv, &ka, typo, NULL, &why), SV_BAD_SIGNATURE);
	CHECK(why && strstr(why, "not a cosign container image signature"));
	free(why);

	struct sig_image im = { .ref = strdup("r/a"), .fetch = SIG_MISSING, .keys = &ka, .nkeys = 1 };
	CHECK_INT(sig_judge(&im, &why), SV_UNSIGNED);
	CHECK_STR(why, "the registry holds no signature tag for it");
	free(why);
	im.fetch = SIG_FETCHED;
	CHECK_INT(sig_judge(&im, &why), SV_UNSIGNED);
	free(why);
	im.fetch = SIG_UNREACHABLE;
	im.error = strdup("127.0.0.1:1: connection refused");
	CHECK_INT(sig_judge(&im, &why), SV_UNREACHABLE);
	CHECK_STR(why, "127.0.0.1:1: connection refused");
	free(why);
	sig_image_free(&im);
	CHECK_STR(sig_verdict_name(SV_DIGEST_MISMATCH), "digest mismatch");
	free(body), free(other), free(typo);
	made_free(&a);
	made_free(&b);
}

/* Two signatures, the first by an unknown key: the second, good one verifies the image; a
 * replayed signature outranks a bad one in the verdict. */
TEST(verdict_several_signatures)
{
	struct made a = make_key("EC", "P-256", 0), b = make_key("EC", "P-256", 0);
	struct sig_key ka = { "a.pub", a.pub };
	const char *bodies[2][2] = { { "x", "y" }, { "x", "y" } };
	char *good = payload(DIG_A, "r/a"), *replay = payload(DIG_B, "r/a"), *why = NULL;
	bodies[0][0] = good, bodies[0][1] = good;
	bodies[1][0] = good, bodies[1][1] = replay;
	EVP_PKEY *signers[2][2] = { { b.priv, a.priv }, { b.priv, a.priv } };
	enum sig_verdict want[2] = { SV_VERIFIED, SV_DIGEST_MISMATCH };
	for (int t = 0; t < 2; t++) {
		struct sig_image im = { .ref = strdup("r/a"), .digest = strdup(DIG_A), .keys = &ka,
		                        .nkeys = 1 };
		for (int i = 0; i < 2; i++) {
			struct sig_entry *e = sig_image_add(&im);
			e->payload = (unsigned char *)strdup(bodies[t][i]);
			e->npayload = strlen(bodies[t][i]);
			e->sig = sign(signers[t][i], EVP_sha256(), bodies[t][i], &e->nsig);
			e->parsed = cosign_payload_parse(e->payload, e->npayload, &e->fields);
		}
		CHECK_INT(sig_judge(&im, &why), want[t]);
		free(why);
		sig_image_free(&im);
	}
	free(good), free(replay);
	made_free(&a);
	made_free(&b);
}

TEST(rule_t001_message)
{
	struct findings out = { 0 };
	struct sig_image im = { .ref = strdup("reg/b:1"), .digest = strdup(DIG_B),
	                        .fetch = SIG_MISSING };
	const struct rule *r = rule_find("BW-T001");
	CHECK(r && r->check_signature);
	out.cur = (struct target){ TK_IMAGE, im.ref, im.digest, NULL };
	if (r && r->check_signature)
		r->check_signature(r, &im, &out);
	CHECK_INT(out.n, 1);
	if (out.n) {
		CHECK_STR(out.v[0].message,
		          "image reg/b:1: unsigned: the registry holds no signature tag for it");
		CHECK_STR(out.v[0].target_id, DIG_B);
		CHECK_INT(out.v[0].severity, SEV_HIGH);
	}
	sig_image_free(&im);
	findings_free(&out);
}
