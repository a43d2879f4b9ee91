/* LABEL keys in the form Docker's object-label guidelines ask for. */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"
#include <string.h>

/* Docker's guidelines as hadolint reads them: lower-case letters, digits, '.', '-', '_' and
 * '/'; starting with a letter and ending with a letter or digit; no "..", no "--", and not in
 * the namespaces Docker reserves. */
static const char *key_problem(const char *k)
{
	size_t n = strlen(k);
	if (!n || k[0] < 'a' || k[0] > 'z')
		return "does not start with a lower-case letter";
	if (!((k[n - 1] >= 'a' && k[n - 1] <= 'z') || (k[n - 1] >= '0' && k[n - 1] <= '9')))
		return "does not end with a lower-case letter or a digit";
	if (k[strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789.-_/")])
		return "has a character other than a-z, 0-9, '.', '-', '_' and '/'";
	if (strstr(k, "..") || strstr(k, "--"))
		return "has consecutive separators";
	if (str_prefix(k, "com.docker.") || str_prefix(k, "io.docker.") ||
	    str_prefix(k, "org.dockerproject."))
		return "is in a namespace Docker reserves";
	return NULL;
}

static void check_keys(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		for (size_t j = 0; in->kind == DF_LABEL && j < in->nkvs; j++) {
			const char *k = in->kvs[j].key, *why;
			if (!k || strchr(k, '$') || !(why = key_problem(k)))  /* $: known at build */
				continue;
			finding_add(out, self, df_loc(df, in), k, "LABEL key %s %s", k, why);
		}
	}
}

const struct rule rule_label_key = {
	.id = "BW-D061",
	.title = "LABEL key not in Docker's recommended form",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL3048"),
	.rationale = "Tools that read labels (registries, scanners, orchestrators) expect reverse-DNS "
	             "keys of lower-case letters, digits, dots and dashes; keys in Docker's own "
	             "namespaces (com.docker.*, io.docker.*, org.dockerproject.*) are reserved and may "
	             "be overwritten or misread.",
	.remediation = "Use a lower-case reverse-DNS key such as org.opencontainers.image.source or "
	               "com.example.team.",
	.refs = (const char *const[]){ "https://docs.docker.com/engine/manage-resources/labels/",
	                               NULL },
	.check_dockerfile = check_keys,
};
