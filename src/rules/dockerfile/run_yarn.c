/* yarn in RUN: the yarn cache. */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"
#include <string.h>

/* ---- BW-D057: yarn install without yarn cache clean ---- */

static const char *const yarn_long[] = { "--cache-folder", "--modules-folder",
	"--network-timeout", "--mutex", "--registry", "--cwd", "--global-folder", "--link-folder",
	NULL };
static const struct sh_optspec yarn_opts = { "", yarn_long };

/* yarn, yarn install, yarn add, yarn global add */
static bool yarn_install(const struct rcmd *c)
{
	size_t k;
	long a;
	const char *sub;
	if (!rc_is(c, "yarn"))
		return false;
	sub = rc_sub(c, &yarn_opts, &k);
	if (!sub || !strcmp(sub, "install") || !strcmp(sub, "add"))
		return true;
	return !strcmp(sub, "global") && (a = rc_operand(c, &yarn_opts, &k)) >= 0
	       && !strcmp(c->argv[a], "add");
}

static bool yarn_cleans(const struct df_instr *in)
{
	struct run_walk w;
	const char *sub, *dir;
	for (const struct rcmd *c = run_cmds(&w, in, 0); c; c = run_next(&w)) {
		if (!rc_is(c, "yarn"))
			continue;
		if ((sub = rc_sub(c, &yarn_opts, NULL)) && !strcmp(sub, "cache")
		    && rc_word_has(c, "clean"))
			return true;
		if ((dir = rc_value(c, &yarn_opts, NULL, "--cache-folder"))
		    && (run_removes(in, dir) || run_mount_covers(in, dir)))
			return true;
	}
	return false;
}

static bool yarn_cache_handled(const struct dockerfile *df, size_t idx, const struct df_instr *in)
{
	const char *folder = run_env(df, idx, "YARN_CACHE_FOLDER");
	if (folder && *folder && (run_mount_covers(in, folder) || run_removes(in, folder)))
		return true;
	return run_mount_suffix(in, "yarn") || run_mount_suffix(in, "/.yarn/cache")
	       || run_mount_suffix(in, "/.yarn/berry/cache")
	       || run_removes(in, "/usr/local/share/.cache/yarn") || yarn_cleans(in);
}

static void check_yarn_cache(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	if (!df_may_run(df, "yarn"))
		return;
	struct run_walk w;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!yarn_install(c) || !stage_shipped(df, df->instr[w.idx].stage))
			continue;
		run_skip(&w);      /* one finding per RUN */
		/* the environment walk is the costly part: only for a RUN that needs it */
		if (!yarn_cache_handled(df, w.idx, w.in))
			finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
			            "yarn install without yarn cache clean in the same RUN");
	}
}

const struct rule rule_run_yarn_cache = {
	.id = "BW-D057",
	.title = "yarn install without yarn cache clean",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL3060"),
	.rationale = "yarn keeps every downloaded package in its global cache, which is shipped in "
	             "the layer and can double the size of node_modules in the image.",
	.remediation = "End the RUN with `&& yarn cache clean`, or use a cache mount: "
	               "`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`.",
	.check_dockerfile = check_yarn_cache,
};
