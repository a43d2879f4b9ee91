/* The image reference a container runs. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/digest.h"
#include "util/util.h"
#include <string.h>

/* An image id rather than a reference: "sha256:<hex>" or 64 hex digits. */
static bool image_id(const char *ref)
{
	if (str_prefix(ref, "sha256:"))
		return true;
	return sha256_hex_valid(ref);
}

/* The tag of ref ("" when there is none); the registry port in "host:5000/app" is not a tag. */
static const char *image_tag(const char *ref)
{
	const char *slash = strrchr(ref, '/');
	const char *colon = strchr(slash ? slash : ref, ':');
	return colon ? colon + 1 : "";
}

static void check_unpinned(const struct rule *self, const struct cspec *c, struct findings *out)
{
	const char *ref = c->image.s, *tag;
	/* No image, or one that only names the tag of the service's own build: built from a
	 * Dockerfile, which the Dockerfile rules check. A digest pins. */
	if (!ref || !*ref || c->built || strchr(ref, '@') || image_id(ref))
		return;
	tag = image_tag(ref);
	if (*tag && strcmp(tag, "latest") != 0)
		return;
	finding_add(out, self, c_at(c, c->image.loc), ref, *tag ? "%s %s uses image %s, the moving latest tag"
	                                         : "%s %s uses image %s without a tag (latest)",
	            c_kind(c), c_name(c), ref);
}

/* No CIS id: CIS 5.28 is about pulling with --pull, not pinning. No alias: Dockle's DKL-DI-0006
 * is the Dockerfile rule BW-D002's. */
const struct rule rule_c_image_unpinned = {
	.id = "BW-C029",
	.title = "Image not pinned",
	.severity = SEV_LOW,
	.rationale = "An image without a tag, or with :latest, runs whatever the registry serves at "
	             "pull time: deployments are not reproducible, rollbacks are guesswork and a "
	             "compromised or broken upstream release is picked up silently. A compose "
	             "service with build: is not reported: its image: names what compose builds.",
	.remediation = "Use a specific version tag (nginx:1.27.0), ideally pinned by digest "
	               "(nginx:1.27.0@sha256:...), and update it deliberately.",
	.check_cspec = check_unpinned,
};
