/* Image config: who the image runs as and whether it can report its health (CIS 4.1, 4.6). */
#include "rules/rule.h"
#include "model/image.h"

static void check_user(const struct rule *self, const struct image_cfg *im, struct findings *out)
{
	if (!im->user || !*im->user)
		finding_add(out, self, LOC_NONE, NULL, "image %s sets no USER, so its containers run "
		            "as root unless started with --user", im->ref);
	else if (cs_user_is_root(im->user))
		finding_add(out, self, LOC_NONE, im->user, "image %s runs as root (USER %s)", im->ref,
		            im->user);
}

const struct rule rule_i_user_root = {
	.id = "BW-I001",
	.title = "Image runs as root",
	.severity = SEV_MEDIUM,
	.cis = "4.1",
	.cis8 = "4.1",
	.rationale = "Every container started from an image without a non-root USER runs its process "
	             "as root unless the operator remembers --user. Root in a container owns every "
	             "file it can reach on mounted host paths and needs one kernel or runtime bug to "
	             "become root on the host.",
	.remediation = "Create an unprivileged user in the Dockerfile and switch to it: RUN adduser "
	               "-D -u 10001 app, then USER 10001. Rebuild and push the image.",
	.check_image = check_user,
};

static void check_health(const struct rule *self, const struct image_cfg *im,
                         struct findings *out)
{
	if (!im->healthcheck)
		finding_add(out, self, LOC_NONE, NULL, "image %s %s", im->ref,
		            im->healthcheck_disabled ? "disables its HEALTHCHECK"
		                                     : "defines no HEALTHCHECK");
}

const struct rule rule_i_healthcheck = {
	.id = "BW-I002",
	.title = "Image has no HEALTHCHECK",
	.severity = SEV_LOW,
	.cis = "4.6",
	.cis8 = "4.6",
	.rationale = "Without a HEALTHCHECK the engine only knows whether the process exists, not "
	             "whether it serves. A hung or hijacked service keeps running and receiving "
	             "traffic, and orchestrators cannot replace it.",
	.remediation = "Add a HEALTHCHECK that exercises the service, e.g. HEALTHCHECK CMD wget -q "
	               "-O /dev/null http://localhost:8080/health || exit 1, and rebuild.",
	.check_image = check_health,
};
