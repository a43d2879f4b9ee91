/* `bulwark authz serve` and `bulwark authz install`. */
#include "authz/server.h"
#include "cmd/cmd.h"
#include "cmd/opts.h"
#include "util/util.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_SOCKET "/run/docker/plugins/bulwark.sock"

enum { O_SOCKET = 256, O_POLICY, O_AUDIT_LOG, O_THREADS, O_UNIT_DIR };
enum { SERVE = 1, INSTALL = 2 };
static const char *const names[] = { "authz serve", "authz install", NULL };

static const struct opt table[] = {
	{ "socket", O_SOCKET, "PATH", "the plugin's socket (default " DEFAULT_SOCKET ")", 0 },
	{ "policy", O_POLICY, "FILE", "policy file (default: the built-in policy)", 0 },
	{ "audit-log", O_AUDIT_LOG, "FILE", "where decisions are logged (default: stderr)", SERVE },
	{ "threads", O_THREADS, "N", "worker threads (default: one per core)", SERVE },
	{ "unit-dir", O_UNIT_DIR, "DIR", "where the systemd unit goes (default /etc/systemd/system)",
	  INSTALL },
	{ NULL, 0, NULL, NULL, 0 },
};

void authz_serve_opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "authz serve", self->usage, table, SERVE, names, NULL };
}

void authz_install_opts(const struct cmd *self, struct opts *out)
{
	*out = (struct opts){ "authz install", self->usage, table, INSTALL, names, NULL };
}

int authz_serve_main(int argc, char **argv)
{
	const struct opts p = { "authz serve", "authz serve [--socket PATH] [--policy FILE] "
	                        "[--audit-log FILE] [--threads N]", table, SERVE, names, NULL };
	struct authz_server_opts o = {.socket = DEFAULT_SOCKET};
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE) {
		char *end;
		switch (c) {
		case OPT_EXIT: return rc;
		case O_SOCKET: o.socket = optarg; break;
		case O_POLICY: o.policy = optarg; break;
		case O_AUDIT_LOG: o.audit_log = optarg; break;
		case O_THREADS:
			o.threads = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !o.threads || o.threads > 1024)
				return opts_usage_error(&p, "--threads takes a number from 1 to 1024",
				                        optarg);
			break;
		}
	}
	if (optind < argc)
		return opts_usage_error(&p, "unexpected argument", argv[optind]);
	return authz_server_run(&o);
}

/* Writes the unit only because the user ran this command; daemon.json is left to them. */
int authz_install_main(int argc, char **argv)
{
	const struct opts p = { "authz install", "authz install [--socket PATH] [--policy FILE] "
	                        "[--unit-dir DIR]", table, INSTALL, names, NULL };
	const char *sock = DEFAULT_SOCKET, *policy = NULL, *dir = "/etc/systemd/system";
	int c, rc = -1;
	optind = 0;
	while ((c = opts_next(&p, argc, argv, &rc)) != OPT_DONE) {
		switch (c) {
		case OPT_EXIT: return rc;
		case O_SOCKET: sock = optarg; break;
		case O_POLICY: policy = optarg; break;
		case O_UNIT_DIR: dir = optarg; break;
		}
	}
	if (optind < argc)
		return opts_usage_error(&p, "unexpected argument", argv[optind]);
	return authz_install(sock, policy, dir) == 0 ? EXIT_CLEAN : EXIT_ERROR;
}
