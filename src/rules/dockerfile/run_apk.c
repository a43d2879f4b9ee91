/* apk add in RUN: the package cache. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"

static bool apk_cache_handled(const struct df_instr *in, size_t index)
{
	return run_removes_after(in, "/var/cache/apk", index)
	       || run_mount_covers(in, "/var/cache/apk") || run_mount_covers(in, "/etc/apk/cache");
}

static void check_apk_cache(const struct rule *self, const struct dockerfile *df,
                            struct findings *out)
{
	if (!df_may_run(df, "apk"))
		return;
	struct run_walk w;
	enum pm pm;
	size_t k;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!pm_install(c, &pm, &k) || pm != PM_APK || rc_has(c, pm_opts(pm), "--no-cache"))
			continue;
		run_skip(&w);      /* one finding per RUN */
		if (!stage_shipped(df, df->instr[w.idx].stage) || apk_cache_handled(w.in, c->index))
			continue;
		finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
		            "apk add without --no-cache");
	}
}

const struct rule rule_run_apk_cache = {
	.id = "BW-D036",
	.title = "apk add without --no-cache",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3019", "DS025", "DKL-DI-0004"),
	.rationale = "Without --no-cache the package index stays in /var/cache/apk and is shipped "
	             "in the layer: a bigger image carrying stale metadata." UNSHIPPED_NOTE,
	.remediation = "Use `apk add --no-cache pkg`, or a cache mount: "
	               "`RUN --mount=type=cache,target=/var/cache/apk apk add pkg`.",
	.check_dockerfile = check_apk_cache,
};
