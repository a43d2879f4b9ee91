/* bulwark rules: the rule table as text, JSON or the Markdown of docs/rules.md. */
#include "cmd/cmd.h"
#include "report/report.h"
#include <stdio.h>
#include <string.h>

static int run(int argc, char **argv)
{
	const char *fmt = "text";
	if (argc == 3 && !strcmp(argv[1], "--format"))
		fmt = argv[2];
	else if (argc == 2 && !strncmp(argv[1], "--format=", 9))
		fmt = argv[1] + 9;
	else if (argc != 1) {
		fprintf(stderr, "usage: bulwark %s\n", cmd_rules.usage);
		return argc == 2 && !strcmp(argv[1], "--help") ? EXIT_CLEAN : EXIT_ERROR;
	}
	if (report_rules(stdout, fmt) == 0)
		return EXIT_CLEAN;
	fprintf(stderr, "bulwark: unknown format '%s' (text, json, markdown)\n", fmt);
	return EXIT_ERROR;
}

const struct cmd cmd_rules = {
	.name = "rules", .usage = "rules [--format text|json|markdown]", .summary = "list all rules",
	.run = run,
};
