/* Whole-distribution upgrades in RUN. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

static bool is_upgrade(const struct rcmd *c, const char **sub)
{
	enum pm pm = pm_of(c);
	if (pm == PM_NONE || !(*sub = rc_sub(c, pm_opts(pm), NULL)))
		return false;
	switch (pm) {
	case PM_APT:
		return !strcmp(*sub, "upgrade") || !strcmp(*sub, "dist-upgrade")
		       || !strcmp(*sub, "full-upgrade");
	case PM_APK:
		return !strcmp(*sub, "upgrade");
	case PM_ZYPPER:
		return !strcmp(*sub, "dist-upgrade") || !strcmp(*sub, "dup");
	default:
		return false;
	}
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	if (!df_may_run_any(df, pm_names))
		return;
	const struct df_instr *in;
	for_each_run(df, i, in) {
		struct run_iter it;
		struct rcmd c;
		const char *sub;
		char ev[64];
		run_iter_init(&it, in, df->instr[i].line);
		while (run_next(&it, &c)) {
			if (!is_upgrade(&c, &sub))
				continue;
			snprintf(ev, sizeof ev, "%s %s", c.name, sub);
			finding_add(out, self, (struct loc){ df->path, c.line }, ev,
			            "%s upgrades the whole distribution in the image", ev);
		}
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
