/* The known-vulnerability matcher: OSV's evaluation algorithm with an injected comparator
 * (dotted numbers compared as numbers, so "10" sorts after "9", which byte order would not),
 * then rule BW-V001 over an inventory with candidate records. The rule's cases use versions
 * whose byte order is their true order, so they hold whether util/vers_*.c compare bytes or
 * implement their schemes; the edges where the two differ (tildes, epochs) are in
 * tests/cli/vulns.sh. */
#include "test.h"
#include "model/image.h"
#include "model/image_fs.h"
#include "model/pkg.h"
#include "model/vuln.h"
#include "rules/rule.h"
#include "rules/vuln/osv_match.h"
#include "util/util.h"
#include <stdlib.h>

/* "1.10.2" vs "1.9": component-wise as numbers. */
static int num_cmp(void *ctx, const char *a, const char *b)
{
	(void)ctx;
	while (*a || *b) {
		unsigned long x = strtoul(a, (char **)&a, 10), y = strtoul(b, (char **)&b, 10);
		if (x != y)
			return x < y ? -1 : 1;
		a += *a == '.';
		b += *b == '.';
	}
	return 0;
}

/* A range from "i:1.0 f:2.0 l:3.0 L:4.0" (introduced, fixed, last_affected, limit). */
static void add_range(struct vuln_rec *r, enum osv_range_type t, const char *spec)
{
	r->ranges = xrealloc(r->ranges, (r->nranges + 1) * sizeof *r->ranges);
	struct osv_range *g = &r->ranges[r->nranges++];
	memset(g, 0, sizeof *g);
	g->type = t;
	char *s = xstrdup(spec), *save = NULL;
	for (char *w = strtok_r(s, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		g->events = xrealloc(g->events, (g->nevents + 1) * sizeof *g->events);
		struct osv_event *e = &g->events[g->nevents++];
		e->kind = w[0] == 'i' ? OSV_INTRODUCED : w[0] == 'f' ? OSV_FIXED
		        : w[0] == 'l' ? OSV_LAST_AFFECTED : OSV_LIMIT;
		e->version = xstrdup(w + 2);
	}
	free(s);
}

static void add_version(struct vuln_rec *r, const char *v)
{
	r->versions = xrealloc(r->versions, (r->nversions + 1) * sizeof *r->versions);
	r->versions[r->nversions++] = xstrdup(v);
}

static bool hits(const struct vuln_rec *r, const char *v, const char **fixed)
{
	struct osv_verdict d = osv_judge(r, v, num_cmp, num_cmp, NULL);
	if (fixed)
		*fixed = d.fixed;
	return d.affected;
}

TEST(vuln_osv_ranges)
{
	struct vuln_rec r = { 0 };
	const char *fx;
	add_range(&r, OSV_ECOSYSTEM, "i:0 f:1.10");
	CHECK(hits(&r, "0.1", &fx));
	CHECK_STR(fx, "1.10");
	CHECK(hits(&r, "1.9", NULL));          /* numerically below 1.10: byte order says above */
	CHECK(!hits(&r, "1.10", NULL));        /* fixed is not affected */
	CHECK(!hits(&r, "1.11", NULL));
	vuln_rec_clear(&r);

	/* Events out of order in the record, two windows: sorted before the walk. */
	memset(&r, 0, sizeof r);
	add_range(&r, OSV_ECOSYSTEM, "f:3.5 i:3.0 f:1.2 i:1.0");
	CHECK(!hits(&r, "0.9", NULL));
	CHECK(hits(&r, "1.0", &fx));
	CHECK_STR(fx, "1.2");
	CHECK(!hits(&r, "2.0", NULL));
	CHECK(hits(&r, "3.4", &fx));
	CHECK_STR(fx, "3.5");
	CHECK(!hits(&r, "3.5", NULL));
	vuln_rec_clear(&r);

	/* last_affected: that version is affected, the next is not; no fix known. */
	memset(&r, 0, sizeof r);
	add_range(&r, OSV_ECOSYSTEM, "i:2.0 l:2.1.214");
	CHECK(!hits(&r, "1.9", NULL));
	CHECK(hits(&r, "2.1.214", &fx));
	CHECK(fx == NULL);
	CHECK(!hits(&r, "2.1.215", NULL));
	vuln_rec_clear(&r);

	/* Only introduced: every later version. */
	memset(&r, 0, sizeof r);
	add_range(&r, OSV_ECOSYSTEM, "i:5");
	CHECK(!hits(&r, "4.99", NULL));
	CHECK(hits(&r, "5", NULL));
	CHECK(hits(&r, "500", NULL));
	vuln_rec_clear(&r);
}

TEST(vuln_osv_limit_versions_git_withdrawn)
{
	struct vuln_rec r = { 0 };
	const char *fx;
	/* limit: versions at or above it are outside the range, "*" is infinity. */
	add_range(&r, OSV_ECOSYSTEM, "i:1.0 L:2.0");
	CHECK(hits(&r, "1.5", NULL));
	CHECK(!hits(&r, "2.0", NULL));
	CHECK(!hits(&r, "3.0", NULL));
	vuln_rec_clear(&r);
	memset(&r, 0, sizeof r);
	add_range(&r, OSV_ECOSYSTEM, "i:1.0 L:*");
	CHECK(hits(&r, "99", NULL));
	vuln_rec_clear(&r);

	/* versions list only; and with a range whose fix is the hint. */
	memset(&r, 0, sizeof r);
	add_version(&r, "1.4");
	add_version(&r, "1.7");
	CHECK(hits(&r, "1.4", &fx));
	CHECK(fx == NULL);
	CHECK(!hits(&r, "1.5", NULL));
	add_range(&r, OSV_ECOSYSTEM, "i:2.0 f:2.3");
	CHECK(hits(&r, "1.7", &fx));
	CHECK_STR(fx, "2.3");
	vuln_rec_clear(&r);

	/* GIT ranges cannot be judged: skipped and said so; the versions list still counts. */
	memset(&r, 0, sizeof r);
	add_range(&r, OSV_GIT, "i:0 f:abc123");
	struct osv_verdict d = osv_judge(&r, "1.0", num_cmp, num_cmp, NULL);
	CHECK(!d.affected);
	CHECK(d.git_skipped);
	add_version(&r, "1.0");
	CHECK(hits(&r, "1.0", NULL));

	/* Withdrawn: never. */
	r.withdrawn = xstrdup("2024-01-01T00:00:00Z");
	CHECK(!hits(&r, "1.0", NULL));
	vuln_rec_clear(&r);
}

static int all_equal(void *ctx, const char *a, const char *b)
{
	(void)ctx, (void)a, (void)b;
	return 0;
}

TEST(vuln_osv_semver_range_uses_semver)
{
	/* A SEMVER range is judged by the semver comparator, an ECOSYSTEM one by the scheme's. */
	struct vuln_rec r = { 0 };
	add_range(&r, OSV_SEMVER, "i:1.0.0 f:1.10.0");
	CHECK(osv_judge(&r, "1.9.0", all_equal, num_cmp, NULL).affected);
	CHECK(!osv_judge(&r, "1.9.0", num_cmp, all_equal, NULL).affected);   /* fixed == it */
	r.ranges[0].type = OSV_ECOSYSTEM;
	CHECK(osv_judge(&r, "1.9.0", num_cmp, all_equal, NULL).affected);
	vuln_rec_clear(&r);
}

/* ---- rule BW-V001 over an inventory ---- */

static struct vuln_rec rec(const char *id, const char *eco, const char *pkg, const char *sev,
                           const char *range)
{
	struct vuln_rec r = { 0 };
	r.id = xstrdup(id);
	r.ecosystem = xstrdup(eco);
	r.package = xstrdup(pkg);
	r.severity = sev ? xstrdup(sev) : NULL;
	if (range)
		add_range(&r, OSV_ECOSYSTEM, range);
	return r;
}

static void give(struct pkg *p, struct vuln_rec r)
{
	p->cands = xrealloc(p->cands, (p->ncands + 1) * sizeof *p->cands);
	p->cands[p->ncands++] = r;
}

static void run_rule(struct image_fs *fs, struct findings *out)
{
	struct image_cfg im = { .id = "sha256:aa", .ref = "app:1", .fs = fs };
	const struct rule *r = rule_find("BW-V001");
	out->cur = (struct target){ TK_IMAGE, "app:1", "sha256:aa", NULL };
	CHECK(r && r->check_image);
	if (r && r->check_image)
		r->check_image(r, &im, out);
}

static struct image_fs *fs_new(void)
{
	struct image_fs *fs = xcalloc(1, sizeof *fs);
	fs->layers = xcalloc(2, sizeof *fs->layers);
	fs->nlayers = 2;
	fs->layers[1].diff_id = xstrdup("sha256:11");
	fs->layers[1].created_by = xstrdup("RUN apt-get install -y openssl");
	return fs;
}

static struct pkg *dpkg(struct image_fs *fs, const char *name, const char *ver, const char *src,
                        const char *srcver)
{
	struct pkg *p = pkg_inv_add(&fs->inv, PKG_DPKG, name, ver);
	p->source = xstrdup(src);
	p->source_version = xstrdup(srcver);
	p->ecosystem = xstrdup("Debian:12");
	p->path = xstrdup("/var/lib/dpkg/status");
	p->layer = 1;
	p->scheme = VERS_DPKG;
	return p;
}

TEST(vuln_rule_dpkg_by_source)
{
	struct image_fs *fs = fs_new();
	/* libssl3 is built from openssl; the binNMU'd binary version must not be the one judged */
	struct pkg *p = dpkg(fs, "libssl3", "3.0.11-1~deb12u2+b1", "openssl", "3.0.11-1~deb12u2");
	give(p, rec("CVE-2024-0001", "Debian:12", "openssl", "high", "i:0 f:3.0.13-1~deb12u1"));
	give(p, rec("CVE-2024-0002", "Debian:12", "openssl", NULL, "i:0 f:3.0.11-1~deb12u2"));
	give(p, rec("CVE-2024-0003", "Debian:12", "openssl", "low", "i:0"));
	struct findings out = { 0 };
	run_rule(fs, &out);
	CHECK_INT(out.n, 2);
	if (out.n == 2) {
		struct finding *f = &out.v[0];
		CHECK_STR(f->message, "libssl3 3.0.11-1~deb12u2+b1 (source openssl 3.0.11-1~deb12u2) "
		                      "is affected by CVE-2024-0001; fixed in 3.0.13-1~deb12u1");
		CHECK_STR(f->evidence, "CVE-2024-0001");
		CHECK_INT(f->severity, SEV_HIGH);
		CHECK_STR(f->path, "/var/lib/dpkg/status");
		CHECK_INT(f->layer, 1);
		CHECK_STR(f->layer_digest, "sha256:11");
		CHECK(f->vuln != NULL);
		if (f->vuln) {
			CHECK_STR(f->vuln->package, "libssl3");
			CHECK_STR(f->vuln->source, "openssl");
			CHECK_STR(f->vuln->installed, "3.0.11-1~deb12u2");
			CHECK_STR(f->vuln->fixed, "3.0.13-1~deb12u1");
			CHECK_STR(f->vuln->ecosystem, "Debian:12");
			CHECK_STR(f->vuln->severity, "high");
			CHECK_INT(f->vuln->layer, 1);
		}
		f = &out.v[1];
		CHECK_STR(f->message, "libssl3 3.0.11-1~deb12u2+b1 (source openssl 3.0.11-1~deb12u2) "
		                      "is affected by CVE-2024-0003; no fixed version yet");
		CHECK_INT(f->severity, SEV_LOW);
		CHECK(f->vuln && !f->vuln->fixed);
	}
	findings_free(&out);
	image_fs_free(fs);
	free(fs);
}

TEST(vuln_rule_binnmu_without_source_version)
{
	/* No Source version recorded: the binary version without its +bN is the source's. */
	struct image_fs *fs = fs_new();
	struct pkg *p = dpkg(fs, "zlib1g", "1.2.13+b1", NULL, NULL);
	give(p, rec("DSA-1-1", "Debian:12", "zlib1g", "medium", "i:0 f:1.2.13+b1"));
	struct findings out = { 0 };
	run_rule(fs, &out);
	CHECK_INT(out.n, 1);   /* 1.2.13 < 1.2.13+b1 in byte order and in dpkg's */
	if (out.n == 1)
		CHECK_STR(out.v[0].vuln->installed, "1.2.13");
	findings_free(&out);
	image_fs_free(fs);
	free(fs);
}

TEST(vuln_rule_one_per_vulnerability)
{
	struct image_fs *fs = fs_new();
	struct pkg *p = pkg_inv_add(&fs->inv, PKG_PYPI, "requests", "2.30.0");
	p->ecosystem = xstrdup("PyPI");
	p->path = xstrdup("/usr/lib/python3/dist-packages/requests-2.30.0.dist-info/METADATA");
	p->scheme = VERS_PEP440;
	p->layer = 7;   /* no such layer: location without one */
	/* the same advisory twice (two affected entries), and under its CVE alias */
	struct vuln_rec a = rec("GHSA-j8r2-6x86-q33q", "PyPI", "requests", "medium",
	                        "i:2.3.0 f:2.31.0");
	a.aliases = xcalloc(1, sizeof *a.aliases);
	a.aliases[0] = xstrdup("CVE-2023-32681");
	a.naliases = 1;
	a.cvss_score = 6.1;
	give(p, a);
	give(p, rec("GHSA-j8r2-6x86-q33q", "PyPI", "requests", "medium", "i:0 f:2.31.0"));
	give(p, rec("CVE-2023-32681", "PyPI", "requests", "medium", "i:0 f:2.31.0"));
	/* the same id in two affected entries, one without a fix: the fix is reported */
	give(p, rec("PYSEC-2023-74", "PyPI", "requests", "medium", "i:0"));
	give(p, rec("PYSEC-2023-74", "PyPI", "requests", "medium", "i:0 f:2.31.1"));
	/* withdrawn, and not affected */
	struct vuln_rec w = rec("GHSA-wwww-wwww-wwww", "PyPI", "requests", "critical", "i:0");
	w.withdrawn = xstrdup("2024-02-02T00:00:00Z");
	give(p, w);
	give(p, rec("GHSA-nnnn-nnnn-nnnn", "PyPI", "requests", "critical", "i:0 f:2.20.0"));
	struct findings out = { 0 };
	run_rule(fs, &out);
	CHECK_INT(out.n, 2);
	if (out.n == 2) {
		CHECK_STR(out.v[1].message, "requests 2.30.0 is affected by PYSEC-2023-74; fixed in "
		                            "2.31.1");
		/* the lowest id of the three: the verdict does not hang on the store's order */
		CHECK_STR(out.v[0].message, "requests 2.30.0 is affected by CVE-2023-32681; "
		                            "fixed in 2.31.0");
		CHECK_INT(out.v[0].layer, -1);
		CHECK(out.v[0].vuln->source == NULL);
		CHECK_INT(out.v[0].vuln->naliases, 0);
	}
	findings_free(&out);
	image_fs_free(fs);
	free(fs);
}

TEST(vuln_rule_severity_fallbacks)
{
	struct image_fs *fs = fs_new();
	struct pkg *p = dpkg(fs, "bash", "5.2.15-2", "bash", "5.2.15-2");
	struct vuln_rec u = rec("CVE-2000-0001", "Debian:12", "bash", "unknown", "i:0");
	u.urgency = xstrdup("unimportant");
	give(p, u);
	struct vuln_rec s = rec("CVE-2000-0002", "Debian:12", "bash", NULL, "i:0");
	s.cvss_score = 9.8;
	give(p, s);
	give(p, rec("CVE-2000-0003", "Debian:12", "bash", "unknown", "i:0"));
	struct findings out = { 0 };
	run_rule(fs, &out);
	CHECK_INT(out.n, 3);
	if (out.n == 3) {
		CHECK_INT(out.v[0].severity, SEV_LOW);
		CHECK_INT(out.v[1].severity, SEV_CRITICAL);
		CHECK_INT(out.v[2].severity, SEV_MEDIUM);   /* unrated: medium */
		/* source equal to the name is not repeated in the message */
		CHECK_STR(out.v[2].message, "bash 5.2.15-2 is affected by CVE-2000-0003; no fixed "
		                            "version yet");
	}
	findings_free(&out);
	image_fs_free(fs);
	free(fs);
}
