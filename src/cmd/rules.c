/* bulwark rules: the rule table as text, JSON or the Markdown of docs/rules.md. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "report/report.h"
#include <getopt.h>
#include <stdio.h>

static const char *const *formats(void)
{
	static const char *const v[] = { "text", "json", "markdown", NULL };
	return v;
}

static const struct opt table[] = {
	{ "format", 256, "FMT", "text (default), json or markdown (docs/rules.md)", 0, formats },
	{ NULL, 0, NULL, NULL, 0 },
};

static void opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "rules", self->usage, table, 0, NULL, NULL };
}

static int run(int argc, char **argv)
{
	struct opts p;
	opts(&cmd_rules, &p);
	const char *fmt = "text";
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c == OPT_EXIT)
			return rc;
		else
			fmt = optarg;
	if (optind < argc)
		return opts_usage_error(&p, "unexpected argument", argv[optind]);
	if (report_rules(stdout, fmt) == 0)
		return EXIT_CLEAN;
	return opts_usage_error(&p, "unknown format (text, json, markdown)", fmt);
}

const struct cmd cmd_rules = {
	.name = "rules", .usage = "rules [--format text|json|markdown]", .summary = "list all rules",
	.run = run, .opts = opts, .operands = OPERANDS_NONE,
};
