/* A signature counts only when it verifies under a trusted key AND its payload names this
 * image's manifest digest: a valid signature of another image replayed onto this one's .sig tag
 * must not pass. Of the signatures that fail, the one that got furthest decides the verdict. */
#include "rules/trust/verdict.h"
#include "util/pubkey.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* The first trusted key under which e's signature verifies, or NULL. */
static const struct sig_key *signer(const struct sig_image *im, const struct sig_entry *e)
{
	for (size_t k = 0; k < im->nkeys; k++)
		if (im->keys[k].key && pubkey_verify(im->keys[k].key, e->payload, e->npayload, e->sig,
		                                     e->nsig))
			return &im->keys[k];
	return NULL;
}

/* What is wrong with a verified payload for this image: SV_VERIFIED when nothing. */
static enum sig_verdict payload_verdict(const struct sig_image *im, const struct sig_entry *e,
                                        char **why)
{
	const struct sig_payload *p = &e->fields;
	if (!e->parsed || !p->type || strcmp(p->type, SIG_PAYLOAD_TYPE)) {
		*why = xasprintf("a signed payload is not a %s (type \"%s\")", SIG_PAYLOAD_TYPE,
		                 p->type ? p->type : "");
		return SV_BAD_SIGNATURE;
	}
	if (!p->digest || !im->digest || strcmp(p->digest, im->digest)) {
		*why = xasprintf("a valid signature names the manifest %s, not this image's %s",
		                 p->digest ? p->digest : "(none)", im->digest ? im->digest : "(none)");
		return SV_DIGEST_MISMATCH;
	}
	if (im->identity && (!p->reference || strcmp(p->reference, im->identity))) {
		*why = xasprintf("a valid signature names the reference \"%s\", not \"%s\"",
		                 p->reference ? p->reference : "", im->identity);
		return SV_IDENTITY_MISMATCH;
	}
	return SV_VERIFIED;
}

/* How far a failure got: a signature that verified but named the wrong image says more than
 * one that did not verify. */
static int rank(enum sig_verdict v)
{
	return v == SV_IDENTITY_MISMATCH ? 3 : v == SV_DIGEST_MISMATCH ? 2 : 1;
}

enum sig_verdict sig_judge(const struct sig_image *im, char **why)
{
	*why = NULL;
	if (im->fetch == SIG_UNREACHABLE) {
		*why = xstrdup(im->error ? im->error : "the registry could not be read");
		return SV_UNREACHABLE;
	}
	if (im->fetch == SIG_MISSING || !im->nsigs) {
		*why = xstrdup(im->fetch == SIG_MISSING ? "the registry holds no signature tag for it"
		                                        : "its signature tag holds no signature");
		return SV_UNSIGNED;
	}
	enum sig_verdict best = SV_BAD_SIGNATURE;
	for (size_t i = 0; i < im->nsigs; i++) {
		const struct sig_entry *e = &im->sigs[i];
		const struct sig_key *k = e->problem ? NULL : signer(im, e);
		char *w = NULL;
		if (!k)
			continue;
		enum sig_verdict v = payload_verdict(im, e, &w);
		if (v == SV_VERIFIED) {
			free(*why);
			*why = xasprintf("%s (%s)", k->name, pubkey_fingerprint(k->key));
			return v;
		}
		if (!*why || rank(v) > rank(best)) {
			free(*why);
			*why = w;
			best = v;
		} else {
			free(w);
		}
	}
	if (!*why)
		*why = xasprintf("no signature of %zu verifies under the %s given%s%s", im->nsigs,
		                 im->nkeys == 1 ? "key" : "keys", im->sigs[0].problem ? ": " : "",
		                 im->sigs[0].problem ? im->sigs[0].problem : "");
	return best;
}
