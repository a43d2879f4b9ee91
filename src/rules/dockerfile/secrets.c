/* Secrets written into the Dockerfile: by variable name (BW-D011) and by shape (BW-D012). */
#include "rules/rule.h"
#include "rules/dockerfile/df_util.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Upper-case KEY into up (separators '-' and '.' become '_') and split a copy into words. */
static size_t key_words(const char *key, char *up, char *wbuf, size_t cap, const char *w[],
                        size_t max)
{
	size_t len = 0, n = 0;
	for (const char *p = key; *p && len + 1 < cap; p++)
		up[len++] = *p == '-' || *p == '.' ? '_' : (char)toupper((unsigned char)*p);
	up[len] = '\0';
	char *save = NULL;
	memcpy(wbuf, up, len + 1);
	for (char *tok = strtok_r(wbuf, "_", &save); tok && n < max;
	     tok = strtok_r(NULL, "_", &save))
		w[n++] = tok;
	return n;
}

static bool word_in(const char *w, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(w, *set) == 0)
			return true;
	return false;
}

/* Names that describe a secret (where it lives, how long it lasts) rather than hold it, and
 * public key material that official images put in ENV on purpose (GPG_KEY fingerprints). */
static bool excluded_name(const char *up, const char *const *w, size_t n)
{
	static const char *const tail[] = {
		"FILE", "PATH", "DIR", "URL", "URI", "KEYRING", "HOST", "PORT", "NAME", "USER",
		"USERNAME", "TTL", "TIMEOUT", "EXPIRY", "EXPIRES", "EXPIRATION", "LENGTH", "SIZE",
		"ENABLED", "TYPE", "ALGORITHM", "ALG", "HEADER", "ENDPOINT", "REGION", NULL
	};
	if (strstr(up, "GPG") || strstr(up, "PUBLIC_KEY") || strstr(up, "PUBLICKEY") ||
	    strstr(up, "PUBKEY"))
		return true;
	return n > 1 && word_in(w[n - 1], tail);
}

static bool secret_name(const char *key)
{
	static const char *const pass[] = { "PASS", "PWD", NULL };
	char up[128], wbuf[128];
	const char *w[16];
	size_t n = key_words(key, up, wbuf, sizeof up, w, 16);
	if (n == 0 || excluded_name(up, w, n))
		return false;
	if (strstr(up, "PASSWORD") || strstr(up, "PASSWD") || strstr(up, "SECRET") ||
	    strstr(up, "CREDENTIAL") || strstr(up, "APIKEY") || strstr(up, "API_KEY") ||
	    strstr(up, "PRIVATE_KEY") || strstr(up, "ACCESS_KEY"))
		return true;
	for (size_t i = 0; i < n; i++)
		if (str_suffix(w[i], "TOKEN") || strcmp(w[i], "TOKENS") == 0)
			return true;
	/* *_KEY, *_PASS, *_PWD; a bare PWD is the shell's working directory. */
	return n > 1 && (strcmp(w[n - 1], "KEY") == 0 || word_in(w[n - 1], pass));
}

/* A value that cannot be a secret: a variable reference supplied elsewhere, or a boolean switch
 * (PASSWORD_AUTH=false). */
static bool harmless_value(const char *v)
{
	static const char *const flags[] = { "true", "false", "yes", "no", "on", "off", NULL };
	if (!v || !*v || df_is_var_ref(v))
		return true;
	for (const char *const *f = flags; *f; f++)
		if (str_ieq(v, *f))
			return true;
	return false;
}

static void check_kvs(const struct rule *self, const struct dockerfile *df,
                      const struct df_instr *in, struct findings *out)
{
	for (size_t j = 0; j < in->nkvs; j++) {
		const struct df_kv *kv = &in->kvs[j];
		if (!kv->key || !secret_name(kv->key) || harmless_value(kv->value))
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
	.aliases = ALIASES("DS031", "CIS-DI-0010"),
	.rationale = "ENV values are stored in the image config and ARG values in its build history: "
	             "anyone who can pull the image can read them with docker inspect or docker "
	             "history.",
	.remediation = "Pass build-time secrets with RUN --mount=type=secret and runtime secrets "
	               "through the orchestrator (Docker secrets, a mounted file, environment set at "
	               "run time); rotate the exposed value.",
	.check_dockerfile = check_names,
};

struct shape_ctx {
	const struct rule *self;
	const struct dockerfile *df;
	struct findings *out;
};

static void report_shape(void *arg, const char *what, const char *evidence, int line)
{
	struct shape_ctx *c = arg;
	finding_add(c->out, c->self, (struct loc){ c->df->path, line }, evidence,
	            "%s in the Dockerfile", what);
}

static void scan_instr(struct shape_ctx *c, const struct df_instr *in)
{
	/* ONBUILD's args repeat its inner instruction's text: scan that once. */
	if (in->onbuild) {
		scan_instr(c, in->onbuild);
		return;
	}
	df_secret_scan(in->args, in->line, report_shape, c);
	for (size_t h = 0; h < in->nheredocs; h++)
		df_secret_scan(in->heredocs[h].body, in->heredocs[h].line, report_shape, c);
}

static void check_shapes(const struct rule *self, const struct dockerfile *df,
                         struct findings *out)
{
	struct shape_ctx c = { self, df, out };
	for (size_t i = 0; i < df->ninstr; i++)
		scan_instr(&c, &df->instr[i]);
}

const struct rule rule_secret_shape = {
	.id = "BW-D012",
	.title = "Credential written into the Dockerfile",
	.severity = SEV_CRITICAL,
	.cis = "4.10",
	.rationale = "A real credential (cloud key, API token, private key, password in a URL) in the "
	             "Dockerfile is exposed to everyone with access to the repository, the build logs "
	             "or the image history.",
	.remediation = "Revoke and rotate the credential now, then supply it at build time with "
	               "RUN --mount=type=secret or at run time from a secret store.",
	.check_dockerfile = check_shapes,
};
