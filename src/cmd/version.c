#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "util/version.h"
#include <getopt.h>
#include <stdio.h>

static int run(int argc, char **argv)
{
	const struct opts p = { "version", cmd_version.usage, NULL, 0, NULL, NULL };
	int rc = opts_only_help(&p, argc, argv);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return opts_usage_error(&p, "unexpected argument", argv[optind]);
	printf("bulwark %s\n", bulwark_version);
	return EXIT_CLEAN;
}

const struct cmd cmd_version = {
	.name = "version", .usage = "version", .summary = "print the version", .run = run,
	.operands = OPERANDS_NONE,
};
