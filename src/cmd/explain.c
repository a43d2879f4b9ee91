/* bulwark explain ID: everything we know about one rule; ID may be an alias (DL3007). */
#include "cmd/cmd.h"
#include "rules/rule.h"
#include "report/report.h"
#include <stdio.h>
#include <string.h>

static int run(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
			printf("usage: bulwark %s\n", cmd_explain.usage);
			return EXIT_CLEAN;
		}
		fprintf(stderr, "usage: bulwark %s\n", cmd_explain.usage);
		return EXIT_ERROR;
	}
	const struct rule *r = rule_find(argv[1]);
	if (!r) {
		fprintf(stderr, "bulwark: unknown rule '%s' (see 'bulwark rules')\n", argv[1]);
		return EXIT_ERROR;
	}
	report_explain(stdout, r);
	return EXIT_CLEAN;
}

const struct cmd cmd_explain = {
	.name = "explain", .usage = "explain RULE-ID", .summary = "explain a rule (our id or an alias)",
	.run = run,
};
