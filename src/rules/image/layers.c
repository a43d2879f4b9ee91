/* The layers themselves: content that does not match what the image config promises. */
#include "rules/image/i_util.h"

static void check_tampered(const struct rule *self, const struct image_cfg *im,
                           struct findings *out)
{
	for (size_t i = 0; im->fs && i < im->fs->nlayers; i++) {
		const struct img_layer *l = &im->fs->layers[i];
		if (l->verified || l->failed || l->cached || !l->digest)
			continue;
		finding_add(out, self, LOC_NONE, l->digest, "layer %zu of image %s has digest %s but "
		            "the image config promises %s: the image was altered and cannot be trusted",
		            i, im->ref, l->digest, l->diff_id ? l->diff_id : "none");
		finding_set_layer(out, i, l->diff_id ? l->diff_id : l->digest, true, 0, l->created_by);
	}
}

const struct rule rule_i_tampered = {
	.id = "BW-I017",
	.title = "Layer content does not match the image config",
	.severity = SEV_CRITICAL,
	.rationale = "An image's config lists the sha256 of every layer's content (rootfs.diff_ids), "
	             "and signatures and registries vouch for the config. A layer whose content "
	             "hashes to something else was changed after the image was built: nothing in it "
	             "can be trusted, whatever else the audit says.",
	.remediation = "Do not run the image. Pull or rebuild it from a trusted source and verify "
	               "its signature; find out how the altered copy got here.",
	.check_image = check_tampered,
};
