/* Stage names BuildKit gives a meaning of its own. */
#include "rules/rule.h"
#include "util/util.h"

static void check_reserved(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	for (size_t i = 0; i < df->nstages; i++) {
		const struct df_stage *st = &df->stages[i];
		if (st->name && (str_eq(st->name, "scratch") || str_eq(st->name, "context")))
			finding_add(out, self, (struct loc){ df->path, st->line }, st->name,
			            "stage named %s, a name BuildKit reserves", st->name);
	}
}

const struct rule rule_stage_reserved_name = {
	.id = "BW-D062",
	.title = "Stage named scratch or context",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3063"),
	.rationale = "scratch is the empty image and context is how BuildKit names build contexts "
	             "(--build-context, COPY --from=context). A stage with either name makes FROM "
	             "and COPY --from mean something other than what a reader expects, or is "
	             "refused by the builder.",
	.remediation = "Give the stage a name of its own: FROM alpine:3.20 AS base.",
	.check_dockerfile = check_reserved,
};
