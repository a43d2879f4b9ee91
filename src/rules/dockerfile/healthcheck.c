/* The image should say how to tell whether it is healthy. */
#include "rules/rule.h"
#include "rules/dockerfile/stage_chain.h"

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	const struct df_stage *fin = df_final_stage(df);
	/* Any HEALTHCHECK counts, HEALTHCHECK NONE included: that is an explicit choice. */
	if (!fin || df_chain_last(df, fin->index, (size_t)-1, DF_HEALTHCHECK))
		return;
	finding_add(out, self, (struct loc){ df->path, fin->line }, NULL,
	            "final stage has no HEALTHCHECK");
}

const struct rule rule_no_healthcheck = {
	.id = "BW-D005",
	.title = "No HEALTHCHECK in the final image",
	.severity = SEV_LOW,
	.cis = "4.6",
	.aliases = ALIASES("DL3057", "DS026", "CIS-DI-0006"),
	.rationale = "Without a HEALTHCHECK the engine only knows whether the process exists, so a "
	             "hung or broken service keeps receiving traffic and is never restarted.",
	.remediation = "Add a check that exercises the service, e.g. HEALTHCHECK --interval=30s "
	               "CMD curl -fsS http://localhost:8080/healthz || exit 1 (or HEALTHCHECK NONE "
	               "when an orchestrator probes it instead).",
	.check_dockerfile = check,
};
