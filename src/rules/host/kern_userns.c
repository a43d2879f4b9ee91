/* User namespaces for unprivileged users. */
#include "rules/rule.h"
#include "model/host.h"
#include <stdio.h>

/* Restricted when any of the settings that gate unprivileged user namespaces is closed. */
static bool restricted(const struct host_kern *k)
{
	long v;
	if (host_sysctl_long(host_kern_sysctl(k, "user.max_user_namespaces"), &v) && v == 0)
		return true;
	if (host_sysctl_long(host_kern_sysctl(k, "kernel.unprivileged_userns_clone"), &v) && v == 0)
		return true;
	return host_sysctl_long(host_kern_sysctl(k, "kernel.apparmor_restrict_unprivileged_userns"),
	                        &v) && v >= 1;
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_sysctl *max = host_kern_sysctl(&h->kern, "user.max_user_namespaces");
	const struct host_sysctl *clone =
		host_kern_sysctl(&h->kern, "kernel.unprivileged_userns_clone");
	const struct host_sysctl *at = clone ? clone : max;
	if (!at || restricted(&h->kern))
		return;
	char ev[160];
	snprintf(ev, sizeof ev, "%s = %s", at->name, at->value);
	finding_add(out, self, (struct loc){ at->path, 0 }, ev,
	            "unprivileged users can create user namespaces (%s): each one gives them "
	            "root-only kernel interfaces to attack", ev);
}

const struct rule rule_h_kern_userns = {
	.id = "BW-H061",
	.title = "Unprivileged user namespaces allowed",
	.severity = SEV_LOW,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "Inside a user namespace an ordinary user is root, and can reach kernel code "
	             "otherwise kept for root: netfilter, mounting filesystems, network device "
	             "configuration. Many kernel privilege escalations start that way. The trade-off: "
	             "rootless Docker, rootless Podman, unprivileged BuildKit and browser sandboxes "
	             "need unprivileged user namespaces; the rootful daemon, userns-remap included, "
	             "does not, because it creates namespaces as root. On a host that runs the "
	             "rootful daemon only, close them; on a rootless host, keep them and suppress "
	             "this rule (--ignore BW-H061 or .bulwark.yaml). The rule reads "
	             "kernel.unprivileged_userns_clone where the kernel has it (Debian, Ubuntu), "
	             "else user.max_user_namespaces, and counts Ubuntu's "
	             "kernel.apparmor_restrict_unprivileged_userns = 1 as closed.",
	.remediation = "On a rootful-only host: set kernel.unprivileged_userns_clone = 0 where the "
	               "kernel has it, else user.max_user_namespaces = 0, under /etc/sysctl.d/ and "
	               "apply with `sysctl --system`. (user.max_user_namespaces = 0 stops the daemon's "
	               "userns-remap too; kernel.unprivileged_userns_clone = 0 does not.)",
	.refs = (const char *const[]){
		"https://docs.docker.com/engine/security/rootless/",
		"https://man7.org/linux/man-pages/man7/user_namespaces.7.html", NULL },
	.check_host = check,
};
