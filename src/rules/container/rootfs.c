/* The container's root filesystem. */
#include "rules/rule.h"
#include "rules/container/c_util.h"

static void check_read_only(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (c->read_only.v)
		return;
	finding_add(out, self, c_at(c, c->read_only.loc), NULL,
	            "%s %s has a writable root filesystem", c_kind(c), c_name(c));
}

const struct rule rule_c_rootfs_writable = {
	.id = "BW-C011",
	.title = "Root filesystem not read-only",
	.severity = SEV_LOW,
	.cis = "5.13",
	.rationale = "A writable root filesystem lets an attacker who gets code execution modify "
	             "binaries and configuration, drop tools and persist for as long as the "
	             "container lives. Most services only need a few writable directories.",
	.remediation = "Set read_only: true (--read-only) and give the paths that must be writable a "
	               "tmpfs (tmpfs: [/tmp]) or a volume.",
	.check_cspec = check_read_only,
};
