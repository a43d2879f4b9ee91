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

static bool yarn_cache_clean(const struct rcmd *c)
{
	const char *sub;
	return rc_is(c, "yarn") && (sub = rc_sub(c, &yarn_opts, NULL)) && !strcmp(sub, "cache")
	       && rc_word_has(c, "clean");
}

/* Where the RUN's yarn keeps its cache: a cache or tmpfs mount there clears every install */
static bool cache_mounted(const struct df_instr *in, const char *folder)
{
	return (folder && *folder && run_mount_covers(in, folder)) || run_mount_suffix(in, "yarn")
	       || run_mount_suffix(in, "/.yarn/cache") || run_mount_suffix(in, "/.yarn/berry/cache");
}

/* A yarn install of the RUN that no cleanup follows (one before the install leaves what it
 * downloads): yarn cache clean, or removing the cache folder. *first is the first such. */
static bool uncleaned(const struct df_instr *in, const char *folder, struct rcmd *first)
{
	struct run_walk w;
	const char *own = NULL;    /* the last install's own --cache-folder */
	bool pending = false;
	for (const struct rcmd *c = run_cmds(&w, in, 0); c; c = run_next(&w)) {
		if (yarn_install(c)) {
			own = rc_value(c, &yarn_opts, NULL, "--cache-folder");
			if (own && run_mount_covers(in, own))
				continue;
			if (!pending)
				*first = *c;
			pending = true;
		} else if (yarn_cache_clean(c) || rc_removes(c, "/usr/local/share/.cache/yarn")
		           || (folder && *folder && rc_removes(c, folder))
		           || (own && rc_removes(c, own))) {
			pending = false;
		}
	}
	return pending;
}

static void check_yarn_cache(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	if (!df_may_run(df, "yarn"))
		return;
	struct run_walk w;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		struct rcmd first = { 0 };
		const char *folder;
		if (!yarn_install(c) || !stage_shipped(df, df->instr[w.idx].stage))
			continue;
		run_skip(&w);      /* one finding per RUN */
		/* the environment walk is the costly part: only for a RUN that needs it */
		folder = run_env(df, w.idx, "YARN_CACHE_FOLDER");
		if (!cache_mounted(w.in, folder) && uncleaned(w.in, folder, &first))
			finding_add(out, self, (struct loc){ df->path, first.line }, NULL,
			            "yarn install without yarn cache clean after it in the same RUN");
	}
}

const struct rule rule_run_yarn_cache = {
	.id = "BW-D057",
	.title = "yarn install without yarn cache clean",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL3060"),
	.rationale = "yarn keeps every downloaded package in its global cache, which is shipped in "
	             "the layer and can double the size of node_modules in the image. A clean "
	             "counts only after the install: one before it leaves what the install "
	             "downloads." UNSHIPPED_NOTE,
	.remediation = "End the RUN with `&& yarn cache clean`, or use a cache mount: "
	               "`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`.",
	.check_dockerfile = check_yarn_cache,
};
