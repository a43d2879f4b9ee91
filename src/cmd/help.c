#include "cmd/cmd.h"
#include <stdio.h>
#include <string.h>

static int run(int argc, char **argv)
{
	if (argc > 1)
		for (const struct cmd *const *c = cmd_table; *c; c++)
			if (strcmp((*c)->name, argv[1]) == 0)
				return (*c)->run(2, (char *[]){ argv[1], "--help", NULL });
	printf("bulwark: secure a Docker environment and keep it so\n\nusage: bulwark COMMAND "
	       "[options]\n\ncommands:\n");
	for (const struct cmd *const *c = cmd_table; *c; c++)
		printf("  %-10s %s\n", (*c)->name, (*c)->summary);
	printf("\n'bulwark COMMAND --help' for a command's options. Exit status: 0 clean, 1 findings "
	       "at or above --fail-on, 2 usage or input error.\n");
	return argc > 1 ? EXIT_ERROR : EXIT_CLEAN;
}

const struct cmd cmd_help = {
	.name = "help", .usage = "help [COMMAND]", .summary = "this help", .run = run,
};
