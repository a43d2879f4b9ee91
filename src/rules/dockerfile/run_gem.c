/* gem install in RUN: version pins. */
#include "rules/rule.h"
#include "rules/dockerfile/run_pins.h"
#include "util/util.h"
#include <string.h>

static const char *const gem_long[] = { "--version", "--install-dir", "--bindir", "--source",
	"--trust-policy", "--platform", "--file", "--build-root", NULL };
static const struct sh_optspec gem_opts = { "vinsPg", gem_long };

static bool gem_install(const struct rcmd *c, size_t *pkgs)
{
	const char *sub;
	return rc_is(c, "gem") && (sub = rc_sub(c, &gem_opts, pkgs))
	       && (!strcmp(sub, "install") || !strcmp(sub, "i"));
}

/* gem:1.2.3, a local .gem file or path */
static bool gem_pinned(const char *p)
{
	return strchr(p, ':') || strchr(p, '/') || str_suffix(p, ".gem");
}

/* -v pins every gem of the command */
static bool gem_pkgs(const struct rcmd *c, struct pkgs *p)
{
	*p = (struct pkgs){ 0, &gem_opts, gem_pinned };
	return gem_install(c, &p->first) && !rc_has(c, &gem_opts, "-v")
	       && !rc_has(c, &gem_opts, "--version");
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	static const char *const runs[] = { "gem", NULL };
	static const struct pin_rule gem = { runs, gem_pkgs, "gem", "install without version pins" };
	check_pins(self, df, out, &gem);
}

const struct rule rule_run_gem_pin = {
	.id = "BW-D040",
	.title = "gem install of unpinned gems",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3028"),
	.rationale = "A gem named without a version installs whatever is latest at build time: "
	             "rebuilds are not reproducible and a hijacked release goes straight in.",
	.remediation = "Pin versions: `gem install rails:7.1.3` or `gem install rails -v 7.1.3`; "
	               "for applications use a Gemfile.lock and `bundle install`.",
	.check_dockerfile = check,
};
