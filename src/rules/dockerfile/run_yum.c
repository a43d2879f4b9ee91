/* yum, dnf, microdnf and zypper in RUN: prompts, caches left behind, version pins. */
#include "rules/rule.h"
#include "rules/dockerfile/run_pins.h"
#include "rules/dockerfile/run_cleanup.h"
#include "rules/dockerfile/stage_chain.h"
#include "util/util.h"
#include <ctype.h>
#include <string.h>

static bool sub_in(const struct rcmd *c, enum pm pm, const char *const *subs)
{
	const char *sub;
	if (pm_of(c) != pm || !(sub = rc_sub(c, pm_opts(pm), NULL)))
		return false;
	for (; *subs; subs++)
		if (!strcmp(sub, *subs))
			return true;
	return false;
}

static const char *const yum_installs[] = { "install", "groupinstall", "localinstall",
	"reinstall", NULL };
static const char *const zypper_installs[] = { "install", "in", "remove", "rm",
	"source-install", "si", "patch", NULL };

/* ---- BW-D051: no assume-yes switch ---- */

static bool assumes_yes(const struct rcmd *c, enum pm pm)
{
	const struct sh_optspec *o = pm_opts(pm);
	if (pm == PM_YUM)
		return rc_has(c, o, "-y") || rc_has(c, o, "--assumeyes");
	return rc_has(c, o, "-n") || rc_has(c, o, "--non-interactive") || rc_has(c, o, "-y")
	       || rc_has(c, o, "--no-confirm");
}

static void check_yes(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	if (!df_may_run_any(df, pm_names))
		return;
	const struct df_instr *in;
	for_each_run(df, i, in) {
		struct run_iter it;
		struct rcmd c;
		run_iter_init(&it, in, df->instr[i].line);
		while (run_next(&it, &c)) {
			enum pm pm = pm_of(&c);
			if (!sub_in(&c, PM_YUM, yum_installs) && !sub_in(&c, PM_ZYPPER, zypper_installs))
				continue;
			if (assumes_yes(&c, pm))
				continue;
			finding_add(out, self, (struct loc){ df->path, c.line }, NULL,
			            "%s %s without %s", c.name, rc_sub(&c, pm_opts(pm), NULL),
			            pm == PM_YUM ? "-y" : "-n (--non-interactive)");
		}
	}
}

const struct rule rule_run_rpm_no_yes = {
	.id = "BW-D051",
	.title = "yum/dnf/zypper install without a non-interactive switch",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3030", "DL3038", "DL3034"),
	.rationale = "Without -y (zypper: -n) the package manager waits for a confirmation that "
	             "never comes in a build, and the build fails.",
	.remediation = "Use `yum install -y`, `dnf install -y`, `microdnf install -y` or "
	               "`zypper -n install`.",
	.check_dockerfile = check_yes,
};

/* ---- BW-D052: package cache left behind ---- */

static bool yum_clean(const struct rcmd *c)
{
	static const char *const clean[] = { "clean", NULL };
	return sub_in(c, PM_YUM, clean) && rc_word_has(c, "all");
}

static bool zypper_clean(const struct rcmd *c)
{
	static const char *const clean[] = { "clean", "cc", NULL };
	return sub_in(c, PM_ZYPPER, clean);
}

static bool cache_gone(const struct df_instr *in, enum pm pm)
{
	if (pm == PM_ZYPPER)
		return run_mount_covers(in, "/var/cache/zypp") || run_removes(in, "/var/cache/zypp");
	return run_mount_covers(in, "/var/cache/yum") || run_mount_covers(in, "/var/cache/dnf")
	       || run_mount_covers(in, "/var/cache/libdnf5") || run_removes(in, "/var/cache/yum")
	       || run_removes(in, "/var/cache/dnf") || run_removes(in, "/var/cache/libdnf5");
}

/* An install of the family with no clean after it; *first is the first such install. */
static bool uncleaned(const struct df_instr *in, enum pm pm, struct rcmd *first, int line)
{
	const char *const *installs = pm == PM_YUM ? yum_installs : zypper_installs;
	struct run_iter it;
	struct rcmd c;
	bool pending = false;
	run_iter_init(&it, in, line);
	while (run_next(&it, &c)) {
		if (sub_in(&c, pm, installs)) {
			if (!pending)
				*first = c;
			pending = true;
		} else if (pm == PM_YUM ? yum_clean(&c) : zypper_clean(&c)) {
			pending = false;
		}
	}
	return pending;
}

static void check_clean(const struct rule *self, const struct dockerfile *df, struct findings *out)
{
	if (!df_may_run_any(df, pm_names))
		return;
	static const enum pm pms[] = { PM_YUM, PM_ZYPPER };
	const struct df_instr *in;
	for_each_run(df, i, in) {
		if (!stage_shipped(df, df->instr[i].stage))
			continue;
		for (size_t p = 0; p < 2; p++) {
			struct rcmd c;
			if (!uncleaned(in, pms[p], &c, df->instr[i].line) || cache_gone(in, pms[p]))
				continue;
			finding_add(out, self, (struct loc){ df->path, c.line }, NULL,
			            "%s %s without %s in the same RUN", c.name,
			            rc_sub(&c, pm_opts(pms[p]), NULL),
			            pms[p] == PM_ZYPPER ? "zypper clean"
			            : rc_is(&c, "yum") ? "yum clean all"
			            : rc_is(&c, "microdnf") ? "microdnf clean all" : "dnf clean all");
		}
	}
}

const struct rule rule_run_rpm_clean = {
	.id = "BW-D052",
	.title = "yum/dnf/zypper cache left in the image",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3032", "DS015", "DL3040", "DS019", "DS027", "DL3036", "DS020"),
	.rationale = "Repository metadata and downloaded packages stay in /var/cache/yum, "
	             "/var/cache/dnf or /var/cache/zypp and are shipped in the layer.",
	.remediation = "End the RUN with `&& dnf clean all` (`yum clean all`, `zypper clean -a`), "
	               "or use a cache mount: `RUN --mount=type=cache,target=/var/cache/dnf ...`.",
	.check_dockerfile = check_clean,
};

/* ---- BW-D055: unpinned packages ---- */

/* name-1.2.3, name-1.2*, a .rpm file, a path or URL; @groups and modules are not packages */
static bool rpm_pinned(const char *p)
{
	if (p[0] == '@' || strchr(p, '/') || str_suffix(p, ".rpm"))
		return true;
	for (const char *d = strchr(p + 1, '-'); d; d = strchr(d + 1, '-'))
		if (isdigit((unsigned char)d[1]))
			return true;
	return false;
}

static bool zypper_pinned(const char *p)
{
	return strpbrk(p, "=<>/") || str_suffix(p, ".rpm");
}

static bool has_stream(const char *p)
{
	return strchr(p, ':') != NULL;
}

/* yum module install nodejs:18: the operands after "install" are modules */
static bool module_pkgs(const struct rcmd *c, struct pkgs *p)
{
	static const char *const module[] = { "module", NULL };
	long a;
	*p = (struct pkgs){ 0, pm_opts(PM_YUM), has_stream };
	if (!sub_in(c, PM_YUM, module))
		return false;
	rc_sub(c, p->o, &p->first);
	return (a = rc_operand(c, p->o, &p->first)) >= 0 && !strcmp(c->argv[a], "install");
}

/* zypper -t pattern (or patch, product) names no packages */
static bool rpm_pkgs(const struct rcmd *c, struct pkgs *p)
{
	enum pm pm;
	const char *type;
	if (module_pkgs(c, p))
		return true;
	if (!pm_install(c, &pm, &p->first) || (pm != PM_YUM && pm != PM_ZYPPER))
		return false;
	p->o = pm_opts(pm);
	p->pinned = pm == PM_YUM ? rpm_pinned : zypper_pinned;
	type = rc_value(c, p->o, "-t", "--type");
	return pm == PM_YUM || !type || !strcmp(type, "package");
}

static void check_rpm_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const struct pin_rule rpm = { pm_names, rpm_pkgs, NULL, "install without version pins" };
	check_pins(self, df, out, &rpm);
}

const struct rule rule_run_rpm_pin = {
	.id = "BW-D055",
	.title = "yum/dnf/zypper install of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3033", "DL3041", "DL3037"),
	.rationale = "Unpinned packages make the image depend on the day it was built: a rebuild "
	             "can silently pull a different, possibly broken or compromised, version.",
	.remediation = "Pin versions: `dnf install -y httpd-2.4.57` or `zypper -n install "
	               "curl=8.0.1`; modules with a stream: `dnf module install nodejs:20`.",
	.check_dockerfile = check_rpm_pins,
};
