/* Whole-distribution upgrades in RUN. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include <stdio.h>
#include <string.h>

static bool is_upgrade(const struct rcmd *c, const char **sub)
{
	enum pm pm = pm_of(c);
	return pm_sub_in(c, pm, pm_get(pm)->upgrades) && (*sub = rc_sub(c, pm_opts(pm), NULL));
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	const char *sub;
	char ev[64];
	if (!df_may_run_distro_pm(df))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!is_upgrade(c, &sub))
			continue;
		snprintf(ev, sizeof ev, "%s %s", c->name, sub);
		finding_add(out, self, (struct loc){ df->path, c->line }, ev,
		            "%s upgrades the whole distribution in the image", ev);
	}
}

const struct rule rule_run_dist_upgrade = {
	.id = "BW-D048",
	.title = "Distribution upgrade in RUN",
	.severity = SEV_LOW,
	.aliases = ALIASES("DS024", "DKL-DI-0003", "DL3035"),
	.rationale = "Upgrading every package makes the image depend on the day it was built, can "
	             "fail for essential packages that cannot be upgraded in an unprivileged "
	             "container, and hides that the base image itself is out of date.",
	.remediation = "Use a newer (or regularly rebuilt) base image; upgrade only the specific "
	               "packages that need a fix, with pinned versions.",
	.check_dockerfile = check,
};
