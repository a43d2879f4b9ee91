#include "cmd/cmd.h"
#include <stddef.h>
#include <stdio.h>
#include <string.h>

const struct cmd *const cmd_table[] = {
	&cmd_lint, &cmd_audit, &cmd_image, &cmd_vulns, &cmd_sbom, &cmd_verify, &cmd_secrets,
	&cmd_rules, &cmd_explain, &cmd_version, &cmd_authz, &cmd_db, &cmd_store, &cmd_report,
	&cmd_watch, &cmd_baseline, &cmd_completion,
	&cmd_help, &cmd_man,
	NULL,
};

int cmd_main(int argc, char **argv)
{
	if (argc < 2) {   /* no command is a usage error: the list goes where errors go */
		cmd_help_print(stderr);
		return EXIT_ERROR;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		name = "help";
	if (strcmp(name, "--version") == 0)
		name = "version";
	for (const struct cmd *const *c = cmd_table; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return (*c)->run(argc - 1, argv + 1);
	fprintf(stderr, "bulwark: unknown command '%s' (see 'bulwark help')\n", name);
	return EXIT_ERROR;
}
