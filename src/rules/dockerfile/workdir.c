/* WORKDIR: where relative paths end up, and directories it must not be. */
#include "rules/rule.h"
#include "rules/dockerfile/stage_chain.h"
#include "rules/dockerfile/instr_words.h"
#include "rules/sys_dirs.h"

static void check_relative(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *dir = df_arg0(in);
		if (in->kind != DF_WORKDIR || !*dir || df_path_absolute(dir))
			continue;
		finding_add(out, self, df_loc(df, in), dir, "WORKDIR %s is a relative path", dir);
	}
}

const struct rule rule_workdir_relative = {
	.id = "BW-D008",
	.title = "WORKDIR is a relative path",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3000", "DS009"),
	.rationale = "A relative WORKDIR depends on every WORKDIR before it, including the base "
	             "image's, so files and commands end up somewhere nobody intended.",
	.remediation = "Use an absolute path: WORKDIR /app.",
	.check_dockerfile = check_relative,
};

static void check_copy_relative(const struct rule *self, const struct dockerfile *df,
                                struct findings *out)
{
	for (size_t s = 0; s < df->nstages; s++) {
		const struct df_stage *st = &df->stages[s];
		for (size_t i = 1; i < st->count; i++) {
			const struct df_instr *in = df_stage_instr(df, st, i);
			if (!in || (in->kind != DF_COPY && in->kind != DF_ADD))
				continue;
			const char *dest = df_copy_dest(in);
			if (!dest || !*dest || df_path_absolute(dest))
				continue;
			if (df_chain_last(df, st->index, i, DF_WORKDIR))
				continue;
			finding_add(out, self, df_loc(df, in), dest,
			            "%s to relative %s with no WORKDIR set", df_kw(in), dest);
		}
	}
}

const struct rule rule_copy_no_workdir = {
	.id = "BW-D025",
	.title = "COPY to a relative path without WORKDIR",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3045"),
	.rationale = "Without a WORKDIR the destination is relative to whatever directory the base "
	             "image left behind, which can change with the base image.",
	.remediation = "Set WORKDIR /app before the COPY, or give an absolute destination.",
	.check_dockerfile = check_copy_relative,
};

static void check_system(const struct rule *self, const struct dockerfile *df,
                         struct findings *out)
{
	for (size_t i = 0; i < df->ninstr; i++) {
		const struct df_instr *in = &df->instr[i];
		const char *dir = df_arg0(in), *sys;
		if (in->kind == DF_WORKDIR && (sys = sys_dir_of(dir, sys_dirs_workdir)))
			finding_add(out, self, df_loc(df, in), dir, "WORKDIR %s is in the system "
			            "directory %s", dir, sys);
	}
}

/* Trivy matches only paths under the directory ("/proc/"); the directory itself is as bad. */
const struct rule rule_workdir_system = {
	.id = "BW-D066",
	.title = "WORKDIR in a system directory",
	.severity = SEV_HIGH,
	.aliases = ALIASES("DS030"),
	.rationale = "/proc and /dev are the kernel's interfaces and /boot, /initrd and /lost+found "
	             "belong to the host's boot and file system. A WORKDIR there makes the build "
	             "and the container's relative paths write into them: at best the build or the "
	             "container fails, at worst files land where the kernel or a mounted host path "
	             "reads them. Trivy's DS030 matches only paths below these directories; the "
	             "directory itself is as bad and is matched too.",
	.remediation = "Work in a directory of the application's own: WORKDIR /app.",
	.check_dockerfile = check_system,
};
