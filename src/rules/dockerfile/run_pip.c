/* pip install in RUN: version pins and the wheel cache. */
#include "rules/rule.h"
#include "rules/dockerfile/run_pins.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <ctype.h>
#include <string.h>

static const char *const pip_long[] = { "--requirement", "--constraint", "--editable",
	"--target", "--platform", "--python-version", "--implementation", "--abi", "--root",
	"--prefix", "--src", "--upgrade-strategy", "--global-option", "--config-settings",
	"--no-binary", "--only-binary", "--progress-bar", "--report", "--index-url",
	"--extra-index-url", "--find-links", "--install-option", "--log", "--proxy", "--retries",
	"--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir",
	"--python", "--use-feature", "--use-deprecated", "--keyring-provider", NULL };
static const struct sh_optspec pip_opts = { "rcetiCf", pip_long };

/* pip, pip3, pip3.12 (python -m pip is peeled to pip); not pipx or pipenv */
static bool is_pip_install(const struct rcmd *c, size_t *pkgs)
{
	const char *sub;
	if (!str_prefix(c->name, "pip"))
		return false;
	for (const char *p = c->name + 3; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return false;
	return (sub = rc_sub(c, &pip_opts, pkgs)) && !strcmp(sub, "install");
}

static bool vcs_url(const char *p)
{
	static const char *const vcs[] = { "git+", "hg+", "svn+", "bzr+", NULL };
	for (const char *const *v = vcs; *v; v++)
		if (str_prefix(p, *v))
			return true;
	return false;
}

/* pkg==1.2, pkg>=1,<2, pkg~=1.4, a VCS URL with @ref, a wheel, sdist, path or URL */
static bool pip_pinned(const char *p)
{
	static const char *const files[] = { ".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", NULL };
	if (strpbrk(p, "=<>!~"))
		return true;
	if (vcs_url(p)) {
		const char *slash = strrchr(p, '/');
		return slash && strchr(slash, '@');
	}
	if (strchr(p, '/') || p[0] == '.')
		return true;
	for (const char *const *f = files; *f; f++)
		if (str_suffix(p, *f))
			return true;
	return false;
}

/* an install from requirements or constraints files is left alone */
static bool pip_pkgs(const struct rcmd *c, struct pkgs *p)
{
	*p = (struct pkgs){ 0, &pip_opts, pip_pinned };
	return is_pip_install(c, &p->first) && !rc_has(c, &pip_opts, "-r")
	       && !rc_has(c, &pip_opts, "--requirement") && !rc_has(c, &pip_opts, "-c")
	       && !rc_has(c, &pip_opts, "--constraint");
}

static void check_pip_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const char *const runs[] = { "pip", NULL };
	static const struct pin_rule pip = { runs, pip_pkgs, "pip", "install without version pins" };
	check_pins(self, df, out, &pip);
}

const struct rule rule_run_pip_pin = {
	.id = "BW-D037",
	.title = "pip install of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3013"),
	.rationale = "Unpinned packages make the image depend on the day it was built: a rebuild "
	             "can silently pull a different, possibly broken or malicious, release.",
	.remediation = "Pin versions (`pip install requests==2.31.0`), or install from a "
	               "requirements file with pinned versions and hashes (`pip install "
	               "--require-hashes -r requirements.txt`).",
	.check_dockerfile = check_pip_pins,
};

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

static bool pip_cache_handled(const struct dockerfile *df, size_t idx, const struct df_instr *in)
{
	return pip_bool(run_env(df, idx, "PIP_NO_CACHE_DIR"))
	       || run_mount_covers(in, "/root/.cache/pip") || run_mount_suffix(in, "/.cache/pip")
	       || run_mount_suffix(in, "/.cache") || run_removes(in, "/root/.cache/pip")
	       || run_removes(in, "~/.cache/pip");
}

static bool cache_purged(const struct df_instr *in)
{
	struct run_iter it;
	struct rcmd c;
	const char *sub;
	run_iter_init(&it, in, 0);
	while (run_next(&it, &c))
		if (str_prefix(c.name, "pip") && (sub = rc_sub(&c, &pip_opts, NULL))
		    && !strcmp(sub, "cache") && (rc_word_has(&c, "purge") || rc_word_has(&c, "remove")))
			return true;
	return false;
}

static void check_pip_cache(const struct rule *self, const struct dockerfile *df,
                            struct findings *out)
{
	if (!df_may_run(df, "pip"))
		return;
	const struct df_instr *in;
	for_each_run(df, i, in) {
		struct run_iter it;
		struct rcmd c;
		size_t k;
		if (!stage_shipped(df, df->instr[i].stage) || pip_cache_handled(df, i, in)
		    || cache_purged(in))
			continue;
		run_iter_init(&it, in, df->instr[i].line);
		while (run_next(&it, &c)) {
			if (!is_pip_install(&c, &k) || rc_has(&c, &pip_opts, "--no-cache-dir")
			    || no_cache_env(in, &c))
				continue;
			finding_add(out, self, (struct loc){ df->path, c.line }, NULL,
			            "pip install without --no-cache-dir");
			break;
		}
	}
}

const struct rule rule_run_pip_cache = {
	.id = "BW-D038",
	.title = "pip install without --no-cache-dir",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3042"),
	.rationale = "pip keeps downloaded wheels in ~/.cache/pip, which ends up in the layer: a "
	             "bigger image for no benefit, since the cache is never reused there.",
	.remediation = "Use `pip install --no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a "
	               "cache mount: `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.",
	.check_dockerfile = check_pip_cache,
};
