/* `bulwark authz install`: the plugin's systemd unit, written only because the user asked and
 * only under the directory they name; the daemon.json change (and, for a socket the engine does
 * not look in, the plugin spec file) is printed, never made. */
#include "authz/authz.h"
#include "authz/server.h"
#include "util/util.h"
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* systemd runs the unit from /, so a relative path would name another file. */
static char *absolute(const char *path)
{
	char cwd[PATH_MAX];
	if (path[0] == '/')
		return xstrdup(path);
	if (!getcwd(cwd, sizeof cwd))
		return NULL;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return xasprintf("%s/%s", cwd, path);
}

/* One ExecStart word: quoted when it holds blanks or quotes, with systemd's specifiers (%) and
 * variables ($) kept literal. */
static void unit_word(struct buf *b, const char *s)
{
	bool quote = s[strcspn(s, " \t\n\"'\\")] != '\0';
	if (quote)
		buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		if (*s == '%' || *s == '$')
			buf_addc(b, *s);
		if (*s == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *s);
	}
	if (quote)
		buf_addc(b, '"');
}

/* mkdir -p with mode 0755 for the directories it creates (not for those that exist). */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; rc == 0; s++) {
		bool end = *s == '\0';
		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0755) == 0)
			rc = chmod(p, 0755);
		else if (errno != EEXIST)
			rc = -1;
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

/* The engine finds a plugin by name as /run/docker/plugins/NAME.sock or NAME/NAME.sock, else
 * through a spec file /etc/docker/plugins/NAME.spec that holds its address. NULL: needs a spec. */
static char *plugin_name(const char *sock)
{
	static const char *const dirs[] = { "/run/docker/plugins/", "/var/run/docker/plugins/" };
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		if (strncmp(sock, dirs[i], strlen(dirs[i])))
			continue;
		const char *rest = sock + strlen(dirs[i]), *slash = strchr(rest, '/');
		size_t n = strlen(rest);
		if (n <= 5 || strcmp(rest + n - 5, ".sock"))
			return NULL;
		if (!slash)
			return xstrndup(rest, n - 5);
		size_t dlen = (size_t)(slash - rest);
		if (!strchr(slash + 1, '/') && n - dlen - 1 - 5 == dlen &&
		    !strncmp(slash + 1, rest, dlen))
			return xstrndup(rest, dlen);
	}
	return NULL;
}

static void print_next(const char *path, const char *unit, const char *sock)
{
	char *name = plugin_name(sock);
	printf("wrote %s:\n%s\n", path, unit);
	printf("Enable it with: systemctl daemon-reload && systemctl enable --now "
	       "bulwark-authz.service\n");
	if (!name)
		printf("The engine looks for plugin sockets only under /run/docker/plugins; for %s "
		       "create /etc/docker/plugins/bulwark.spec (not written by bulwark) holding "
		       "the line:\n  unix://%s\n", sock, sock);
	printf("Then add this to /etc/docker/daemon.json (not changed by bulwark) and restart "
	       "the engine:\n  \"authorization-plugins\": [\"%s\"]\n", name ? name : "bulwark");
	free(name);
}

static char *unit_text(const char *exe, const char *sock, const char *policy)
{
	struct buf b = { 0 };
	buf_adds(&b, "[Unit]\nDescription=bulwark Docker authorization plugin\n"
	             "Before=docker.service\n\n[Service]\nExecStart=");
	unit_word(&b, exe);
	buf_adds(&b, " authz serve --socket ");
	unit_word(&b, sock);
	if (policy) {
		buf_adds(&b, " --policy ");
		unit_word(&b, policy);
	}
	buf_adds(&b, "\nExecReload=/bin/kill -HUP $MAINPID\nRestart=always\n\n"
	             "[Install]\nWantedBy=multi-user.target\nRequiredBy=docker.service\n");
	return buf_take(&b);
}

static int write_unit(const char *dir, const char *path, const char *unit)
{
	if (make_dirs(dir) != 0) {
		fprintf(stderr, "bulwark: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	FILE *f = fopen(path, "w");
	bool put = f && fchmod(fileno(f), 0644) == 0 && fputs(unit, f) >= 0;
	if (f && fclose(f) != 0)
		put = false;
	if (!put)
		fprintf(stderr, "bulwark: cannot write %s: %s\n", path, strerror(errno));
	return put ? 0 : -1;
}

int authz_install(const char *sock, const char *policy, const char *dir)
{
	char *abs_sock = absolute(sock), *abs_pol = policy ? absolute(policy) : NULL;
	int rc = -1;
	if (!abs_sock || (policy && !abs_pol))
		fprintf(stderr, "bulwark: cannot tell the current directory: %s\n",
		        strerror(errno));
	else if (!policy || authz_lint_file(policy)) {  /* on a bad policy it would not start */
		char *exe = self_path(), *path = xasprintf("%s/bulwark-authz.service", dir);
		char *unit = unit_text(exe, abs_sock, abs_pol);
		rc = write_unit(dir, path, unit);
		if (rc == 0)
			print_next(path, unit, abs_sock);
		free(exe);
		free(path);
		free(unit);
	}
	free(abs_sock);
	free(abs_pol);
	return rc;
}
