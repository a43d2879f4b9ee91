/* Packages installed in RUN without a version pin, one rule per package manager (or family),
 * all one check over the package-manager table. */
#include "rules/rule.h"
#include "rules/dockerfile/pkg_managers.h"
#include <string.h>

/* "curl, wget, git" list for messages, in a fixed buffer; truncated with "...". */
struct namelist { char s[200]; size_t len; int n; bool cut; };

static void namelist_add(struct namelist *l, const char *name)
{
	const char *sep = l->len ? ", " : "";
	size_t need = strlen(sep) + strlen(name);
	l->n++;
	if (l->cut)
		return;
	if (l->len + need + 4 > sizeof l->s) {
		memcpy(l->s + l->len, "...", 4);
		l->len += 3;
		l->cut = true;
		return;
	}
	memcpy(l->s + l->len, sep, strlen(sep));
	memcpy(l->s + l->len + strlen(sep), name, strlen(name) + 1);
	l->len += need;
}

static bool is_one_of(enum pm pm, const enum pm *pms)
{
	for (; *pms; pms++)
		if (*pms == pm)
			return true;
	return false;
}

/* Word a of c was given before it in c: a package named twice is listed once. */
static bool named_before(const struct rcmd *c, long a)
{
	for (long k = 1; k < a; k++)
		if (c->argv[k][0] == c->argv[a][0] && !strcmp(c->argv[k], c->argv[a]))
			return true;
	return false;
}

/* The packages of pms installed without a pin, one finding per install command (the line of
 * each is where its packages are): "<tool> <what>: a, b". */
static void check_pins(const struct rule *self, const struct dockerfile *df,
                       struct findings *out, const enum pm *pms)
{
	struct run_walk w;
	bool may = false;
	unsigned mask = 0;
	for (const enum pm *p = pms; *p; p++) {
		may = may || df_may_run_pm(df, *p);
		mask |= 1u << *p;
	}
	if (!may)
		return;
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		struct namelist l;      /* set below for installs only: most commands are none */
		const struct pkg_manager *pmd;
		struct pkgs p;
		enum pm pm;
		long a;
		if (!pm_may_be(c, mask) || !is_one_of(pm_of(c), pms) || !pm_pkgs(c, &pm, &p))
			continue;
		l.s[0] = '\0', l.len = 0, l.n = 0, l.cut = false;
		while ((a = rc_operand(c, p.o, &p.first)) >= 0 && (size_t)a < p.end)
			if (!word_dynamic(c->argv[a]) && !p.pinned(c->argv[a]) && !named_before(c, a))
				namelist_add(&l, c->argv[a]);
		if (!l.n)
			continue;
		pmd = pm_get(pm);
		finding_add(out, self, (struct loc){ df->path, c->line }, l.s, "%s %s: %s",
		            pmd->pin_tool ? pmd->pin_tool : c->name, pmd->pin_what, l.s);
	}
}

static void check_apt_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const enum pm pms[] = { PM_APT, PM_NONE };
	check_pins(self, df, out, pms);
}

const struct rule rule_run_apt_pin = {
	.id = "BW-D034",
	.title = "apt-get install of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3008"),
	.rationale = "Unpinned packages make the image depend on the day it was built: a rebuild "
	             "can silently pull a different, possibly broken or compromised, version.",
	.remediation = "Pin versions: `apt-get install -y curl=7.88.*`, or build from a base image "
	               "digest that you update deliberately.",
	.check_dockerfile = check_apt_pins,
};

static void check_apk_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const enum pm pms[] = { PM_APK, PM_NONE };
	check_pins(self, df, out, pms);
}

const struct rule rule_run_apk_pin = {
	.id = "BW-D035",
	.title = "apk add of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3018"),
	.rationale = "Unpinned packages make the image depend on the day it was built: a rebuild "
	             "can silently pull a different, possibly broken or compromised, version.",
	.remediation = "Pin versions: `apk add --no-cache curl=8.5.0-r0` (or `curl~8.5`).",
	.check_dockerfile = check_apk_pins,
};

static void check_pip_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const enum pm pms[] = { PM_PIP, PM_PIPX, PM_NONE };
	check_pins(self, df, out, pms);
}

const struct rule rule_run_pip_pin = {
	.id = "BW-D037",
	.title = "pip or pipx install of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3013"),
	.rationale = "Unpinned packages make the image depend on the day it was built: a rebuild "
	             "can silently pull a different, possibly broken or malicious, release.",
	.remediation = "Pin versions (`pip install requests==2.31.0`, `pipx install black==24.4.2`, "
	               "a VCS URL at a tag or commit: `git+https://host/org/repo.git@v1.2.0`), or "
	               "install from a requirements file with pinned versions and hashes (`pip "
	               "install --require-hashes -r requirements.txt`).",
	.check_dockerfile = check_pip_pins,
};

static void check_npm_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const enum pm pms[] = { PM_NPM, PM_NONE };
	check_pins(self, df, out, pms);
}

const struct rule rule_run_npm_pin = {
	.id = "BW-D039",
	.title = "npm install of unpinned packages",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3016"),
	.rationale = "A package named without a version installs whatever is latest at build "
	             "time: rebuilds are not reproducible and a hijacked release goes straight in.",
	.remediation = "Pin versions (`npm install -g typescript@5.4.5`), or install from "
	               "package-lock.json with `npm ci`.",
	.check_dockerfile = check_npm_pins,
};

static void check_gem_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const enum pm pms[] = { PM_GEM, PM_NONE };
	check_pins(self, df, out, pms);
}

const struct rule rule_run_gem_pin = {
	.id = "BW-D040",
	.title = "gem install of unpinned gems",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3028"),
	.rationale = "A gem named without a version installs whatever is latest at build time: "
	             "rebuilds are not reproducible and a hijacked release goes straight in.",
	.remediation = "Pin versions: `gem install rails:7.1.3` or `gem install rails -v 7.1.3`; "
	               "for applications use a Gemfile.lock and `bundle install`.",
	.check_dockerfile = check_gem_pins,
};

static void check_rpm_pins(const struct rule *self, const struct dockerfile *df,
                           struct findings *out)
{
	static const enum pm pms[] = { PM_YUM, PM_ZYPPER, PM_NONE };
	check_pins(self, df, out, pms);
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

static void check_go_pins(const struct rule *self, const struct dockerfile *df,
                          struct findings *out)
{
	static const enum pm pms[] = { PM_GO, PM_NONE };
	check_pins(self, df, out, pms);
}

const struct rule rule_run_go_pin = {
	.id = "BW-D056",
	.title = "go install, get or run without a pinned version",
	.severity = SEV_LOW,
	.aliases = ALIASES("DL3062"),
	.rationale = "go install pkg or pkg@latest builds whatever the module's newest release is "
	             "at build time, go get pkg adds it and go run pkg@latest builds and runs it: "
	             "rebuilds are not reproducible and a compromised release goes straight in.",
	.remediation = "Name the version: `go install golang.org/x/tools/gopls@v0.15.3`.",
	.check_dockerfile = check_go_pins,
};
