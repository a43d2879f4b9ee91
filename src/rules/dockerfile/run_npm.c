/* npm and yarn in RUN: version pins and the yarn cache. */
#include "rules/rule.h"
#include "rules/dockerfile/run_pins.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <string.h>

static const char *const npm_long[] = { "--registry", "--prefix", "--workspace", "--tag",
	"--cache", "--userconfig", "--globalconfig", "--loglevel", "--omit", "--include",
	"--install-strategy", NULL };
static const struct sh_optspec npm_opts = { "wC", npm_long };

static bool npm_install(const struct rcmd *c, size_t *pkgs)
{
	static const char *const subs[] = { "install", "i", "in", "add", "isntall", NULL };
	const char *sub;
	if (!rc_is(c, "npm") || !(sub = rc_sub(c, &npm_opts, pkgs)))
		return false;
	for (const char *const *s = subs; *s; s++)
		if (!strcmp(sub, *s))
			return true;
	return false;
}

static bool has_prefix_of(const char *p, const char *const *l)
{
	for (; *l; l++)
		if (str_prefix(p, *l))
			return true;
	return false;
}

/* name@1.2.3, @scope/name@^1, a git URL with #ref, a tarball, a folder */
static bool npm_pinned(const char *p)
{
	static const char *const git[] = { "git://", "git+ssh://", "git+http://", "git+https://",
		"github:", "gitlab:", "bitbucket:", "gist:", NULL };
	static const char *const local[] = { "/", "./", "../", "~/", "file:", "http://",
		"https://", NULL };
	const char *at, *name = p;
	if (has_prefix_of(p, git))
		return strchr(p, '#') != NULL;
	if (has_prefix_of(p, local) || str_suffix(p, ".tgz") || str_suffix(p, ".tar")
	    || str_suffix(p, ".tar.gz"))
		return true;
	if (p[0] == '@' && !(name = strchr(p, '/')))
		return false;
	if (p[0] != '@' && strchr(p, '/'))           /* user/repo on GitHub */
		return strchr(p, '#') != NULL;
	at = strchr(name, '@');
	return at && at[1] && strcmp(at + 1, "latest");
}

static bool npm_pkgs(const struct rcmd *c, struct pkgs *p)
{
	*p = (struct pkgs){ 0, &npm_opts, npm_pinned };
	return npm_install(c, &p->first);
}

static void check_npm_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const char *const runs[] = { "npm", NULL };
	static const struct pin_rule npm = { runs, npm_pkgs, "npm", "install without version pins" };
	check_pins(self, df, out, &npm);
}

const struct rule rule_run_npm_pin = {
	.id = "BW-D039",
	.title = "npm install of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3016"),
	.rationale = "A package named without a version installs whatever is latest at build "
	             "time: rebuilds are not reproducible and a hijacked release goes straight in.",
	.remediation = "Pin versions (`npm install -g typescript@5.4.5`), or install from "
	               "package-lock.json with `npm ci`.",
	.check_dockerfile = check_npm_pins,
};

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
	struct run_iter it;
	struct rcmd c;
	const char *sub, *dir;
	run_iter_init(&it, in, 0);
	while (run_next(&it, &c)) {
		if (!rc_is(&c, "yarn"))
			continue;
		if ((sub = rc_sub(&c, &yarn_opts, NULL)) && !strcmp(sub, "cache")
		    && rc_word_has(&c, "clean"))
			return true;
		if ((dir = rc_value(&c, &yarn_opts, NULL, "--cache-folder"))
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
	const struct df_instr *in;
	for_each_run(df, i, in) {
		struct run_iter it;
		struct rcmd c;
		if (!stage_shipped(df, df->instr[i].stage))
			continue;
		run_iter_init(&it, in, df->instr[i].line);
		while (run_next(&it, &c)) {
			/* the environment walk is the costly part: only for a RUN that needs it */
			if (!yarn_install(&c) || yarn_cache_handled(df, i, in))
				continue;
			finding_add(out, self, (struct loc){ df->path, c.line }, NULL,
			            "yarn install without yarn cache clean in the same RUN");
			break;
		}
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
