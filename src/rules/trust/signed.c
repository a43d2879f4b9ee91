/* bulwark verify: an image whose signatures do not verify under the given keys. */
#include "rules/rule.h"
#include "rules/trust/verdict.h"
#include <stdlib.h>

static void check_signed(const struct rule *self, const struct sig_image *im,
                         struct findings *out)
{
	char *why = NULL;
	enum sig_verdict v = sig_judge(im, &why);
	if (v != SV_VERIFIED)
		finding_add(out, self, LOC_NONE, im->digest, "image %s: %s: %s", im->ref,
		            sig_verdict_name(v), why);
	free(why);
}

const struct rule rule_t_signed = {
	.id = "BW-T001",
	.title = "Image signature not verified",
	.severity = SEV_HIGH,
	.rationale = "An image whose cosign signature does not verify under a key you trust may "
	             "have been built by anyone with push access to the registry, or replaced "
	             "after it was signed. A signature counts only when it verifies over its "
	             "payload and the payload names this image's manifest digest, so a signature "
	             "copied from another image does not pass.",
	.remediation = "Sign the image by digest with a key you hold (cosign sign --key KEY "
	               "REGISTRY/NAME@sha256:...), pass the matching public key with --key, and "
	               "pull and run images by the digest that was verified.",
	.refs = ALIASES("https://docs.sigstore.dev/cosign/signing/signing_with_containers/",
	             "https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md"),
	.check_signature = check_signed,
};
