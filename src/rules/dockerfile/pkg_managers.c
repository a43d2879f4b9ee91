#include "rules/dockerfile/pkg_managers.h"
#include <string.h>

/* Package managers and the options of theirs that take a value. */
static const char *const apt_long[] = { "--option", "--config-file", "--target-release",
	"--default-release", NULL };
static const char *const apk_long[] = { "--repository", "--virtual", "--root", "--keys-dir",
	"--repositories-file", "--arch", "--cache-dir", "--cache-max-age", NULL };
static const char *const yum_long[] = { "--setopt", "--enablerepo", "--disablerepo", "--repo",
	"--repoid", "--exclude", "--installroot", "--releasever", "--config", "--downloaddir",
	"--destdir", "--forcearch", NULL };
static const char *const zypper_long[] = { "--config", "--root", "--reposd-path", "--cache-dir",
	"--repo", "--type", "--from", NULL };
static const struct sh_optspec pm_spec[] = {
	[PM_NONE] = { "", NULL },
	[PM_APT] = { "oct", apt_long },
	[PM_APK] = { "Xtp", apk_long },
	[PM_YUM] = { "cxdeR", yum_long },
	[PM_ZYPPER] = { "cRDCrt", zypper_long },
};

/* Asked of every command by several rules: most names are ruled out by their first letter. */
enum pm pm_of(const struct rcmd *c)
{
	switch (c->name[0]) {
	case 'a':
		if (rc_is(c, "apt-get") || rc_is(c, "apt"))
			return PM_APT;
		return rc_is(c, "apk") ? PM_APK : PM_NONE;
	case 'y':
		return rc_is(c, "yum") ? PM_YUM : PM_NONE;
	case 'd':
		return rc_is(c, "dnf") || rc_is(c, "dnf5") ? PM_YUM : PM_NONE;
	case 'm':
		return rc_is(c, "microdnf") ? PM_YUM : PM_NONE;
	case 't':
		return rc_is(c, "tdnf") ? PM_YUM : PM_NONE;
	case 'z':
		return rc_is(c, "zypper") ? PM_ZYPPER : PM_NONE;
	default:
		return PM_NONE;
	}
}

const struct sh_optspec *pm_opts(enum pm pm)
{
	return &pm_spec[pm];
}

bool pm_install(const struct rcmd *c, enum pm *pm, size_t *pkgs)
{
	enum pm p = pm_of(c);
	const char *sub;
	if (p == PM_NONE || !(sub = rc_sub(c, pm_opts(p), pkgs)))
		return false;
	*pm = p;
	switch (p) {
	case PM_APT:
	case PM_YUM:
		return !strcmp(sub, "install");
	case PM_APK:
		return !strcmp(sub, "add");
	case PM_ZYPPER:
		return !strcmp(sub, "install") || !strcmp(sub, "in");
	default:
		return false;
	}
}

const char *const pm_names[] = { "apt", "apk", "yum", "dnf", "microdnf", "tdnf", "zypper",
	NULL };

bool df_may_run_any(const struct dockerfile *df, const char *const *names)
{
	for (; *names; names++)
		if (df_may_run(df, *names))
			return true;
	return false;
}
