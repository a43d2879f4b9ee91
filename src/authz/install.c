/* `bulwark authz install`: the plugin's systemd unit, written only because the user asked; the
 * daemon.json change is printed, never made. */
#include "authz/server.h"
#include "util/util.h"
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *self_path(void)
{
	char b[4096];
	ssize_t n = readlink("/proc/self/exe", b, sizeof b - 1);
	if (n <= 0)
		return xstrdup("/usr/local/bin/bulwark");
	b[n] = '\0';
	return xstrdup(b);
}

int authz_install(const char *sock, const char *policy, const char *dir)
{
	char *exe = self_path(), *path = xasprintf("%s/bulwark-authz.service", dir);
	char *pol = policy ? xasprintf(" --policy %s", policy) : xstrdup("");
	char *unit = xasprintf(
		"[Unit]\nDescription=bulwark Docker authorization plugin\n"
		"Before=docker.service\n\n"
		"[Service]\nExecStart=%s authz serve --socket %s%s\n"
		"ExecReload=/bin/kill -HUP $MAINPID\nRestart=always\n\n"
		"[Install]\nWantedBy=multi-user.target\nRequiredBy=docker.service\n",
		exe, sock, pol);
	int rc = 0;
	FILE *f = fopen(path, "w");
	bool put = f && fputs(unit, f) >= 0;
	if (f && fclose(f) != 0)
		put = false;
	if (!put) {
		fprintf(stderr, "bulwark: cannot write %s: %s\n", path, strerror(errno));
		rc = -1;
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
