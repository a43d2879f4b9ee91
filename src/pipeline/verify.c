/* Keys first (a bad key is an input error, and no registry is asked), then each image: its
 * signatures collected, the keys set on the model, the signature rules run. A verified image
 * makes no finding; which key verified it is said on stderr, as cosign does. */
#include "pipeline/verify.h"
#include "collect/cosign.h"
#include "rules/rule.h"
#include "rules/trust/verdict.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>

static struct sig_key *read_keys(const struct verify_opts *v, struct findings *out)
{
	struct sig_key *keys = xcalloc(v->nkeys ? v->nkeys : 1, sizeof *keys);
	for (size_t i = 0; i < v->nkeys; i++) {
		char *err = NULL;
		if (cosign_read_key(v->keys[i], &keys[i], &err)) {
			findings_error(out, v->keys[i], 0, "%s", err);
			free(err);
		}
	}
	return keys;
}

static void verify_one(const char *ref, const struct reg_opts *ro, const struct verify_opts *v,
                       const struct sig_key *keys, struct findings *out)
{
	struct sig_image im;
	char *err = NULL;
	if (cosign_collect(ref, ro, &im, &err)) {
		findings_error(out, ref, 0, "%s", err);
		free(err);
		sig_image_free(&im);
		return;
	}
	im.keys = keys;
	im.nkeys = v->nkeys;
	im.identity = v->identity;
	out->cur = (struct target){ TK_IMAGE, im.ref, im.digest, NULL };
	size_t before = out->n;
	rules_run_signature(&im, out);
	if (out->n == before) {
		char *why = NULL;
		if (sig_judge(&im, &why) == SV_VERIFIED)
			fprintf(stderr, "verified: %s (%s) by %s\n", ref, im.digest, why);
		free(why);
	}
	/* the target's strings are copied into out's strs by findings_push */
	out->cur = (struct target){ 0 };
	sig_image_free(&im);
}

int pipeline_verify(const struct run_end *e, const struct verify_opts *v, char **refs, size_t n)
{
	struct findings out = { 0 };
	struct config *cfg = run_config(e, &out);
	struct sig_key *keys = read_keys(v, &out);
	struct reg_opts ro = { .ca = v->ca, .insecure = v->insecure, .timeout = v->timeout };
	bool keys_ok = !out.nerrors;
	for (size_t i = 0; i < n && keys_ok; i++)
		verify_one(refs[i], &ro, v, keys, &out);
	for (size_t i = 0; i < v->nkeys; i++)
		cosign_key_free(&keys[i]);
	free(keys);
	return pipeline_finish_config(e, &out, n, cfg);
}
