/* Secrets set in ENV and ARG variables, judged by the secret classifier (the Dockerfile's whole
 * text is scanned by BW-D012 in secret_scan.c). */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "secret/classify.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_kvs(const struct rule *self, const struct dockerfile *df,
                      const struct df_instr *in, struct findings *out)
{
	for (size_t j = 0; j < in->nkvs; j++) {
		const struct df_kv *kv = &in->kvs[j];
		if (!kv->key || !kv->value || secret_classify_env(kv->key, kv->value).conf == SECRET_NONE)
			continue;
		char *r = redact(kv->value);
		char ev[256];
		snprintf(ev, sizeof ev, "%.100s=%s", kv->key, r);
		free(r);
		finding_add(out, self, df_loc(df, in), ev, "%s %s sets a secret to a literal value",
		            df_kw(in), kv->key);
	}
}

static void check_names(const struct rule *self, const struct dockerfile *df,
                        struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind == DF_ONBUILD && in->onbuild)
			in = in->onbuild;
		if (in->kind == DF_ENV || in->kind == DF_ARG)
			check_kvs(self, df, in, out);
	}
}

const struct rule rule_secret_env = {
	.id = "BW-D011",
	.title = "Secret set in ENV or ARG",
	.severity = SEV_HIGH,
	.cis = "4.10",
	.aliases = ALIASES("DS031", "CIS-DI-0010", "DL3064"),
	.rationale = "ENV values are stored in the image config and ARG values in its build history: "
	             "anyone who can pull the image can read them with docker inspect or docker "
	             "history.",
	.remediation = "Pass build-time secrets with RUN --mount=type=secret and runtime secrets "
	               "through the orchestrator (Docker secrets, a mounted file, environment set at "
	               "run time); rotate the exposed value.",
	.check_dockerfile = check_names,
};
