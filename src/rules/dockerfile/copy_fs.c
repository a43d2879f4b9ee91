/* COPY of a stage's whole filesystem. */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "util/util.h"

static void check_root(const struct rule *self, const struct dockerfile *df,
                       struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const struct df_flag *from = in->kind == DF_COPY ? df_flag(in, "from") : NULL;
		const char *dest = from ? df_copy_dest(in) : NULL;
		if (!dest || !str_eq(dest, "/"))
			continue;
		for (size_t s = 0; s < df_copy_nsrc(in); s++)
			if (str_eq(in->argv[s], "/")) {
				finding_add(out, self, df_loc(df, in), from->value,
				            "COPY --from=%s / / copies a whole filesystem",
				            from->value ? from->value : "");
				break;
			}
	}
}

const struct rule rule_copy_whole_fs = {
	.id = "BW-D064",
	.title = "COPY of an entire filesystem from another stage",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("DL3067"),
	.rationale = "Copying / of another stage or image over / brings along everything in it: "
	             "compilers, package caches, credentials left by the build, and its /etc/passwd "
	             "and libraries, which silently replace the target's. The image grows and what "
	             "it contains is no longer visible in the Dockerfile.",
	.remediation = "Copy only what the final image needs: COPY --from=build /app/bin /app/bin. "
	               "To ship a stage as it is, build FROM it.",
	.check_dockerfile = check_root,
};
