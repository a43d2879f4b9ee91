/* apk add in RUN: version pins and the package cache. */
#include "rules/rule.h"
#include "rules/dockerfile/run_pins.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <string.h>

/* pkg=1.2.3-r0, pkg~1.2, pkg>1.2, a local .apk file or a path */
static bool apk_pinned(const char *p)
{
	return strpbrk(p, "=~<>/") || str_suffix(p, ".apk");
}

static bool apk_pkgs(const struct rcmd *c, struct pkgs *p)
{
	enum pm pm;
	*p = (struct pkgs){ 0, pm_opts(PM_APK), apk_pinned };
	return pm_install(c, &pm, &p->first) && pm == PM_APK;
}

static void check_apk_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const char *const runs[] = { "apk", NULL };
	static const struct pin_rule apk = { runs, apk_pkgs, "apk", "add without version pins" };
	check_pins(self, df, out, &apk);
}

const struct rule rule_run_apk_pin = {
	.id = "BW-D035",
	.title = "apk add of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3018"),
	.rationale = "Unpinned packages make the image depend on the day it was built: a rebuild "
	             "can silently pull a different, possibly broken or compromised, version.",
	.remediation = "Pin versions: `apk add --no-cache curl=8.5.0-r0` (or `curl~8.5`).",
	.check_dockerfile = check_apk_pins,
};

static bool apk_cache_handled(const struct df_instr *in)
{
	return run_removes(in, "/var/cache/apk") || run_mount_covers(in, "/var/cache/apk")
	       || run_mount_covers(in, "/etc/apk/cache");
}

static void check_apk_cache(const struct rule *self, const struct dockerfile *df,
                            struct findings *out)
{
	if (!df_may_run(df, "apk"))
		return;
	const struct df_instr *in;
	for_each_run(df, i, in) {
		struct run_iter it;
		struct rcmd c;
		enum pm pm;
		size_t k;
		if (!stage_shipped(df, df->instr[i].stage) || apk_cache_handled(in))
			continue;
		run_iter_init(&it, in, df->instr[i].line);
		while (run_next(&it, &c)) {
			if (!pm_install(&c, &pm, &k) || pm != PM_APK
			    || rc_has(&c, pm_opts(pm), "--no-cache"))
				continue;
			finding_add(out, self, (struct loc){ df->path, c.line }, NULL,
			            "apk add without --no-cache");
			break;
		}
	}
}

const struct rule rule_run_apk_cache = {
	.id = "BW-D036",
	.title = "apk add without --no-cache",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3019", "DS025", "DKL-DI-0004"),
	.rationale = "Without --no-cache the package index stays in /var/cache/apk and is shipped "
	             "in the layer: a bigger image carrying stale metadata.",
	.remediation = "Use `apk add --no-cache pkg`, or a cache mount: "
	               "`RUN --mount=type=cache,target=/var/cache/apk apk add pkg`.",
	.check_dockerfile = check_apk_cache,
};
