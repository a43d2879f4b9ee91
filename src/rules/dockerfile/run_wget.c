/* wget's progress output in build logs. */
#include "rules/rule.h"
#include "rules/dockerfile/cmd_opts.h"

/* hadolint's exceptions: a progress style chosen, quiet or terse output, or the log sent to a
 * file (-o, -a). "-nv" is one option, not -n -v. */
static bool quiet_wget(const struct rcmd *c)
{
	static const char *const opts[] = { "--progress", "-q", "--quiet", "--no-verbose", "-o",
	                                    "--output-file", "-a", "--append-output", NULL };
	for (const char *const *o = opts; *o; o++)
		if (rc_has(c, &wget_opts, *o))
			return true;
	return rc_word_has(c, "-nv");
}

static void check_wget(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	if (!df_may_run(df, "wget"))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w))
		if (rc_is(c, "wget") && !quiet_wget(c))
			finding_add(out, self, (struct loc){ df->path, c->line }, NULL,
			            "wget without --progress, -q or -nv prints a progress bar line by "
			            "line into the build log");
}

const struct rule rule_run_wget_progress = {
	.id = "BW-D060",
	.title = "wget without a progress option",
	.severity = SEV_INFO,
	.aliases = ALIASES("DL3047"),
	.rationale = "Without a terminal wget's default progress display writes a line for every few "
	             "kilobytes, so one large download can add thousands of lines to the build log "
	             "and hide the output that matters.",
	.remediation = "Use wget --progress=dot:giga, or -q / -nv (--quiet / --no-verbose).",
	.check_dockerfile = check_wget,
};
