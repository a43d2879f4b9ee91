/* go install in RUN: module versions. */
#include "rules/rule.h"
#include "rules/dockerfile/run_util.h"
#include "util/util.h"
#include <string.h>

/* go build flags that take a value (single dash, as go writes them) */
static const char *const go_long[] = { "-C", "-p", "-asmflags", "-buildmode", "-compiler",
	"-gccgoflags", "-gcflags", "-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay",
	"-pgo", "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg", "-exec", NULL };
static const struct optspec go_opts = { "", go_long };

/* pkg@v1.2.3 or a local package (./cmd/x); pkg and pkg@latest float */
static bool go_pinned(const char *p)
{
	const char *at = strrchr(p, '@');
	if (p[0] == '.' || p[0] == '/')
		return true;
	return at && at[1] && strcmp(at + 1, "latest");
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	const struct df_instr *in;
	for_each_run(df, i, in) {
		struct namelist l = { 0 };
		struct run_iter it;
		struct rcmd c;
		const char *sub;
		size_t k;
		long a;
		run_iter_init(&it, in, df->instr[i].line);
		while (run_next(&it, &c)) {
			if (strcmp(c.name, "go") || !(sub = rc_sub(&c, &go_opts, &k))
			    || strcmp(sub, "install"))
				continue;
			while ((a = rc_operand(&c, &go_opts, &k)) >= 0)
				if (!word_dynamic(c.argv[a]) && !go_pinned(c.argv[a]))
					namelist_add(&l, c.argv[a], c.line);
		}
		if (l.n)
			finding_add(out, self, (struct loc){ df->path, l.line }, l.s,
			            "go install without a pinned @version: %s", l.s);
	}
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
