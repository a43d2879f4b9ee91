/* apt-get in RUN: stale index layers, prompts, recommends, lists left behind, apt itself. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <string.h>

static bool apt_sub(const struct rcmd *c, const char *sub)
{
	return pm_sub_in(c, PM_APT, (const char *const[]){ sub, NULL });
}

/* ---- BW-D030: index update with nothing installed after it in the same RUN ---- */

static bool is_update(const struct rcmd *c, enum pm *pm)
{
	enum pm p = pm_of(c);
	const char *sub;
	if ((p != PM_APT && p != PM_APK) || !(sub = rc_sub(c, pm_opts(p), NULL)))
		return false;
	*pm = p;
	return !strcmp(sub, pm_get(p)->update);
}

static bool installs_after(const struct df_instr *in, size_t index, enum pm pm)
{
	struct run_walk w;
	for (const struct rcmd *c = run_cmds(&w, in, 0); c; c = run_next(&w))
		if (c->index > index && pm_sub_in(c, pm, pm_get(pm)->index_users))
			return true;
	return false;
}

static void check_update_alone(const struct rule *self, const struct dockerfile *df,
                               struct findings *out)
{
	if (!df_may_run(df, "apt") && !df_may_run(df, "apk"))
		return;
	struct run_walk w;
	enum pm pm;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!is_update(c, &pm) || installs_after(w.in, c->index, pm))
			continue;
		finding_add(out, self, (struct loc){ df->path, c->line }, pm == PM_APT ?
		            "apt-get update" : "apk update",
		            "%s update without an install after it in the same RUN", c->name);
	}
}

const struct rule rule_run_update_alone = {
	.id = "BW-D030",
	.title = "Package index updated in a RUN that installs nothing",
	.severity = SEV_MEDIUM,
	.cis = "4.7",
	.aliases = ALIASES("DS017", "CIS-DI-0007"),
	.rationale = "The build cache keeps the layer of a RUN that only updates the package index, so "
	             "later installs can use a stale index and get outdated packages that miss "
	             "security fixes.",
	.remediation = "Update and install in one RUN: `RUN apt-get update && apt-get install -y "
	               "--no-install-recommends pkg=1.2.* && rm -rf /var/lib/apt/lists/*`, or use "
	               "`apk add --no-cache`.",
	.check_dockerfile = check_update_alone,
};

/* ---- apt configuration written by earlier commands (echo 'APT::... "0";' > apt.conf.d) ---- */

/* A word of a command in this RUN or one before it in the stage chain sets key to one of the
 * values: `-o APT::Install-Recommends=false`, `echo 'APT::Install-Recommends "0";' > ...`. */
static bool word_sets(const char *w, const char *key, const char *const *vals)
{
	const char *p = str_icontains(w, key);
	if (!p)
		return false;
	for (; *vals; vals++)
		if (str_icontains(p + strlen(key), *vals))
			return true;
	return false;
}

static bool run_sets(const struct df_instr *in, const char *key, const char *const *vals)
{
	for (size_t i = 0; i < in->sh.ncmds; i++)
		for (size_t k = 0; k < in->sh.cmds[i].argc; k++)
			if (word_sets(in->sh.cmds[i].argv[k], key, vals))
				return true;
	for (size_t k = 0; !in->sh.ncmds && k < in->argc; k++)
		if (word_sets(in->argv[k], key, vals))
			return true;
	return false;
}

static bool apt_conf(const struct dockerfile *df, size_t idx, const struct df_instr *cur,
                     const char *key, const char *const *vals)
{
	struct back_iter b;
	const struct df_instr *in;
	if (run_sets(cur, key, vals))
		return true;
	back_init(&b, df, idx);
	while ((in = back_next(&b)))
		if (in->kind == DF_RUN && run_sets(in, key, vals))
			return true;
	return false;
}

/* A switch apt-get install should have, and the apt setting that does its job instead. */
struct apt_switch {
	bool (*given)(const struct rcmd *c);
	const char *key;              /* "APT::Get::Assume-Yes" */
	const char *const *vals;      /* values of key that do the job */
	const char *name;             /* "-y", for the message */
	const char *aptitude_name;    /* aptitude's own switch, if it differs */
};

static void check_switch(const struct rule *self, const struct dockerfile *df,
                         struct findings *out, const struct apt_switch *sw)
{
	struct run_walk w;
	if (!df_may_run(df, "apt"))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w))
		if (apt_sub(c, "install") && !sw->given(c)
		    && !apt_conf(df, w.idx, w.in, sw->key, sw->vals))
			finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
			            "%s install without %s", c->name,
			            sw->aptitude_name && rc_is(c, "aptitude") ? sw->aptitude_name
			                                                      : sw->name);
}

/* ---- BW-D031: apt-get install without -y ---- */

static const char *const truthy[] = { "true", "1", "yes", NULL };
static const char *const falsy[] = { "false", "0", "no", NULL };

/* apt-get's -qq (also -q -q, --quiet --quiet) implies -y; aptitude's does not */
static bool assumes_yes(const struct rcmd *c)
{
	if (pm_assumes_yes(c, PM_APT))
		return true;
	return !rc_is(c, "aptitude")
	       && (rc_opt_count(c, pm_opts(PM_APT), 'q', "--quiet") >= 2
	           || rc_word_has(c, "-q=2") || rc_word_has(c, "--quiet=2"));
}

static void check_yes(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	static const struct apt_switch yes = { assumes_yes, "APT::Get::Assume-Yes", truthy,
		"-y" };
	check_switch(self, df, out, &yes);
}

const struct rule rule_run_apt_no_yes = {
	.id = "BW-D031",
	.title = "apt-get install without -y",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3014", "DS021"),
	.rationale = "Without -y apt-get (or aptitude) waits for a confirmation that never comes "
	             "in a build; the build fails or, with some front ends, aborts the install "
	             "silently.",
	.remediation = "Use `apt-get install -y` (or `--yes`, or `-qq`, `--quiet --quiet`).",
	.check_dockerfile = check_yes,
};

/* ---- BW-D032: apt-get install without --no-install-recommends ---- */

static bool no_recommends(const struct rcmd *c)
{
	const struct sh_optspec *o = pm_opts(PM_APT);
	if (rc_has(c, o, "--no-install-recommends"))
		return true;
	return rc_is(c, "aptitude") && (rc_has(c, o, "-R") || rc_has(c, o, "--without-recommends"));
}

static void check_recommends(const struct rule *self, const struct dockerfile *df,
                             struct findings *out)
{
	static const struct apt_switch norec = { no_recommends, "APT::Install-Recommends", falsy,
		"--no-install-recommends", "-R (--without-recommends)" };
	check_switch(self, df, out, &norec);
}

const struct rule rule_run_apt_recommends = {
	.id = "BW-D032",
	.title = "apt-get install without --no-install-recommends",
	.severity = SEV_LOW,
	.cis = "4.3",
	.aliases = ALIASES("DL3015", "DS029"),
	.rationale = "Recommended packages are pulled in by default: more software in the image "
	             "means a larger attack surface and more vulnerabilities to patch.",
	.remediation = "Add `--no-install-recommends` to `apt-get install` (`-R` to `aptitude "
	               "install`) and list what is really needed.",
	.check_dockerfile = check_recommends,
};

/* ---- BW-D033: apt lists left in the layer ---- */

static void check_lists(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	if (!df_may_run(df, "apt"))
		return;
	static const char lists[] = "/var/lib/apt/lists";
	struct run_walk w;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!apt_sub(c, "update"))
			continue;
		run_skip(&w);      /* one finding per RUN */
		if (!stage_shipped(df, df->instr[w.idx].stage)
		    || run_removes_after(w.in, lists, c->index) || run_mount_covers(w.in, lists))
			continue;
		finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
		            "%s update without rm -rf /var/lib/apt/lists/* after it in the same RUN",
		            c->name);
	}
}

const struct rule rule_run_apt_lists = {
	.id = "BW-D033",
	.title = "apt package lists left in the image",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3009", "DKL-DI-0005"),
	.rationale = "The package lists fetched by apt-get update (or aptitude update) stay in the "
	             "layer: tens of megabytes of stale metadata in every image built from it.",
	.remediation = "End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use "
	               "`RUN --mount=type=cache,target=/var/lib/apt/lists ...`.",
	.check_dockerfile = check_lists,
};

/* ---- BW-D049: apt instead of apt-get ---- */

static void check_apt_cli(const struct rule *self, const struct dockerfile *df,
                          struct findings *out)
{
	if (!df_may_run(df, "apt"))
		return;
	struct run_walk w;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		const char *sub;
		if (!rc_is(c, "apt"))
			continue;
		sub = rc_sub(c, pm_opts(PM_APT), NULL);
		finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
		            "apt %s: use apt-get or apt-cache in scripts", sub ? sub : "");
	}
}

const struct rule rule_run_apt_cli = {
	.id = "BW-D049",
	.title = "apt used instead of apt-get",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3027"),
	.rationale = "apt is an interactive front end without a stable command-line interface; its "
	             "behaviour and output can change between releases and break builds.",
	.remediation = "Use `apt-get` (or `apt-cache`) in Dockerfiles.",
	.check_dockerfile = check_apt_cli,
};
