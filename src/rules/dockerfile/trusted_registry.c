/* Images from registries the config does not trust (FROM, COPY --from, RUN --mount from=). */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Lower-case, and Docker Hub under any of its names is docker.io. */
static void canon(char *reg)
{
	for (char *p = reg; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (str_eq(reg, "index.docker.io") || str_eq(reg, "registry-1.docker.io") ||
	    str_eq(reg, "hub.docker.com"))
		strcpy(reg, "docker.io");
}

/* The registry of an image reference: the first component when it has a '.' or ':' or is
 * localhost, as docker reads it; else Docker Hub. */
static void registry_of(const char *ref, char *out, size_t cap)
{
	const char *slash = strchr(ref, '/');
	size_t n = slash ? (size_t)(slash - ref) : 0;
	bool host = n && (memchr(ref, '.', n) || memchr(ref, ':', n) ||
	                  (n == 9 && !strncmp(ref, "localhost", 9)));
	snprintf(out, cap, "%.*s", host ? (int)n : 9, host ? ref : "docker.io");
	canon(out);
}

/* hadolint's patterns: "*" any, "*.x" a suffix, "x*" a prefix, else the name itself. */
static bool pattern_match(const char *pat, const char *reg)
{
	size_t n = strlen(pat), rn = strlen(reg);
	char exact[256];
	if (str_eq(pat, "*"))
		return true;
	if (pat[0] == '*')
		return rn >= n - 1 && !strcasecmp(reg + rn - (n - 1), pat + 1);
	if (pat[n - 1] == '*')
		return !strncasecmp(reg, pat, n - 1);
	snprintf(exact, sizeof exact, "%s", pat);
	canon(exact);
	return str_eq(exact, reg);
}

static bool trusted(const char *const *list, const char *reg)
{
	for (; *list; list++)
		if (pattern_match(*list, reg))
			return true;
	return false;
}

/* An image reference we can judge: not a stage (by name or index), not scratch, no '$'. */
static bool judged_image(const struct dockerfile *df, const char *ref, int stage)
{
	if (!ref || !*ref || strchr(ref, '$') || str_ieq(ref, "scratch"))
		return false;
	if (ref[strspn(ref, "0123456789")] == '\0')
		return false;
	return !df_stage_named(df, ref, stage < 0 ? (int)df->nstages : stage);
}

static void judge(const struct rule *self, const struct dockerfile *df, int line,
                  const char *what, const char *ref, struct findings *out)
{
	char reg[256];
	registry_of(ref, reg, sizeof reg);
	if (!trusted(df->trusted_registries, reg))
		finding_add(out, self, (struct loc){ df->path, line }, ref, "%s%s is from %s, which is "
		            "not among the trusted registries", what, ref, reg);
}

/* from= of a --mount value: "type=cache,target=/x,from=img" */
static const char *mount_from(const char *v, char *buf, size_t cap)
{
	for (const char *p = v; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (str_prefix(p, "from=")) {
			snprintf(buf, cap, "%.*s", (int)strcspn(p + 5, ","), p + 5);
			return buf;
		}
	return NULL;
}

static void check_instr(const struct rule *self, const struct dockerfile *df,
                        const struct df_instr *in, struct findings *out)
{
	char buf[512];
	const struct df_flag *from = in->kind == DF_COPY ? df_flag(in, "from") : NULL;
	if (from && judged_image(df, from->value, in->stage))
		judge(self, df, in->line, "COPY --from=", from->value, out);
	for (size_t k = 0; in->kind == DF_RUN && k < in->nflags; k++) {
		const struct df_flag *f = &in->flags[k];
		const char *img = str_eq(f->name, "mount") && f->value ?
		                  mount_from(f->value, buf, sizeof buf) : NULL;
		if (judged_image(df, img, in->stage))
			judge(self, df, in->line, "RUN --mount from=", img, out);
	}
}

static void check_registries(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	if (!df->trusted_registries || !df->trusted_registries[0])
		return;
	for (size_t s = 0; s < df->nstages; s++)
		if (df_stage_external(df, &df->stages[s]))
			judge(self, df, df->stages[s].line, "FROM ", df_stage_image(&df->stages[s]), out);
	for (size_t i = 0; i < df->ninstr; i++)
		check_instr(self, df, &df->instr[i], out);
}

const struct rule rule_from_untrusted_registry = {
	.id = "BW-D068",
	.title = "Image from a registry not in trusted-registries",
	.severity = SEV_MEDIUM,
	.cis = "4.2",
	.cis8 = "4.2",
	.aliases = ALIASES("DL3026"),
	.rationale = "A base image, or one copied from, puts its code into every container of the "
	             "image. Pulling from a registry the organisation has not vetted bypasses its "
	             "scanning, signing and retention, and a typo or a look-alike name can pull an "
	             "attacker's image. Checked only when the config sets trusted-registries; an "
	             "image without a registry is Docker Hub (docker.io). Beyond hadolint's DL3026, "
	             "Docker Hub's other names (index.docker.io, registry-1.docker.io) count as "
	             "docker.io wherever written, and a stage index (COPY --from=0) is not an image.",
	.remediation = "Use images from a trusted registry (mirror the image there), or add its "
	               "registry to trusted-registries in .bulwark.yaml.",
	.check_dockerfile = check_registries,
};
