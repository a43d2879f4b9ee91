/* bulwark authz: the authorization plugin's offline subcommands (check, lint, policy). Each
 * subcommand is one entry in the table below. */
#include "authz/authz.h"
#include "cmd/cmd.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(const char *u)
{
	fprintf(stderr, "usage: bulwark %s\n", u);
	return EXIT_ERROR;
}

static int run_check(int argc, char **argv)
{
	static const char u[] = "authz check [--policy FILE] [--format text|json] REQUEST.json";
	const char *policy = NULL, *req = NULL;
	bool as_json = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc)
			policy = argv[++i];
		else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			as_json = !strcmp(argv[++i], "json");
			if (!as_json && strcmp(argv[i], "text"))
				return usage(u);
		} else if (argv[i][0] == '-' || req)
			return usage(u);
		else
			req = argv[i];
	}
	if (!req)
		return usage(u);
	int allowed = authz_check_file(policy, req, as_json);
	return allowed < 0 ? EXIT_ERROR : allowed ? EXIT_CLEAN : EXIT_FINDINGS;
}

static int run_lint(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return usage("authz lint FILE");
	return authz_lint_file(argv[1]) ? EXIT_CLEAN : EXIT_ERROR;
}

static int run_policy(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "--default"))
		return usage("authz policy --default");
	fputs(authz_policy_default_text(), stdout);
	return EXIT_CLEAN;
}

static const struct cmd subs[] = {
	{ "check", "authz check [--policy FILE] [--format text|json] REQUEST.json",
	  "decide one recorded plugin request offline (exit 0 allowed, 1 denied)", run_check },
	{ "lint", "authz lint FILE", "validate a policy file", run_lint },
	{ "policy", "authz policy --default", "print the built-in policy", run_policy },
	{ "serve", "authz serve [--socket PATH] [--policy FILE] [--audit-log FILE] [--threads N]",
	  "serve the engine's authorization plugin protocol", authz_serve_main },
	{ "install", "authz install [--socket PATH] [--policy FILE] [--unit-dir DIR]",
	  "write a systemd unit for the plugin and print the daemon.json line", authz_install_main },
};

static int run(int argc, char **argv)
{
	for (size_t i = 0; argc >= 2 && i < sizeof subs / sizeof *subs; i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1);
	fprintf(stderr, "usage: bulwark authz COMMAND\n");
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		fprintf(stderr, "  bulwark %s\n      %s\n", subs[i].usage, subs[i].summary);
	return EXIT_ERROR;
}

const struct cmd cmd_authz = {
	.name = "authz",
	.usage = "authz check|lint|policy ...",
	.summary = "Docker authorization plugin: decide requests, validate policies",
	.run = run,
};
