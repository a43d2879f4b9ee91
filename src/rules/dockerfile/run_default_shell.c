/* Replacing /bin/sh in RUN instead of choosing the shell with SHELL. */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"
#include "util/util.h"

static const char *const ln_long[] = { "--suffix", "--target-directory", NULL };
static const struct sh_optspec ln_opts = { "St", ln_long };

/* The link ln makes: its last operand when there are two or more and no -t directory. hadolint
 * fires on /bin/sh anywhere among the words, which also catches "ln -s /bin/sh /opt/sh", a link
 * to the shell that replaces nothing. */
static const char *ln_link(const struct rcmd *c)
{
	size_t i = 1, n = 0;
	long at, last = -1;
	if (rc_has(c, &ln_opts, "-t") || rc_has(c, &ln_opts, "--target-directory"))
		return NULL;
	while ((at = rc_operand(c, &ln_opts, &i)) >= 0)
		last = at, n++;
	return n >= 2 ? c->argv[last] : NULL;
}

/* /usr/bin/sh is the same file where /bin is a link to /usr/bin. */
static void check_ln_sh(const struct rule *self, const struct dockerfile *df,
                        struct findings *out)
{
	struct run_walk w;
	const char *link;
	if (!df_may_run(df, "ln"))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w))
		if (rc_is(c, "ln") && (link = ln_link(c)) &&
		    (str_eq(link, "/bin/sh") || str_eq(link, "/usr/bin/sh")))
			finding_add(out, self, (struct loc){ df->path, c->line }, link,
			            "ln replaces %s: use SHELL to change the shell", link);
}

const struct rule rule_run_ln_sh = {
	.id = "BW-D065",
	.title = "/bin/sh replaced with ln instead of SHELL",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL4005"),
	.rationale = "Linking another shell over /bin/sh changes the shell of every script in the "
	             "image, including the distribution's own maintainer scripts and the container's "
	             "entrypoint, which were written for the original; it also hides from a reader "
	             "which shell the RUN lines use. Unlike hadolint's DL4005, which fires on /bin/sh "
	             "anywhere in an ln command, only a link made at /bin/sh (or /usr/bin/sh) counts: "
	             "ln -s /bin/sh /opt/sh replaces nothing.",
	.remediation = "Leave /bin/sh alone and set the shell for the build's RUN lines: SHELL "
	               "[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"].",
	.check_dockerfile = check_ln_sh,
};
