/* `bulwark authz serve` and `bulwark authz install`. */
#include "authz/server.h"
#include "cmd/cmd.h"
#include "util/util.h"
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SOCKET "/run/docker/plugins/bulwark.sock"

static const struct option serve_opts[] = {
	{"socket", required_argument, NULL, 's'},
	{"policy", required_argument, NULL, 'p'},
	{"audit-log", required_argument, NULL, 'a'},
	{"threads", required_argument, NULL, 't'},
	{"unit-dir", required_argument, NULL, 'u'},
	{NULL, 0, NULL, 0},
};

int authz_serve_main(int argc, char **argv)
{
	struct authz_server_opts o = {.socket = DEFAULT_SOCKET};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", serve_opts, NULL)) != -1) {
		switch (c) {
		case 's': o.socket = optarg; break;
		case 'p': o.policy = optarg; break;
		case 'a': o.audit_log = optarg; break;
		case 't': o.threads = (unsigned)strtoul(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: bulwark authz serve [--socket PATH] [--policy FILE] "
			                "[--audit-log FILE] [--threads N]\n");
			return EXIT_ERROR;
		}
	}
	return authz_server_run(&o);
}

/* Writes the unit only because the user ran this command; daemon.json is left to them. */
int authz_install_main(int argc, char **argv)
{
	const char *sock = DEFAULT_SOCKET, *policy = NULL, *dir = "/etc/systemd/system";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", serve_opts, NULL)) != -1) {
		switch (c) {
		case 's': sock = optarg; break;
		case 'p': policy = optarg; break;
		case 'u': dir = optarg; break;
		default:
			fprintf(stderr, "usage: bulwark authz install [--socket PATH] [--policy FILE] "
			                "[--unit-dir DIR]\n");
			return EXIT_ERROR;
		}
	}
	return authz_install(sock, policy, dir) == 0 ? EXIT_CLEAN : EXIT_ERROR;
}
