/* `bulwark authz serve` and `bulwark authz install`. */
#include "authz/server.h"
#include "cmd/cmd.h"
#include "util/util.h"
#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static char *self_path(void)
{
	char b[4096];
	ssize_t n = readlink("/proc/self/exe", b, sizeof b - 1);
	if (n <= 0)
		return xstrdup("/usr/local/bin/bulwark");
	b[n] = '\0';
	return xstrdup(b);
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
	char *exe = self_path(), *path = xasprintf("%s/bulwark-authz.service", dir);
	char *pol = policy ? xasprintf(" --policy %s", policy) : xstrdup("");
	char *unit = xasprintf(
		"[Unit]\nDescription=bulwark Docker authorization plugin\n"
		"Before=docker.service\n\n"
		"[Service]\nExecStart=%s authz serve --socket %s%s\n"
		"ExecReload=/bin/kill -HUP $MAINPID\nRestart=always\n\n"
		"[Install]\nWantedBy=multi-user.target\nRequiredBy=docker.service\n",
		exe, sock, pol);
	int rc = EXIT_CLEAN;
	FILE *f = fopen(path, "w");
	bool put = f && fputs(unit, f) >= 0;
	if (f && fclose(f) != 0)
		put = false;
	if (!put) {
		fprintf(stderr, "bulwark: cannot write %s: %s\n", path, strerror(errno));
		rc = EXIT_ERROR;
	} else {
		printf("wrote %s:\n%s\n", path, unit);
		printf("Enable it with: systemctl daemon-reload && systemctl enable --now "
		       "bulwark-authz.service\n");
		printf("Then add this to /etc/docker/daemon.json (not changed by bulwark) and restart "
		       "the engine:\n  \"authorization-plugins\": [\"bulwark\"]\n");
	}
	free(exe);
	free(path);
	free(pol);
	free(unit);
	return rc;
}
