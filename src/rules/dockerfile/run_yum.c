/* yum, dnf, microdnf and zypper in RUN: prompts and caches left behind. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"

static bool may_run_rpm(const struct dockerfile *df)
{
	return df_may_run_pm(df, PM_YUM) || df_may_run_pm(df, PM_ZYPPER);
}

/* ---- BW-D051: no assume-yes switch ---- */

static void check_yes(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	if (!may_run_rpm(df))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		enum pm pm = pm_of(c);
		if ((pm != PM_YUM && pm != PM_ZYPPER) || !pm_sub_in(c, pm, pm_get(pm)->prompts)
		    || pm_assumes_yes(c, pm))
			continue;
		finding_add(out, self, (struct loc){ df->path, c->line }, NULL, "%s %s without %s",
		            c->name, rc_sub(c, pm_opts(pm), NULL), pm_get(pm)->yes_hint);
	}
}

const struct rule rule_run_rpm_no_yes = {
	.id = "BW-D051",
	.title = "yum/dnf/zypper install without a non-interactive switch",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3030", "DL3038", "DL3034"),
	.rationale = "Without -y (zypper: -n) the package manager waits for a confirmation that "
	             "never comes in a build, and the build fails.",
	.remediation = "Use `yum install -y`, `dnf install -y`, `microdnf install -y` or "
	               "`zypper -n install`.",
	.check_dockerfile = check_yes,
};

/* ---- BW-D052: package cache left behind ---- */

static bool cleans(const struct rcmd *c, enum pm pm)
{
	const struct pkg_manager *m = pm_get(pm);
	return pm_sub_in(c, pm, m->cleans) && (!m->clean_arg || rc_word_has(c, m->clean_arg));
}

/* Whose cache a command of the family cleans: yum, dnf and dnf5 share one (yum is dnf on
 * current RHEL and Fedora); microdnf and tdnf keep their own, so their clean leaves dnf's. */
enum { CACHES = 3 };
static int cache_of(const struct rcmd *c)
{
	return rc_is(c, "microdnf") ? 1 : rc_is(c, "tdnf") ? 2 : 0;
}

static bool cache_mounted(const struct df_instr *in, enum pm pm)
{
	for (const char *const *d = pm_get(pm)->cache_dirs; *d; d++)
		if (run_mount_covers(in, *d))
			return true;
	return false;
}

static bool removes_cache(const struct rcmd *c, enum pm pm)
{
	for (const char *const *d = pm_get(pm)->cache_dirs; *d; d++)
		if (rc_removes(c, *d))
			return true;
	return false;
}

/* An install of the family that no clean of its cache follows: a clean before the install
 * leaves what the install downloads. *first is the first such install. */
static bool uncleaned(const struct df_instr *in, enum pm pm, struct rcmd *first, int line)
{
	struct run_walk w;
	struct rcmd at[CACHES];
	bool pending[CACHES] = { false };
	int found = -1;
	for (const struct rcmd *c = run_cmds(&w, in, line); c; c = run_next(&w)) {
		int g;
		if ((!pm_may_be(c, 1u << pm) || pm_of(c) != pm) && !rc_is(c, "rm")
		    && !rc_is(c, "find"))
			continue;           /* most commands: neither the family's nor a removal */
		g = pm == PM_YUM ? cache_of(c) : 0;
		if (pm_sub_in(c, pm, pm_get(pm)->prompts)) {
			if (!pending[g])
				at[g] = *c;
			pending[g] = true;
		} else if (cleans(c, pm)) {
			pending[g] = false;
		} else if (removes_cache(c, pm)) {
			for (g = 0; g < CACHES; g++)
				pending[g] = false;
		}
	}
	for (int g = 0; g < CACHES; g++)
		if (pending[g] && (found < 0 || at[g].index < at[found].index))
			found = g;
	if (found >= 0)
		*first = at[found];
	return found >= 0;
}

static void check_clean(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	if (!may_run_rpm(df))
		return;
	static const enum pm pms[] = { PM_YUM, PM_ZYPPER };
	const bool may[] = { df_may_run_pm(df, PM_YUM), df_may_run_pm(df, PM_ZYPPER) };
	const struct df_instr *in;
	for_each_run(df, i, in) {
		if (!stage_shipped(df, df->instr[i].stage))
			continue;
		for (size_t p = 0; p < 2; p++) {
			struct rcmd c;
			if (!may[p] || cache_mounted(in, pms[p])
			    || !uncleaned(in, pms[p], &c, df->instr[i].line))
				continue;
			finding_add(out, self, (struct loc){ df->path, c.line }, NULL,
			            "%s %s without %s clean%s after it in the same RUN", c.name,
			            rc_sub(&c, pm_opts(pms[p]), NULL), c.name,
			            pms[p] == PM_ZYPPER ? "" : " all");
		}
	}
}

const struct rule rule_run_rpm_clean = {
	.id = "BW-D052",
	.title = "yum/dnf/zypper cache left in the image",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3032", "DS015", "DL3040", "DS019", "DS027", "DL3036", "DS020"),
	.rationale = "Repository metadata and downloaded packages stay in /var/cache/yum, "
	             "/var/cache/dnf or /var/cache/zypp and are shipped in the layer. A clean "
	             "counts only after the install (one before it leaves what the install "
	             "downloads), and microdnf clean all clears microdnf's cache, not dnf's."
	             UNSHIPPED_NOTE,
	.remediation = "End the RUN with `&& dnf clean all` (`yum clean all`, `zypper clean -a`), "
	               "or use a cache mount: `RUN --mount=type=cache,target=/var/cache/dnf ...`.",
	.check_dockerfile = check_clean,
};
