/* bulwark explain ID: everything we know about one rule; ID may be an alias (DL3007). */
#include "cmd/cmd.h"
#include "rules/rule.h"
#include <stdio.h>
#include <string.h>

static void print_rule(const struct rule *r)
{
	printf("%s  %s\n\n", r->id, r->title);
	printf("severity:    %s\n", severity_name(r->severity));
	printf("target:      %s\n", r->check_dockerfile ? "Dockerfile" : "container spec "
	                            "(compose service, container, create request)");
	printf("CIS Docker:  %s\n", r->cis ? r->cis : "-");
	printf("aliases:    ");
	if (!r->aliases || !r->aliases[0])
		printf(" -");
	for (const char *const *a = r->aliases; a && *a; a++)
		printf(" %s", *a);
	printf("\n\nWhy:\n  %s\n\nFix:\n  %s\n", r->rationale, r->remediation);
	if (r->refs && r->refs[0]) {
		printf("\nReferences:\n");
		for (const char *const *x = r->refs; *x; x++)
			printf("  %s\n", *x);
	}
	printf("\nSuppress: '# bulwark:ignore=%s reason' on the line before, or in .bulwark.yaml.\n",
	       r->id);
}

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
	print_rule(r);
	return EXIT_CLEAN;
}

const struct cmd cmd_explain = {
	.name = "explain", .usage = "explain RULE-ID", .summary = "explain a rule (our id or an alias)",
	.run = run,
};
