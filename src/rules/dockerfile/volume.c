/* VOLUME over the kernel's pseudo-filesystems. */
#include "rules/rule.h"
#include "rules/dockerfile/instr_words.h"
#include "rules/sys_dirs.h"

static void check_volume(const struct rule *self, const struct dockerfile *df,
                         struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *sys;
		for (size_t j = 0; in->kind == DF_VOLUME && j < in->argc; j++)
			if ((sys = sys_dir_of(in->argv[j], sys_dirs_kernel)))
				finding_add(out, self, df_loc(df, in), in->argv[j],
				            "VOLUME %s is on %s", in->argv[j], sys);
	}
}

const struct rule rule_volume_system = {
	.id = "BW-D067",
	.title = "VOLUME on /dev, /proc or /sys",
	.severity = SEV_HIGH,
	.aliases = ALIASES("DKL-DI-0002"),
	.rationale = "/dev, /proc and /sys are where the kernel shows a container its devices, "
	             "processes and settings. A volume there hides them, so the container sees a "
	             "directory that a volume driver or another container can write instead of what "
	             "the kernel says. Dockle's DKL-DI-0002 matches only these three paths exactly; "
	             "directories below them (/sys/fs/cgroup) are matched too.",
	.remediation = "Remove the VOLUME; declare volumes only for the application's own data "
	               "(VOLUME /var/lib/app).",
	.check_dockerfile = check_volume,
};
