/* --privileged: every capability, every device, no seccomp/AppArmor confinement. */
#include "rules/rule.h"
#include "rules/container/c_util.h"

static void check_privileged(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (!c->privileged.v)
		return;
	finding_add(out, self, c_at(c, c->privileged.loc), NULL,
	            "%s %s runs privileged", c_kind(c), c_name(c));
}

const struct rule rule_c_privileged = {
	.id = "BW-C001",
	.title = "Container runs privileged",
	.severity = SEV_CRITICAL,
	.cis = "5.5",
	.rationale = "A privileged container gets every capability, access to all host devices and no "
	             "seccomp, AppArmor or SELinux confinement. Anyone who controls the process can "
	             "mount the host's disks or load kernel modules: it is root on the host.",
	.remediation = "Remove privileged: true (--privileged). Grant only the specific capabilities "
	               "(cap_add) or devices (devices:) the workload really needs.",
	.check_cspec = check_privileged,
};
