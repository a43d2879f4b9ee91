/* TEMPORARY hidden command for testing the plugin server before `bulwark authz` exists:
 * `bulwark authz-serve-tmp serve|install ...`. Remove with its line in table.c and cmd.h. */
#include "cmd/cmd.h"
#include "util/util.h"
#include <stdio.h>

int authz_serve_main(int argc, char **argv);
int authz_install_main(int argc, char **argv);

static int run(int argc, char **argv)
{
	if (argc >= 2 && str_eq(argv[1], "serve"))
		return authz_serve_main(argc - 1, argv + 1);
	if (argc >= 2 && str_eq(argv[1], "install"))
		return authz_install_main(argc - 1, argv + 1);
	fprintf(stderr, "usage: bulwark authz-serve-tmp serve|install ...\n");
	return EXIT_ERROR;
}

const struct cmd cmd_authz_tmp = {
	.name = "authz-serve-tmp", .usage = "authz-serve-tmp serve|install", .summary = "temporary: the authz plugin server",
	.run = run,
};
