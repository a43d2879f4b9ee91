/* go install in RUN: module versions. */
#include "rules/rule.h"
#include "rules/dockerfile/run_pins.h"
#include "util/util.h"
#include <string.h>

/* go build flags that take a value (single dash, as go writes them) */
static const char *const go_long[] = { "-C", "-p", "-asmflags", "-buildmode", "-compiler",
	"-gccgoflags", "-gcflags", "-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay",
	"-pgo", "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg", "-exec", NULL };
static const struct sh_optspec go_opts = { "", go_long };

/* pkg@v1.2.3 or a local package (./cmd/x); pkg and pkg@latest float */
static bool go_pinned(const char *p)
{
	const char *at = strrchr(p, '@');
	if (p[0] == '.' || p[0] == '/')
		return true;
	return at && at[1] && strcmp(at + 1, "latest");
}

static bool go_pkgs(const struct rcmd *c, struct pkgs *p)
{
	const char *sub;
	*p = (struct pkgs){ 0, &go_opts, go_pinned };
	return rc_is(c, "go") && (sub = rc_sub(c, &go_opts, &p->first))
	       && !strcmp(sub, "install");
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	static const char *const runs[] = { "go", NULL };
	static const struct pin_rule go = { runs, go_pkgs, "go", "install without a pinned @version" };
	check_pins(self, df, out, &go);
}

const struct rule rule_run_go_pin = {
	.id = "BW-D056",
	.title = "go install without a pinned version",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3062"),
	.rationale = "go install pkg or pkg@latest builds whatever the module's newest release is "
	             "at build time: rebuilds are not reproducible and a compromised release goes "
	             "straight in.",
	.remediation = "Name the version: `go install golang.org/x/tools/gopls@v0.15.3`.",
	.check_dockerfile = check,
};
