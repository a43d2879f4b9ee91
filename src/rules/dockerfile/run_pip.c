/* pip install in RUN: the wheel cache. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <string.h>

static bool is_pip_install(const struct rcmd *c)
{
	enum pm pm;
	size_t k;
	return pm_install(c, &pm, &k) && pm == PM_PIP;
}

/* pip disables its cache for any boolean value of PIP_NO_CACHE_DIR, "0" and "false"
 * included (kept that way for backward compatibility). */
static bool pip_bool(const char *v)
{
	static const char *const b[] = { "1", "0", "y", "n", "t", "f", "yes", "no", "true",
		"false", "on", "off", NULL };
	for (const char *const *p = b; v && *p; p++)
		if (str_ieq(v, *p))
			return true;
	return false;
}

/* PIP_NO_CACHE_DIR=1 before the command, through env, or exported earlier in the RUN */
static bool no_cache_env(const struct df_instr *in, const struct rcmd *c)
{
	static const char key[] = "PIP_NO_CACHE_DIR=";
	for (size_t k = 0; k < c->sh->nassigns; k++)
		if (str_prefix(c->sh->assigns[k], key) && pip_bool(c->sh->assigns[k] + strlen(key)))
			return true;
	for (char **w = c->sh->argv; w < c->argv; w++)
		if (str_prefix(*w, key) && pip_bool(*w + strlen(key)))
			return true;
	for (size_t i = 0; i < c->index && i < in->sh.ncmds; i++) {
		const struct sh_cmd *e = &in->sh.cmds[i];
		if (e->argc && !strcmp(e->argv[0], "export"))
			for (size_t k = 1; k < e->argc; k++)
				if (str_prefix(e->argv[k], key) && pip_bool(e->argv[k] + strlen(key)))
					return true;
	}
	return false;
}

static bool pip_cache_handled(const struct dockerfile *df, size_t idx, const struct df_instr *in,
                              size_t index)
{
	return pip_bool(run_env(df, idx, "PIP_NO_CACHE_DIR"))
	       || run_mount_covers(in, "/root/.cache/pip") || run_mount_suffix(in, "/.cache/pip")
	       || run_mount_suffix(in, "/.cache") || run_removes_after(in, "/root/.cache/pip", index)
	       || run_removes_after(in, "~/.cache/pip", index);
}

/* pip cache purge after the install (one before it leaves what the install downloads) */
static bool cache_purged(const struct df_instr *in, size_t index)
{
	struct run_walk w;
	const char *sub;
	for (const struct rcmd *c = run_cmds(&w, in, 0); c; c = run_next(&w))
		if (c->index > index && str_prefix(c->name, "pip")
		    && (sub = rc_sub(c, pm_opts(PM_PIP), NULL))
		    && !strcmp(sub, "cache") && (rc_word_has(c, "purge") || rc_word_has(c, "remove")))
			return true;
	return false;
}

static void check_pip_cache(const struct rule *self, const struct dockerfile *df,
                            struct findings *out)
{
	if (!df_may_run(df, "pip"))
		return;
	struct run_walk w;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!is_pip_install(c) || rc_has(c, pm_opts(PM_PIP), "--no-cache-dir")
		    || no_cache_env(w.in, c))
			continue;
		run_skip(&w);      /* one finding per RUN */
		if (stage_shipped(df, df->instr[w.idx].stage)
		    && !pip_cache_handled(df, w.idx, w.in, c->index) && !cache_purged(w.in, c->index))
			finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
			            "pip install without --no-cache-dir");
	}
}

const struct rule rule_run_pip_cache = {
	.id = "BW-D038",
	.title = "pip install without --no-cache-dir",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3042"),
	.rationale = "pip keeps downloaded wheels in ~/.cache/pip, which ends up in the layer: a "
	             "bigger image for no benefit, since the cache is never reused there. Unlike "
	             "hadolint, ENV PIP_NO_CACHE_DIR with any boolean value counts, false, 0 and off "
	             "included: pip disables its cache for all of them." UNSHIPPED_NOTE,
	.remediation = "Use `pip install --no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a "
	               "cache mount: `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.",
	.check_dockerfile = check_pip_cache,
};
