#include "rules/dockerfile/pkg_managers.h"
#include "rules/dockerfile/pkg_pins.h"
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#define L(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* zypper -t pattern (or patch, product) names no packages */
static bool zypper_not_packages(const struct rcmd *c)
{
	const char *type = rc_value(c, pm_opts(PM_ZYPPER), "-t", "--type");
	return type && strcmp(type, "package");
}

/* an install from requirements or constraints files, or a pyproject.toml dependency group,
 * is left alone */
static bool pip_from_files(const struct rcmd *c)
{
	const struct sh_optspec *o = pm_opts(PM_PIP);
	return rc_has(c, o, "-r") || rc_has(c, o, "--requirement") || rc_has(c, o, "-c")
	       || rc_has(c, o, "--constraint") || rc_has(c, o, "--group");
}

/* pipx install --spec SPEC name: the spec says what is installed; an unpinned one leaves the
 * name to be judged (and found unpinned) */
static bool pipx_spec(const struct rcmd *c)
{
	const char *spec = rc_value(c, pm_opts(PM_PIPX), NULL, "--spec");
	return spec && (word_dynamic(spec) || pip_pinned(spec));
}

/* -v pins every gem of the command */
static bool gem_version_opt(const struct rcmd *c)
{
	return rc_has(c, pm_opts(PM_GEM), "-v") || rc_has(c, pm_opts(PM_GEM), "--version");
}

/* gem install nokogiri -- --use-system-libraries: the words after -- are build flags */
static void gem_pkgs(const struct rcmd *c, struct pkgs *p)
{
	for (size_t k = p->first; k < p->end; k++)
		if (!strcmp(c->argv[k], "--")) {
			p->end = k;
			return;
		}
}

/* go run pkg args: one package, then the program's arguments */
static void go_pkgs(const struct rcmd *c, struct pkgs *p)
{
	size_t k = 1;
	long a;
	const char *sub = rc_sub(c, p->o, &k);
	if (!sub || strcmp(sub, "run"))
		return;
	p->pinned = go_run_pinned;
	a = rc_operand(c, p->o, &k);
	p->end = a >= 0 ? (size_t)a + 1 : p->first;
}

static const char PINS[] = "install without version pins";

const struct pkg_manager pkg_managers[PM_COUNT] = {
	/* aptitude is a front end to the same lists, cache and packages */
	[PM_APT] = {
		.cmds = L("apt-get", "apt", "aptitude"), .distro = true,
		.opts = { "octFwOS", L("--option", "--config-file", "--target-release",
		                       "--default-release", "--display-format", "--width", "--sort") },
		.installs = L("install"),
		.yes = L("-y", "--yes", "--assume-yes"), .yes_hint = "-y",
		.update = "update",
		.index_users = L("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep",
		                 "reinstall", "source", "download", "safe-upgrade"),
		.upgrades = L("upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"),
		.pinned = apt_pinned, .pin_what = PINS,
	},
	[PM_APK] = {
		.cmds = L("apk"), .distro = true,
		.opts = { "Xtp", L("--repository", "--virtual", "--root", "--keys-dir",
		                   "--repositories-file", "--arch", "--cache-dir", "--cache-max-age") },
		.installs = L("add"),
		.update = "update",
		.index_users = L("add", "upgrade", "fix", "fetch"),
		.upgrades = L("upgrade"),
		.pinned = apk_pinned, .pin_tool = "apk", .pin_what = "add without version pins",
	},
	[PM_YUM] = {
		.cmds = L("yum", "dnf", "dnf5", "microdnf", "tdnf"), .distro = true,
		.opts = { "cxdeR", L("--setopt", "--enablerepo", "--disablerepo", "--repo", "--repoid",
		                     "--exclude", "--installroot", "--releasever", "--config",
		                     "--downloaddir", "--destdir", "--forcearch") },
		/* dnf's short forms too: in, rei, up, up-min */
		.installs = L("install", "in"), .modules = "module",
		.yes = L("-y", "--assumeyes"), .yes_hint = "-y",
		.prompts = L("install", "in", "groupinstall", "localinstall", "reinstall", "rei",
		             "upgrade", "up", "update", "upgrade-minimal", "up-min"),
		.cleans = L("clean"), .clean_arg = "all",
		.cache_dirs = L("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5",
		                "/var/cache/tdnf"),
		.pinned = rpm_pinned, .pin_what = PINS,
	},
	[PM_ZYPPER] = {
		.cmds = L("zypper"), .distro = true,
		.opts = { "cRDCrt", L("--config", "--root", "--reposd-path", "--cache-dir", "--repo",
		                      "--type", "--from") },
		.installs = L("install", "in"),
		.yes = L("-n", "--non-interactive", "-y", "--no-confirm"),
		.yes_hint = "-n (--non-interactive)",
		.prompts = L("install", "in", "remove", "rm", "source-install", "si", "patch"),
		.upgrades = L("dist-upgrade", "dup"),
		.cleans = L("clean", "cc"),
		.cache_dirs = L("/var/cache/zypp"),
		.pinned = zypper_pinned, .pins_elsewhere = zypper_not_packages, .pin_what = PINS,
	},
	[PM_NPM] = {
		.cmds = L("npm"),
		.opts = { "wC", L("--registry", "--prefix", "--workspace", "--tag", "--cache",
		                  "--userconfig", "--globalconfig", "--loglevel", "--omit", "--include",
		                  "--install-strategy") },
		.installs = L("install", "i", "in", "add", "isntall"),
		.pinned = npm_pinned, .pin_tool = "npm", .pin_what = PINS,
	},
	[PM_PIP] = {
		.cmds = L("pip"), .versioned = true,
		.opts = { "rcetiCf", L("--requirement", "--constraint", "--editable", "--target",
		                       "--platform", "--python-version", "--implementation", "--abi",
		                       "--root", "--prefix", "--src", "--upgrade-strategy",
		                       "--global-option", "--config-settings", "--no-binary",
		                       "--only-binary", "--progress-bar", "--report", "--index-url",
		                       "--extra-index-url", "--find-links", "--install-option", "--log",
		                       "--proxy", "--retries", "--timeout", "--exists-action",
		                       "--trusted-host", "--cert", "--client-cert", "--cache-dir",
		                       "--python", "--use-feature", "--use-deprecated",
		                       "--keyring-provider", "--root-user-action", "--log-file",
		                       "--local-log", "--group", "--resume-retries") },
		.installs = L("install"),
		.pinned = pip_pinned, .pins_elsewhere = pip_from_files, .pin_tool = "pip",
		.pin_what = PINS,
	},
	[PM_PIPX] = {
		.cmds = L("pipx"),
		.opts = { "i", L("--suffix", "--python", "--preinstall", "--index-url", "--pip-args",
		                 "--spec") },
		.installs = L("install"),
		.pinned = pip_pinned, .pins_elsewhere = pipx_spec, .pin_tool = "pipx",
		.pin_what = PINS,
	},
	[PM_GEM] = {
		.cmds = L("gem"),
		/* gem install --help: the options that require a value */
		.opts = { "vinsPgB", L("--version", "--install-dir", "--bindir", "--source",
		                       "--trust-policy", "--platform", "--file", "--build-root",
		                       "--bulk-threshold", "--config-file", "--without") },
		.installs = L("install", "i"),
		.pinned = gem_pinned, .pins_elsewhere = gem_version_opt, .pkgs_of = gem_pkgs,
		.pin_tool = "gem",
		.pin_what = PINS,
	},
	[PM_GO] = {
		.cmds = L("go"),
		/* go build flags that take a value (single dash, as go writes them) */
		.opts = { "", L("-C", "-p", "-asmflags", "-buildmode", "-compiler", "-gccgoflags",
		                "-gcflags", "-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay",
		                "-pgo", "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg",
		                "-exec") },
		/* go get adds a module at its newest release unless told a version, as go install
		 * builds one and go run builds and runs one */
		.installs = L("install", "get", "run"),
		.pinned = go_pinned, .pkgs_of = go_pkgs, .pin_tool = "go",
		.pin_what = "install, get or run without a pinned @version",
	},
};

static bool in_list(const char *w, const char *const *l)
{
	for (; l && *l; l++)
		if (**l == *w && !strcmp(*l, w))
			return true;
	return false;
}

/* name is cmd, or (versioned) cmd followed by digits and dots; names are short, so a byte loop
 * beats strlen and strncmp */
static bool name_is(const char *name, const char *cmd, bool versioned)
{
	while (*cmd)
		if (*name++ != *cmd++)
			return false;
	if (!versioned)
		return !*name;
	for (; *name; name++)
		if (!isdigit((unsigned char)*name) && *name != '.')
			return false;
	return true;
}

/* Managers with a command starting with each byte, and the pairs of first bytes their names
 * start with (a bit set), built from the table before main. */
uint16_t pm_by_first[256];
uint64_t pm_first_two[65536 / 64];

__attribute__((constructor)) static void index_names(void)
{
	for (int p = PM_NONE + 1; p < PM_COUNT; p++)
		for (const char *const *n = pkg_managers[p].cmds; *n; n++) {
			unsigned two = pm_two(*n);
			pm_by_first[(unsigned char)**n] |= (uint16_t)(1u << p);
			pm_first_two[two / 64] |= 1ull << (two % 64);
		}
}

enum pm pm_lookup(const struct rcmd *c, unsigned m)
{
	for (int p = PM_NONE + 1; m >> p; p++)
		if (m >> p & 1)
			for (const char *const *n = pkg_managers[p].cmds; *n; n++)
				if (name_is(c->name, *n, pkg_managers[p].versioned))
					return (enum pm)p;
	return PM_NONE;
}

bool pm_sub_in(const struct rcmd *c, enum pm pm, const char *const *subs)
{
	const char *sub;
	return subs && pm_may_be(c, 1u << pm) && pm_of(c) == pm
	       && (sub = rc_sub(c, pm_opts(pm), NULL)) && in_list(sub, subs);
}

/* The subcommand of c, a command of pm, is one of installs; *pkgs follows it. */
static bool installs(const struct rcmd *c, enum pm pm, size_t *pkgs)
{
	const char *sub = rc_sub(c, pm_opts(pm), pkgs);
	return sub && in_list(sub, pkg_managers[pm].installs);
}

bool pm_install(const struct rcmd *c, enum pm *pm, size_t *pkgs)
{
	enum pm p = pm_of(c);
	if (p == PM_NONE)
		return false;
	*pm = p;
	return installs(c, p, pkgs);
}

bool pm_assumes_yes(const struct rcmd *c, enum pm pm)
{
	for (const char *const *y = pkg_managers[pm].yes; y && *y; y++)
		if (rc_has(c, pm_opts(pm), *y))
			return true;
	return false;
}

/* dnf module install nodejs:18: the operands after "install" are modules */
static bool module_pkgs(const struct rcmd *c, enum pm pm, struct pkgs *p)
{
	const struct pkg_manager *m = &pkg_managers[pm];
	const char *sub;
	long a;
	p->o = &m->opts;
	p->pinned = module_pinned;
	p->end = c->argc;
	return m->modules && (sub = rc_sub(c, p->o, &p->first)) && !strcmp(sub, m->modules)
	       && (a = rc_operand(c, p->o, &p->first)) >= 0 && !strcmp(c->argv[a], "install");
}

bool pm_pkgs(const struct rcmd *c, enum pm *pm, struct pkgs *p)
{
	enum pm m = pm_of(c);
	const struct pkg_manager *e = &pkg_managers[m];
	*p = (struct pkgs){ 0 };
	if (m == PM_NONE)
		return false;
	*pm = m;
	if (module_pkgs(c, m, p))
		return true;
	*p = (struct pkgs){ 0, c->argc, &e->opts, e->pinned };
	if (!installs(c, m, &p->first) || (e->pins_elsewhere && e->pins_elsewhere(c)))
		return false;
	if (e->pkgs_of)
		e->pkgs_of(c, p);
	return true;
}

bool df_may_run_pm(const struct dockerfile *df, enum pm pm)
{
	for (const char *const *n = pkg_managers[pm].cmds; n && *n; n++)
		if (df_may_run(df, *n))
			return true;
	return false;
}

bool df_may_run_distro_pm(const struct dockerfile *df)
{
	for (int p = PM_NONE + 1; p < PM_COUNT; p++)
		if (pkg_managers[p].distro && df_may_run_pm(df, (enum pm)p))
			return true;
	return false;
}
