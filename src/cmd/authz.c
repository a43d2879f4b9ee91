/* bulwark authz: the authorization plugin's subcommands (check, lint, policy, serve, install).
 * Each subcommand is one entry in the table below and parses its own options. */
#include "authz/authz.h"
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "util/util.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const *check_formats(void)
{
	static const char *const v[] = { "text", "json", NULL };
	return v;
}

static const struct opt check_opts[] = {
	{ "policy", 'p' + 256, "FILE", "policy file (default: the built-in policy)", 0 },
	{ "format", 'f' + 256, "FMT", "text (default) or json", 0, check_formats },
	{ NULL, 0, NULL, NULL, 0 },
};

static void check_describe(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "authz check", self->usage, check_opts, 0, NULL, NULL };
}

static int run_check(int argc, char **argv)
{
	const struct opts p = { "authz check", "authz check [--policy FILE] [--format text|json] "
	                        "REQUEST.json", check_opts, 0, NULL, NULL };
	const char *policy = NULL;
	bool as_json = false;
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE) {
		if (c == OPT_EXIT)
			return rc;
		if (c == 'p' + 256)
			policy = optarg;
		else if (!strcmp(optarg, "json") || !strcmp(optarg, "text"))
			as_json = !strcmp(optarg, "json");
		else
			return opts_usage_error(&p, "unknown format (text, json)", optarg);
	}
	if (argc - optind != 1)
		return opts_usage_error(&p, "authz check takes one request file", NULL);
	int allowed = authz_check_file(policy, argv[optind], as_json);
	return allowed < 0 ? EXIT_ERROR : allowed ? EXIT_CLEAN : EXIT_FINDINGS;
}

static int run_lint(int argc, char **argv)
{
	const struct opts p = { "authz lint", "authz lint FILE", NULL, 0, NULL, NULL };
	int rc = opts_only_help(&p, argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return opts_usage_error(&p, "authz lint takes one policy file", NULL);
	return authz_lint_file(argv[optind]) ? EXIT_CLEAN : EXIT_ERROR;
}

static const struct opt policy_opts[] = {
	{ "default", 256, NULL, "the built-in policy (required: the only one this prints)", 0 },
	{ NULL, 0, NULL, NULL, 0 },
};

static void policy_describe(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "authz policy", self->usage, policy_opts, 0, NULL, NULL };
}

static int run_policy(int argc, char **argv)
{
	const struct opts p = { "authz policy", "authz policy --default", policy_opts, 0, NULL,
	                        NULL };
	int c, rc = -1;
	bool dflt = false;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE)
		if (c == OPT_EXIT)
			return rc;
		else
			dflt = true;
	if (!dflt || optind < argc)
		return opts_usage_error(&p, "authz policy prints the built-in policy: --default", NULL);
	fputs(authz_policy_default_text(), stdout);
	return EXIT_CLEAN;
}

static const struct cmd subs[] = {
	{ "check", "authz check [--policy FILE] [--format text|json] REQUEST.json",
	  "decide one recorded plugin request offline (exit 0 allowed, 1 denied, 2 not a request)",
	  run_check, NULL, check_describe },
	{ "lint", "authz lint FILE", "validate a policy file", run_lint, NULL },
	{ "policy", "authz policy --default", "print the built-in policy", run_policy, NULL,
	  policy_describe, .operands = OPERANDS_NONE },
	{ "serve", "authz serve [--socket PATH] [--policy FILE] [--audit-log FILE] [--threads N]",
	  "serve the engine's authorization plugin protocol", authz_serve_main, NULL,
	  authz_serve_opts, .operands = OPERANDS_NONE },
	{ "install", "authz install [--socket PATH] [--policy FILE] [--unit-dir DIR]",
	  "write a systemd unit for the plugin and print the daemon.json line", authz_install_main,
	  NULL, authz_install_opts, .operands = OPERANDS_NONE },
	{ NULL, NULL, NULL, NULL, NULL },
};
#define NSUBS (sizeof subs / sizeof *subs - 1)

static void list(FILE *fp)
{
	fprintf(fp, "usage: bulwark authz COMMAND [options]   ('bulwark authz COMMAND --help')\n\n"
	        "commands:\n");
	for (size_t i = 0; i < NSUBS; i++)
		fprintf(fp, "  bulwark %s\n      %s\n", subs[i].usage, subs[i].summary);
}

static int run(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		list(stdout);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; argc >= 2 && i < NSUBS; i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1);
	if (argc >= 2)
		fprintf(stderr, "bulwark: unknown %s: %s\n", argv[1][0] == '-' ? "option" :
		        "authz command", argv[1]);
	list(stderr);
	return EXIT_ERROR;
}

const struct cmd cmd_authz = {
	.name = "authz",
	.usage = "authz check|lint|policy|serve|install ...",
	.summary = "Docker authorization plugin: serve it, decide requests, validate policies",
	.run = run,
	.subs = subs,
};
