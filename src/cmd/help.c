/* bulwark help [COMMAND [SUBCOMMAND]]: the list of commands, or one command's --help. */
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

void cmd_help_print(FILE *fp)
{
	fprintf(fp, "usage: bulwark COMMAND [options]\n\nbulwark: secure a Docker environment and "
	        "keep it so\n\ncommands:\n");
	for (const struct cmd *const *c = cmd_table; *c; c++)
		if (!(*c)->hidden)
			fprintf(fp, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fprintf(fp, "\n'bulwark COMMAND --help' for a command's options. Exit status: 0 clean, 1 "
	        "findings at or above --fail-on, 2 usage or input error.\n");
}

static int run(int argc, char **argv)
{
	const struct opts p = { "help", cmd_help.usage, NULL, 0, NULL, NULL };
	int rc = opts_only_help(&p, argc, argv);
	if (rc >= 0)
		return rc;
	if (optind == argc) {
		cmd_help_print(stdout);
		return EXIT_CLEAN;
	}
	if (argc - optind > 2)
		return opts_usage_error(&p, "too many arguments", NULL);
	for (const struct cmd *const *t = cmd_table; *t; t++) {
		if (strcmp((*t)->name, argv[optind]) != 0)
			continue;
		char *args[] = { argv[optind], argv[optind + 1], "--help", NULL };
		if (argc - optind == 1)
			args[1] = "--help", args[2] = NULL;
		return (*t)->run(argc - optind + 1, args);
	}
	fprintf(stderr, "bulwark: unknown command '%s' (see 'bulwark help')\n", argv[optind]);
	return EXIT_ERROR;
}

const struct cmd cmd_help = {
	.name = "help", .usage = "help [COMMAND [SUBCOMMAND]]",
	.summary = "this help, or a command's (as COMMAND --help)", .run = run,
	.operands = OPERANDS_COMMANDS,
};
