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

/* yum/dnf update and zypper up upgrade every installed package when they name none (apt-get
 * update only refreshes the index). With an install in the same RUN they are taken for that
 * install's refresh, as hadolint and Trivy take them. */
static bool is_rpm_update(const struct rcmd *c, const char **sub)
{
	static const char *const yum[] = { "update", "upgrade", "up", "update-minimal",
		"upgrade-minimal", "up-min", NULL };
	static const char *const zypper[] = { "update", "up", NULL };
	enum pm pm = pm_of(c);
	size_t after;
	if (!(pm == PM_YUM && pm_sub_in(c, pm, yum))
	    && !(pm == PM_ZYPPER && pm_sub_in(c, pm, zypper)))
		return false;
	*sub = rc_sub(c, pm_opts(pm), &after);
	return *sub && rc_operand(c, pm_opts(pm), &after) < 0;
}

static bool run_installs(const struct df_instr *run, enum pm pm)
{
	struct run_walk w;
	enum pm p;
	size_t k;
	for (const struct rcmd *c = run_cmds(&w, run, 0); c; c = run_next(&w))
		if (pm_install(c, &p, &k) && p == pm)
			return true;
	return false;
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	const char *sub;
	char ev[64];
	if (!df_may_run_distro_pm(df))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!is_upgrade(c, &sub)
		    && !(is_rpm_update(c, &sub) && !run_installs(w.in, pm_of(c))))
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
	.aliases = ALIASES("DS024", "DKL-DI-0003", "DL3035", "DS017"),
	.rationale = "Upgrading every package makes the image depend on the day it was built, can "
	             "fail for essential packages that cannot be upgraded in an unprivileged "
	             "container, and hides that the base image itself is out of date. `yum update`, "
	             "`dnf update` and `zypper up` in a RUN that installs nothing are such an upgrade "
	             "(Trivy's DS017, whose apt-get and apk side is BW-D030).",
	.remediation = "Use a newer (or regularly rebuilt) base image; upgrade only the specific "
	               "packages that need a fix, with pinned versions.",
	.check_dockerfile = check,
};
