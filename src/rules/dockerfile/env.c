/* ENV semantics that surprise: substitution uses values from before the instruction. */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"
#include <ctype.h>
#include <string.h>

/* Length of a variable name at s. */
static size_t name_len(const char *s)
{
	size_t n = 0;
	if (!(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	return n;
}

/* First key among kvs[0..upto) that value refers to as $KEY or ${KEY...}, or NULL. */
static const char *refers_to(const char *value, const struct df_kv *kvs, size_t upto)
{
	for (const char *p = value; p && *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p != '$')
			continue;
		const char *name = p + 1 + (p[1] == '{');
		size_t n = name_len(name);
		for (size_t k = 0; n && k < upto; k++)
			if (kvs[k].key && strlen(kvs[k].key) == n && strncmp(kvs[k].key, name, n) == 0)
				return kvs[k].key;
	}
	return NULL;
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		if (in->kind != DF_ENV)
			continue;
		for (size_t j = 1; j < in->nkvs; j++) {
			const char *ref = refers_to(in->kvs[j].value, in->kvs, j);
			if (!ref)
				continue;
			finding_add(out, self, df_loc(df, in), NULL,
			            "ENV %s uses $%s from the same ENV, which still has its old value",
			            in->kvs[j].key ? in->kvs[j].key : "", ref);
			break;
		}
	}
}

const struct rule rule_env_self_ref = {
	.id = "BW-D024",
	.title = "ENV uses a variable it defines itself",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3044"),
	.rationale = "Variables in an ENV are substituted with the values from before the "
	             "instruction, so a reference to a key set earlier in the same ENV gets the old "
	             "(often empty) value.",
	.remediation = "Split it into two ENV instructions: define the variable first, then use it.",
	.check_dockerfile = check,
};
