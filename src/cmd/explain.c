/* bulwark explain ID: everything we know about one rule; ID may be an alias (DL3007). */
#include "cmd/cmd.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the peers document the same check; the URL shapes are theirs. */
static void print_alias_ref(const char *a)
{
	if (str_prefix(a, "DL"))
		printf("  hadolint %s: https://github.com/hadolint/hadolint/wiki/%s\n", a, a);
	else if (str_prefix(a, "DS"))
		printf("  Trivy AVD-DS-%04d: https://avd.aquasec.com/misconfig/ds%03d\n", atoi(a + 2),
		       atoi(a + 2));
	else if (str_prefix(a, "CIS-DI-") || str_prefix(a, "DKL-"))
		printf("  Dockle %s: https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md\n",
		       a);
}

static void print_refs(const struct rule *r)
{
	printf("\nReferences:\n");
	if (r->cis)
		printf("  CIS Docker Benchmark v1.6.0, recommendation %s\n", r->cis);
	for (const char *const *a = r->aliases; a && *a; a++)
		print_alias_ref(*a);
	for (const char *const *x = r->refs; x && *x; x++)
		printf("  %s\n", *x);
	if (!r->cis && !(r->aliases && r->aliases[0]) && !(r->refs && r->refs[0]))
		printf("  bulwark's own check\n");
}

static void print_rule(const struct rule *r)
{
	printf("%s  %s\n\n", r->id, r->title);
	printf("severity:    %s\n", severity_name(r->severity));
	static const struct { const char *t, *text; } what[] = {
		{ "dockerfile", "Dockerfile" },
		{ "container", "container spec (compose service, container, create request)" },
		{ "host", "Docker host (files, mounts, audit rules, groups)" },
		{ "daemon", "Docker daemon (daemon.json, service flags, engine API)" },
		{ "image", "image (config, layers and files)" },
		{ "file", "plain files (bulwark secrets)" },
	};
	const char *t = rule_target(r);
	for (size_t i = 0; i < sizeof what / sizeof *what; i++)
		if (!strcmp(what[i].t, t))
			t = what[i].text;
	printf("target:      %s\n", t);
	printf("CIS Docker:  %s", r->cis ? r->cis : "-");
	if (r->cis && r->cis8)
		printf(" (v1.6.0; %s in v1.8.0)", r->cis8);
	printf("\n");
	printf("aliases:    ");
	if (!r->aliases || !r->aliases[0])
		printf(" -");
	for (const char *const *a = r->aliases; a && *a; a++)
		printf(" %s", *a);
	printf("\n\nWhy:\n  %s\n\nFix:\n  %s\n", r->rationale, r->remediation);
	print_refs(r);
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
