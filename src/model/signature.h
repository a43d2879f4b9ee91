/* An image's cosign signatures as the registry holds them (the `sha256-<hex>.sig` tag), and the
 * keys they are checked against: what `bulwark verify` judges. */
#ifndef BW_MODEL_SIGNATURE_H
#define BW_MODEL_SIGNATURE_H
#include <stdbool.h>
#include <stddef.h>

/* A simple-signing payload's fields that verification reads; NULL when the payload lacks one. */
struct sig_payload {
	char *type;        /* critical.type: "cosign container image signature" */
	char *digest;      /* critical.image["docker-manifest-digest"] */
	char *reference;   /* critical.identity["docker-reference"] */
};

/* One signature layer: the exact payload bytes signed and the decoded signature. */
struct sig_entry {
	unsigned char *payload; size_t npayload;
	unsigned char *sig; size_t nsig;
	bool parsed;               /* the payload is a JSON object: fields were read */
	struct sig_payload fields;
	char *problem;             /* why it cannot be checked (bad base64, too large); or NULL */
};

enum sig_fetch {
	SIG_FETCHED,       /* the .sig manifest was read (its entries may still be empty) */
	SIG_MISSING,       /* no .sig tag: the registry said 404 */
	SIG_UNREACHABLE,   /* the image or its signatures could not be read */
};

struct pubkey;
struct sig_key { char *name; struct pubkey *key; };   /* name: as the user gave it */

struct sig_image {
	char *ref;                 /* as the user gave it */
	char *digest;              /* the manifest's digest ("sha256:..."); NULL if unreachable */
	enum sig_fetch fetch;
	char *error;               /* with SIG_UNREACHABLE: what failed */
	struct sig_entry *sigs; size_t nsigs;
	/* Set by the pipeline before the rules run, owned by it. */
	const struct sig_key *keys; size_t nkeys;
	const char *identity;      /* --identity: the reference the payload must name; or NULL */
};

struct sig_entry *sig_image_add(struct sig_image *im);
void sig_image_free(struct sig_image *im);

/* Verdicts, one per image. */
enum sig_verdict { SV_VERIFIED, SV_UNSIGNED, SV_BAD_SIGNATURE, SV_DIGEST_MISMATCH,
                   SV_IDENTITY_MISMATCH, SV_UNREACHABLE };
/* "verified", "unsigned", "bad signature", "digest mismatch", "identity mismatch",
 * "unreachable". */
const char *sig_verdict_name(enum sig_verdict v);
#endif
