/* FROM --platform set to what the builder uses anyway. */
#include "rules/rule.h"
#include "util/util.h"

static void check_target(const struct rule *self, const struct dockerfile *df,
                         struct findings *out)
{
	for (size_t i = 0; i < df->nstages; i++) {
		const struct df_stage *st = &df->stages[i];
		if (st->platform && (str_eq(st->platform, "$TARGETPLATFORM") ||
		                     str_eq(st->platform, "${TARGETPLATFORM}")))
			finding_add(out, self, (struct loc){ df->path, st->line }, st->platform,
			            "FROM --platform=%s is the default and can be left out",
			            st->platform);
	}
}

const struct rule rule_from_platform_target = {
	.id = "BW-D063",
	.title = "FROM --platform=$TARGETPLATFORM is redundant",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL3065"),
	.rationale = "A stage is built for the target platform unless told otherwise, so the flag "
	             "only adds noise; it is often a slip for $BUILDPLATFORM, which is what a "
	             "cross-compiling build stage wants.",
	.remediation = "Remove --platform=$TARGETPLATFORM, or use --platform=$BUILDPLATFORM for a "
	               "stage that should run on the build host.",
	.check_dockerfile = check_target,
};
