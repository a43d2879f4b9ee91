/* A mandatory access control module enforcing: AppArmor enabled or SELinux enforcing. */
#include "rules/rule.h"
#include "model/host.h"

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	if (!h->apparmor.known || !h->selinux.known)
		return;
	if (h->apparmor.enabled || (h->selinux.enabled && h->selinux_enforcing))
		return;
	if (h->selinux.enabled)
		finding_add(out, self, h->selinux.loc, "selinux permissive",
		            "SELinux is in permissive mode and AppArmor is not enabled: no mandatory "
		            "access control confines the containers");
	else
		finding_add(out, self, h->apparmor.loc, "no LSM",
		            "neither AppArmor nor SELinux is enabled: no mandatory access control "
		            "confines the containers");
}

const struct rule rule_h_kern_mac = {
	.id = "BW-H065",
	.title = "Neither AppArmor nor SELinux is enforcing",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("MACF-6204", "MACF-6208", "MACF-6232", "MACF-6234", "MACF-6290"),
	.rationale = "Docker confines every container with an AppArmor profile (docker-default) or "
	             "SELinux labels, but only when the host runs that security module; otherwise "
	             "the profile is silently not applied and a process that escapes its "
	             "namespaces meets no second wall. The check reads "
	             "/sys/module/apparmor/parameters/enabled and /sys/fs/selinux/enforce. Per "
	             "container options are checked by the container rules (CIS 5.1, 5.2).",
	.remediation = "Debian and Ubuntu: install apparmor and apparmor-utils and boot with "
	               "apparmor=1 security=apparmor if the kernel does not enable it by default. "
	               "RHEL and Fedora: set SELINUX=enforcing in /etc/selinux/config (or run "
	               "`setenforce 1` now) and start dockerd with --selinux-enabled.",
	.refs = (const char *const[]){ "https://docs.docker.com/engine/security/apparmor/",
	                               "https://docs.docker.com/engine/security/#other-kernel-security-features",
	                               NULL },
	.check_host = check,
};
