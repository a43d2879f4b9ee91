#include "cmd/cmd.h"
#include "util/version.h"
#include <stdio.h>

static int run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("bulwark %s\n", bulwark_version);
	return EXIT_CLEAN;
}

const struct cmd cmd_version = {
	.name = "version", .usage = "version", .summary = "print the version", .run = run,
};
