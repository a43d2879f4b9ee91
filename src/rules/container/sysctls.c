/* Kernel parameters set for the container. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

/* Docker's own allow-list (the CLI's sysctl validation): these live in the container's IPC
 * namespace. net.* lives in its network namespace, unless that is the host's. */
static const char *const ipc_sysctls[] = {
	"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall",
	"kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
};

/* The key of "key=value" with '/' spelled as '.', into buf. */
static const char *sysctl_key(const char *s, char *buf, size_t n)
{
	size_t k = strcspn(s, "=");
	if (k >= n)
		k = n - 1;
	for (size_t i = 0; i < k; i++)
		buf[i] = s[i] == '/' ? '.' : s[i];
	buf[k] = '\0';
	return buf;
}

static bool namespaced(const struct cspec *c, const char *key)
{
	for (size_t i = 0; i < sizeof ipc_sysctls / sizeof *ipc_sysctls; i++)
		if (strcmp(key, ipc_sysctls[i]) == 0)
			return true;
	if (str_prefix(key, "fs.mqueue."))
		return true;
	return str_prefix(key, "net.") && !c_mode_host(&c->network_mode);
}

static void check_sysctls(const struct rule *self, const struct cspec *c, struct findings *out)
{
	char key[256];
	for (size_t i = 0; i < c->sysctls.n; i++) {
		const struct cs_str *e = &c->sysctls.v[i];
		if (!e->s || !*e->s || namespaced(c, sysctl_key(e->s, key, sizeof key)))
			continue;
		finding_add(out, self, c_at(c, e->loc), e->s,
		            "%s %s sets sysctl %s, which is not private to the container%s", c_kind(c),
		            c_name(c), key,
		            str_prefix(key, "net.") ? " (it shares the host network)" : "");
	}
}

const struct rule rule_c_unsafe_sysctl = {
	.id = "BW-C030",
	.title = "Unsafe sysctl set",
	.severity = SEV_MEDIUM,
	.rationale = "Only some kernel parameters are namespaced: Docker allows kernel.msg*, "
	             "kernel.sem, kernel.shm* (IPC namespace), fs.mqueue.* and net.* (network "
	             "namespace). Anything else, and net.* for a container on the host network, "
	             "changes the host kernel for every process on it; runtimes that do not refuse "
	             "such a setting apply it host-wide.",
	.remediation = "Remove the sysctl from the container and, if the host really needs it, set it "
	               "on the host (/etc/sysctl.d) where it is reviewed with the host configuration.",
	.check_cspec = check_sysctls,
};
