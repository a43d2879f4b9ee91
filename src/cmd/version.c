#include "cmd/cmd.h"
#include "report/report.h"
#include <stdio.h>

const char *const bulwark_version = "0.1.0";

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
