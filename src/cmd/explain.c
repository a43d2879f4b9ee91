/* bulwark explain ID: everything we know about a rule; ID may be an alias (DL3007) or a CIS
 * number (4.1), which explains every rule of it, or a peer's check bulwark does not adopt. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "rules/peers.h"
#include "rules/rule.h"
#include "report/report.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const struct rule *const *)a)->id, (*(const struct rule *const *)b)->id);
}

static int run(int argc, char **argv)
{
	const struct opts p = { "explain", cmd_explain.usage, NULL, 0, NULL, NULL };
	int rc = opts_only_help(&p, argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return opts_usage_error(&p, "explain takes one rule id", NULL);
	const char *id = argv[optind];
	const struct rule *v[16];
	size_t n = rules_matching(id, v, 16);
	const struct peer_check *pc = n ? NULL : peer_not_adopted(id);
	if (pc) {
		printf("%s  %s: %s\n\nNot adopted by bulwark:\n  %s\n", pc->id, pc->tool, pc->title,
		       pc->reason);
		return EXIT_CLEAN;
	}
	if (!n) {
		fprintf(stderr, "bulwark: unknown rule '%s' (see 'bulwark rules')\n", id);
		return EXIT_ERROR;
	}
	n = n < 16 ? n : 16;
	qsort(v, n, sizeof *v, by_id);
	if (n > 1) {
		printf("%s names %zu rules:", id, n);
		for (size_t i = 0; i < n; i++)
			printf("%s%s", i ? ", " : " ", v[i]->id);
		fputs("\n\n", stdout);
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs("\n", stdout);
		report_explain(stdout, v[i]);
	}
	return EXIT_CLEAN;
}

const struct cmd cmd_explain = {
	.name = "explain", .usage = "explain RULE-ID",
	.summary = "explain a rule (our id, an alias, or a CIS number for all its rules)", .run = run,
	.operands = OPERANDS_RULES,
};
