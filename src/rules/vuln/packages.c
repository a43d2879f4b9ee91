/* Known vulnerabilities in the image's installed packages: each package's candidate OSV records
 * (filled from the vulnerability store by the pipeline) judged against its installed version by
 * OSV's evaluation algorithm (osv_match.c), in the package's own version scheme. */
#include "rules/vuln/osv_match.h"
#include "model/image.h"
#include "model/image_fs.h"
#include "model/pkg.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Debian and Ubuntu publish by source package and source version. */
static bool by_source(const struct pkg *p)
{
	return p->kind == PKG_DPKG;
}

/* The version to judge, in buf when a binNMU suffix ("+b2") must go: it is no source version. */
static const char *judged_version(const struct pkg *p, char *buf, size_t n)
{
	if (!by_source(p))
		return p->version;
	if (p->source_version && *p->source_version)
		return p->source_version;
	const char *b = strstr(p->version, "+b");
	if (!b || !b[2] || b[2 + strspn(b + 2, "0123456789")] || (size_t)(b - p->version) >= n)
		return p->version;
	snprintf(buf, n, "%.*s", (int)(b - p->version), p->version);
	return buf;
}

/* The record's rating; a Debian urgency or the score when it has none; unknown is medium: a
 * known vulnerability nobody rated yet is still one, but not one to fail a build on. */
static enum severity rec_severity(const struct vuln_rec *r)
{
	int s = r->severity ? severity_parse(r->severity) : -1;
	if (s > SEV_INFO)
		return (enum severity)s;
	const char *u = r->urgency;
	if (u && (str_prefix(u, "unimportant") || str_prefix(u, "low")))
		return SEV_LOW;
	if (u && str_prefix(u, "high"))
		return SEV_HIGH;
	if (r->cvss_score > 0)
		return r->cvss_score >= 9 ? SEV_CRITICAL : r->cvss_score >= 7 ? SEV_HIGH
		     : r->cvss_score >= 4 ? SEV_MEDIUM : SEV_LOW;
	return SEV_MEDIUM;
}

static bool names_same(const struct vuln_rec *a, const struct vuln_rec *b)
{
	if (!strcmp(a->id, b->id))
		return true;
	for (size_t i = 0; i < a->naliases; i++)
		if (!strcmp(a->aliases[i], b->id))
			return true;
	for (size_t i = 0; i < b->naliases; i++)
		if (!strcmp(b->aliases[i], a->id))
			return true;
	return false;
}

static void add(struct findings *out, const struct rule *self, enum severity sev, struct loc at,
                const char *evidence, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void add(struct findings *out, const struct rule *self, enum severity sev, struct loc at,
                const char *evidence, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	findings_push(out, self, sev, at, evidence, fmt, ap);
	va_end(ap);
}

static void report(struct findings *out, const struct rule *self, const struct image_fs *fs,
                   const struct pkg *p, const char *ver, const struct vuln_rec *r,
                   const char *fixed)
{
	enum severity sev = rec_severity(r);
	const char *src = by_source(p) && p->source && strcmp(p->source, p->name) ? p->source : NULL;
	char what[512];
	if (src)
		snprintf(what, sizeof what, "%s %s (source %s %s)", p->name, p->version, src, ver);
	else
		snprintf(what, sizeof what, "%s %s", p->name, p->version);
	if (fixed)
		add(out, self, sev, (struct loc){ p->path, 0 }, r->id, "%s is affected by %s; fixed in "
		    "%s", what, r->id, fixed);
	else
		add(out, self, sev, (struct loc){ p->path, 0 }, r->id, "%s is affected by %s; no fixed "
		    "version yet", what, r->id);
	const struct img_layer *l = p->layer < fs->nlayers ? &fs->layers[p->layer] : NULL;
	if (l)
		finding_set_layer(out, p->layer, l->diff_id ? l->diff_id : l->digest, true, 0,
		                  l->created_by);
	struct finding_vuln v = {
		.id = r->id, .aliases = r->aliases, .naliases = r->naliases, .summary = r->summary,
		.package = p->name, .source = p->source,
		.installed = (char *)ver, .fixed = (char *)fixed, .ecosystem = r->ecosystem,
		.severity = (char *)severity_name(sev), .cvss = r->cvss_score,
		.cvss_vector = r->cvss_vector, .path = p->path, .layer = l ? (int)p->layer : -1,
	};
	finding_set_vuln(out, &v);
}

/* Records naming one vulnerability by different ids (a DSA and its CVE) give one finding: the
 * lowest id's, so the result does not depend on the order the store hands them out. */
static bool outranked(const struct pkg *p, const bool *hit, const struct osv_verdict *d, size_t i)
{
	for (size_t j = 0; j < p->ncands; j++) {
		if (j == i || !hit[j] || !names_same(&p->cands[j], &p->cands[i]))
			continue;
		int c = strcmp(p->cands[j].id, p->cands[i].id);
		/* the same id twice (two affected entries): the one with a fix, else the first */
		if (c < 0 || (!c && (!d[i].fixed && d[j].fixed)) ||
		    (!c && !d[i].fixed == !d[j].fixed && j < i))
			return true;
	}
	return false;
}

static void check_pkg(struct findings *out, const struct rule *self, const struct image_fs *fs,
                      const struct pkg *p)
{
	char buf[256];
	const char *ver = judged_version(p, buf, sizeof buf);
	enum vers_scheme scheme = p->scheme;
	bool *hit = xcalloc(p->ncands + 1, sizeof *hit);
	struct osv_verdict *d = xcalloc(p->ncands + 1, sizeof *d);
	for (size_t i = 0; i < p->ncands; i++) {
		d[i] = osv_judge(&p->cands[i], ver, osv_cmp_scheme, osv_cmp_semver, &scheme);
		hit[i] = d[i].affected;
	}
	for (size_t i = 0; i < p->ncands; i++)
		if (hit[i] && !outranked(p, hit, d, i))
			report(out, self, fs, p, ver, &p->cands[i], d[i].fixed);
	free(d);
	free(hit);
}

static void check_vulns(const struct rule *self, const struct image_cfg *im,
                        struct findings *out)
{
	if (!im->fs)
		return;
	for (size_t i = 0; i < im->fs->inv.npkgs; i++)
		if (im->fs->inv.pkgs[i].ncands)
			check_pkg(out, self, im->fs, &im->fs->inv.pkgs[i]);
}

static const char *const refs[] = {
	"https://ossf.github.io/osv-schema/#evaluation", NULL
};

const struct rule rule_v_known = {
	.id = "BW-V001",
	.title = "Installed package with a known vulnerability",
	.severity = SEV_MEDIUM,
	.rationale = "A package the image ships at a version an OSV advisory names as affected "
	             "(bulwark image --vulns, against the store bulwark db import or update fills). "
	             "The version is judged as OSV's evaluation algorithm says: listed in the "
	             "record's versions, or inside an ECOSYSTEM range (compared in the package's "
	             "own scheme: dpkg, rpm, apk, PEP 440, SemVer, Maven, RubyGems) or a SEMVER "
	             "range, events sorted with introduced \"0\" first, fixed and last_affected "
	             "ending it and limit bounding it. GIT ranges name commits, which an installed "
	             "version cannot be placed among: they are skipped, and a record with nothing "
	             "else does not match. Withdrawn records never match. Debian and Ubuntu "
	             "advisories are matched by source package and source version (a binNMU's +bN "
	             "is not part of it). One finding per vulnerability per package: records that "
	             "name each other (a DSA and its CVE) give one, under the lowest id. The "
	             "finding's severity is the record's rating (from its CVSS score, else Debian's "
	             "urgency or the ecosystem's own); a record nobody rated is medium. "
	             "--ignore-unfixed leaves out those with no fixed version yet.",
	.remediation = "Upgrade the package to the fixed version (apt-get upgrade, apk upgrade, a "
	               "newer base image, or the dependency's version in the build), or, when no "
	               "fix exists, remove the package or accept the risk with a suppression that "
	               "says why (an ignore entry in .bulwark.yaml may name the vulnerability's "
	               "id: rule: CVE-2024-0727).",
	.refs = refs,
	.check_image = check_vulns,
};
