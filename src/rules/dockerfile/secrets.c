/* Secrets set in ENV and ARG variables, judged by the secret classifier (the Dockerfile's whole
 * text is scanned by BW-D012 in secret_scan.c). */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "rules/dockerfile/run_iter.h"
#include "secret/classify.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ARG NAME with no default (or an empty one) whose name says secret: the value comes from
 * --build-arg, and a RUN that sees it records it in the image history. */
static bool secret_build_arg(const struct df_instr *in, const struct df_kv *kv)
{
	return in->kind == DF_ARG && (!kv->value || !*kv->value)
	       && secret_name_is_secret(kv->key, strlen(kv->key));
}

static void check_kvs(const struct rule *self, const struct dockerfile *df,
                      const struct df_instr *in, struct findings *out)
{
	for (size_t j = 0; j < in->nkvs; j++) {
		const struct df_kv *kv = &in->kvs[j];
		if (kv->key && secret_build_arg(in, kv)) {
			finding_add(out, self, df_loc(df, in), kv->key, "ARG %s takes a secret: its "
			            "--build-arg value is kept in the image history", kv->key);
			continue;
		}
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

/* The variable a word is as a whole ("$X", "${X}") when X names a credentials file, else NULL. */
static const char *cred_file_var(const char *w)
{
	static const char *const vars[] = { "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
		"GOOGLE_APPLICATION_CREDENTIALS", NULL };
	bool brace = w[0] == '$' && w[1] == '{';
	if (w[0] != '$')
		return NULL;
	w += 1 + brace;
	for (const char *const *v = vars; *v; v++) {
		size_t n = strlen(*v);
		if (!strncmp(w, *v, n) && (brace ? !strcmp(w + n, "}") : !w[n]))
			return *v;
	}
	return NULL;
}

/* COPY/ADD to $AWS_CONFIG_FILE: a credentials file in a layer. */
static void check_copy(const struct rule *self, const struct dockerfile *df,
                       const struct df_instr *in, struct findings *out)
{
	const char *var;
	if (in->argc < 1 || !(var = cred_file_var(in->argv[in->argc - 1])))
		return;
	finding_add(out, self, df_loc(df, in), var, "%s puts a credentials file in a layer: $%s",
	            df_kw(in), var);
}

/* gcloud auth activate-service-account --key-file=...: gcloud keeps the key in its config
 * directory, in the layer. */
static void check_run(const struct rule *self, const struct dockerfile *df, size_t idx,
                      struct findings *out)
{
	const struct df_instr *run = run_at(df, idx);
	struct run_walk w;
	for (const struct rcmd *c = run ? run_cmds(&w, run, run->line) : NULL; c; c = run_next(&w)) {
		bool act = false, key = false;
		if (!rc_is(c, "gcloud"))
			continue;
		for (size_t k = 1; k < c->argc; k++) {
			act |= !strcmp(c->argv[k], "activate-service-account");
			key |= str_prefix(c->argv[k], "--key-file");
		}
		if (act && key)
			finding_add(out, self, (struct loc){ df->path, c->line }, c->name,
			            "gcloud auth activate-service-account stores the service account's "
			            "key in the image");
	}
}

static void check_names(const struct rule *self, const struct dockerfile *df,
                        struct findings *out)
{
	bool gcloud = df_may_run(df, "gcloud");
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind == DF_ONBUILD && in->onbuild)
			in = in->onbuild;
		if (in->kind == DF_ENV || in->kind == DF_ARG)
			check_kvs(self, df, in, out);
		if (in->kind == DF_COPY || in->kind == DF_ADD)
			check_copy(self, df, in, out);
		if (gcloud)
			check_run(self, df, i, out);
	}
}

const struct rule rule_secret_env = {
	.id = "BW-D011",
	.title = "Secret in ENV, ARG or a credentials file in a layer",
	.severity = SEV_HIGH,
	.cis = "4.10",
	.aliases = ALIASES("DS031", "CIS-DI-0010", "DL3064"),
	.rationale = "ENV values are stored in the image config and ARG values in its build history: "
	             "anyone who can pull the image can read them with docker inspect or docker "
	             "history. An ARG named as a secret (GITHUB_TOKEN, *_PSW) is one even with no "
	             "default: its --build-arg value lands there too. A file copied to a "
	             "credentials-file variable ($AWS_CONFIG_FILE) and a service account activated "
	             "with gcloud stay in a layer. GOOGLE_APPLICATION_CREDENTIALS itself holds a "
	             "path, not a secret.",
	.remediation = "Pass build-time secrets with RUN --mount=type=secret and runtime secrets "
	               "through the orchestrator (Docker secrets, a mounted file, environment set at "
	               "run time); rotate the exposed value.",
	.check_dockerfile = check_names,
};
