/* An SSH server installed into the image. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include <ctype.h>
#include <string.h>

/* Package p is name, possibly with a version: name=1.2, name~1, name-8.9p1, name.x86_64. */
static bool pkg_is(const char *p, const char *name)
{
	size_t n;
	if (*p != *name)                /* most packages: no call */
		return false;
	n = strlen(name);
	if (strncmp(p, name, n))
		return false;
	p += n;
	return !*p || strchr("=<>~:.", *p) || (*p == '-' && isdigit((unsigned char)p[1]));
}

/* Server packages per package manager; on Alpine "openssh" pulls in the server, on Debian
 * "ssh" does. */
static const char *server_pkg(enum pm pm, const char *p)
{
	static const char *const any[] = { "openssh-server", "openssh-server-pam", "dropbear",
		"dropbear-bin", "tinysshd", NULL };
	for (const char *const *s = any; *s; s++)
		if (pkg_is(p, *s))
			return *s;
	if (pm == PM_APK && pkg_is(p, "openssh"))
		return "openssh";
	if (pm == PM_APT && pkg_is(p, "ssh"))
		return "ssh";
	return NULL;
}

static void check(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	struct run_walk w;
	enum pm pm;
	size_t k;
	long a;
	const char *pkg;
	if (!df_may_run_distro_pm(df))
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		if (!pm_install(c, &pm, &k) || !pm_get(pm)->distro)
			continue;
		while ((a = rc_operand(c, pm_opts(pm), &k)) >= 0)
			if ((pkg = server_pkg(pm, c->argv[a])))
				finding_add(out, self, (struct loc){ df->path, c->line }, c->argv[a],
				            "SSH server installed: %s", pkg);
	}
}

const struct rule rule_run_ssh_server = {
	.id = "BW-D045",
	.title = "SSH server installed in the image",
	.severity = SEV_HIGH,
	.cis = "4.3",
	.rationale = "An SSH daemon in a container is an extra network service with its own keys "
	             "and credentials to manage, and a way around the runtime's access controls "
	             "(CIS 5.7: do not run sshd within containers).",
	.remediation = "Remove the SSH server package; use `docker exec` (or kubectl exec) to get "
	               "a shell in a running container.",
	.check_dockerfile = check,
};
