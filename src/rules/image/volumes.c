/* Volumes an image declares over the kernel's pseudo-filesystems. */
#include "rules/rule.h"
#include "rules/sys_dirs.h"
#include "model/image.h"

static void check_volumes(const struct rule *self, const struct image_cfg *im,
                          struct findings *out)
{
	const char *sys;
	for (size_t i = 0; i < im->nvolumes; i++)
		if ((sys = sys_dir_of(im->volumes[i], sys_dirs_kernel)))
			finding_add(out, self, LOC_NONE, im->volumes[i], "image %s declares a volume "
			            "at %s, on %s", im->ref, im->volumes[i], sys);
}

const struct rule rule_i_volume_system = {
	.id = "BW-I018",
	.title = "Image declares a volume on /dev, /proc or /sys",
	.severity = SEV_HIGH,
	.aliases = ALIASES("DKL-DI-0002"),
	.rationale = "/dev, /proc and /sys are where the kernel shows a container its devices, "
	             "processes and settings. A volume there hides them, so every container of the "
	             "image sees a directory that a volume driver or another container can write "
	             "instead of what the kernel says. Dockle's DKL-DI-0002 matches only these three "
	             "paths exactly; directories below them are matched too.",
	.remediation = "Remove the VOLUME from the Dockerfile the image is built from and rebuild; "
	               "declare volumes only for the application's own data.",
	.check_image = check_volumes,
};
