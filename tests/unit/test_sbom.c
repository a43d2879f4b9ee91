/* SBOMs: the CycloneDX and SPDX writers on inventories built here (exact output), the purl
 * parser on the spec's examples, and the reader on bulwark's own output (the same packages
 * back) and on documents in other tools' styles. */
#include "test.h"
#include "../fixture_image.h"
#include "collect/sbom_read.h"
#include "pipeline/sbom.h"
#include "report/sbom.h"
#include "util/purl.h"
#include "util/util.h"
#include <stdlib.h>
#include <unistd.h>

static struct pkg *add(struct pkg_inv *inv, enum pkg_kind k, const char *name, const char *ver,
                       const char *purl, const char *eco, const char *path, size_t layer)
{
	struct pkg *p = pkg_inv_add(inv, k, name, ver);
	p->purl = xstrdup(purl);
	p->ecosystem = xstrdup(eco);
	p->path = xstrdup(path);
	p->layer = layer;
	return p;
}

/* Debian 12 with two packages (listed out of order), one built from another source. */
static void debian_inv(struct pkg_inv *inv)
{
	inv->have_os = true;
	inv->os = (struct pkg_os){ xstrdup("debian"), xstrdup("12"), xstrdup("bookworm"),
	                           xstrdup("Debian:12"), true };
	add(inv, PKG_DPKG, "zlib1g", "1:1.2.13.dfsg-1", "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12",
	    "Debian:12", "/var/lib/dpkg/status", 0);
	struct pkg *p = add(inv, PKG_DPKG, "libc6", "2.36-9+deb12u4",
	                    "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12",
	                    "Debian:12", "/var/lib/dpkg/status", 0);
	p->source = xstrdup("glibc");
	p->source_version = xstrdup("2.36-9+deb12u4");
}

static const struct img_layer layers[] = {
	{ .diff_id = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
};

static const struct sbom_subject subject = {
	"demo:1", "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	layers, 1, 1700000000, NULL,
};

static char *write_mem(enum sbom_format f, const struct sbom_subject *s, const struct pkg_inv *inv)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	CHECK_INT(sbom_write(fp, f, s, inv), 0);
	fclose(fp);
	return text;
}

/* Every ecosystem, a purl twice (two copies of one npm package), a package without a purl, a
 * name that is not UTF-8, and packages without a file or a known layer. */
static void mixed_inv(struct pkg_inv *inv)
{
	inv->have_os = true;
	inv->os = (struct pkg_os){ xstrdup("alpine"), xstrdup("3.19.1"), NULL, xstrdup("Alpine:v3.19"),
	                           true };
	struct pkg *p = add(inv, PKG_APK, "libcrypto3", "3.1.4-r5",
	                    "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1",
	                    "Alpine:v3.19", "/lib/apk/db/installed", 0);
	p->source = xstrdup("openssl");
	add(inv, PKG_NPM, "@angular/core", "12.3.1", "pkg:npm/%40angular/core@12.3.1", "npm",
	    "/app/b/node_modules/@angular/core/package.json", 1);
	add(inv, PKG_NPM, "@angular/core", "12.3.1", "pkg:npm/%40angular/core@12.3.1", "npm",
	    "/app/a/node_modules/@angular/core/package.json", 1);
	add(inv, PKG_PYPI, "requests", "2.31.0", "pkg:pypi/requests@2.31.0", "PyPI",
	    "/usr/lib/python3/site-packages/requests-2.31.0.dist-info/METADATA", 1);
	add(inv, PKG_GO, "golang.org/x/net", "v0.17.0", "pkg:golang/golang.org/x/net@v0.17.0", "Go",
	    "/usr/local/bin/app", 7);   /* no such layer: no digest */
	add(inv, PKG_MAVEN, "com.fasterxml.jackson.core:jackson-databind", "2.15.2",
	    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2", "Maven",
	    "/app/lib/app.jar!/META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties", 1);
	add(inv, PKG_GEM, "rack", "2.2.8", "pkg:gem/rack@2.2.8", "RubyGems", NULL, 0);
	add(inv, PKG_CARGO, "caf\xe9", "1.0.0", NULL, "crates.io", "/usr/bin/tool", 1);
}

static const struct img_layer two_layers[] = {
	{ .diff_id = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	{ .diff_id = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" },
};

static const struct sbom_subject mixed_subject = {
	"registry.example/app:2.0", "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
	two_layers, 2, 1700000000, NULL,
};

/* f's output over inv is exactly the file want (tests/sbom/). */
static void same_as(enum sbom_format f, const struct sbom_subject *s, const struct pkg_inv *inv,
                    const char *want)
{
	char *got = write_mem(f, s, inv);
	size_t n = 0;
	char *exp = NULL;
	FILE *fp = fopen(want, "rb");
	if (fp) {
		exp = xmalloc(1 << 20);
		n = fread(exp, 1, (1 << 20) - 1, fp);
		exp[n] = 0;
		fclose(fp);
	}
	if (getenv("BW_SBOM_WRITE") && (fp = fopen(want, "wb"))) {   /* to review, then commit */
		fputs(got, fp);
		fclose(fp);
	}
	CHECK(exp && !strcmp(got, exp));
	if (exp && strcmp(got, exp))
		fprintf(stderr, "  %s differs; got:\n%s\n", want, got);
	free(got);
	free(exp);
}

TEST(sbom_cyclonedx_exact)
{
	struct pkg_inv inv = { 0 };
	debian_inv(&inv);
	same_as(SBOM_CYCLONEDX, &subject, &inv, "tests/sbom/debian.cdx.json");
	pkg_inv_clear(&inv);
	mixed_inv(&inv);
	same_as(SBOM_CYCLONEDX, &mixed_subject, &inv, "tests/sbom/mixed.cdx.json");
	pkg_inv_clear(&inv);
}

TEST(sbom_spdx_exact)
{
	struct pkg_inv inv = { 0 };
	debian_inv(&inv);
	same_as(SBOM_SPDX, &subject, &inv, "tests/sbom/debian.spdx.json");
	pkg_inv_clear(&inv);
	mixed_inv(&inv);
	same_as(SBOM_SPDX, &mixed_subject, &inv, "tests/sbom/mixed.spdx.json");
	pkg_inv_clear(&inv);
}

TEST(purl_parse_spec_examples)
{
	struct purl u;
	CHECK_INT(purl_parse("pkg:maven/org.apache.commons/io@1.3.4", &u), 0);
	CHECK_STR(u.type, "maven");
	CHECK_STR(u.namespace, "org.apache.commons");
	CHECK_STR(u.name, "io");
	CHECK_STR(u.version, "1.3.4");
	purl_free(&u);
	CHECK_INT(purl_parse("pkg:NPM/%40angular/animation@12.3.1", &u), 0);
	CHECK_STR(u.type, "npm");
	CHECK_STR(u.namespace, "@angular");
	CHECK_STR(u.name, "animation");
	purl_free(&u);
	CHECK_INT(purl_parse("pkg:npm/@angular/core", &u), 0);   /* the '@' of a scope is no version */
	CHECK_STR(u.namespace, "@angular");
	CHECK_STR(u.name, "core");
	CHECK(!u.version);
	purl_free(&u);
	CHECK_INT(purl_parse("pkg:deb/debian/curl@7.50.3-1?Arch=i386&distro=debian-12&empty=", &u), 0);
	CHECK_STR(purl_qualifier(&u, "arch"), "i386");
	CHECK_STR(purl_qualifier(&u, "distro"), "debian-12");
	CHECK(!purl_qualifier(&u, "empty"));
	CHECK_INT(u.nquals, 2);
	purl_free(&u);
	CHECK_INT(purl_parse("pkg:golang/google.golang.org/genproto#googleapis/api/annotations", &u), 0);
	CHECK_STR(u.namespace, "google.golang.org");
	CHECK_STR(u.name, "genproto");
	CHECK_STR(u.subpath, "googleapis/api/annotations");
	CHECK(!u.version);
	purl_free(&u);
	CHECK_INT(purl_parse("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1", &u), 0);
	CHECK_STR(u.version, "1:1.2.13.dfsg-1");
	purl_free(&u);
	CHECK_INT(purl_parse("pkg://pypi//django@1.11.1", &u), 0);   /* slashes after "pkg:" ignored */
	CHECK_STR(u.type, "pypi");
	CHECK_STR(u.name, "django");
	CHECK(!u.namespace);
	purl_free(&u);
	static const char *const bad[] = { "pkg:/name", "pkg:type", "npm/foo@1", "pkg:np m/foo",
		"pkg:npm/", "pkg:npm/foo?novalue", "http://x/y" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK_INT(purl_parse(bad[i], &u), -1);
		CHECK(!u.mem);
	}
	char *lng = xmalloc(PURL_MAX + 16);
	memset(lng, 'a', PURL_MAX + 15);
	memcpy(lng, "pkg:npm/", 8);
	lng[PURL_MAX + 15] = 0;
	CHECK_INT(purl_parse(lng, &u), -1);
	free(lng);
}

static const struct pkg *find(const struct pkg_inv *inv, const char *name, const char *path)
{
	for (size_t i = 0; i < inv->npkgs; i++)
		if (!strcmp(inv->pkgs[i].name, name) && (!path || str_eq(inv->pkgs[i].path, path)))
			return &inv->pkgs[i];
	return NULL;
}

/* Every package of a (written) comes back in b, with the same fields. */
static void same_pkgs(const struct pkg_inv *a, const struct pkg_inv *b)
{
	size_t with_purl = 0;
	for (size_t i = 0; i < a->npkgs; i++)
		with_purl += a->pkgs[i].purl != NULL;
	CHECK_INT(b->npkgs, with_purl);
	for (size_t i = 0; i < a->npkgs; i++) {
		const struct pkg *p = &a->pkgs[i], *q = find(b, p->name, p->path);
		if (!p->purl) {   /* no purl: nothing to know it by */
			CHECK(!q);
			continue;
		}
		CHECK(q != NULL);
		if (!q)
			continue;
		CHECK_INT(q->kind, p->kind);
		CHECK_STR(q->version, p->version);
		CHECK_STR(q->purl, p->purl);
		CHECK_STR(q->ecosystem, p->ecosystem);
		CHECK(p->source ? str_eq(q->source, p->source) : !q->source);
		if (p->source_version)
			CHECK_STR(q->source_version, p->source_version);
		CHECK_INT(q->layer, p->path ? p->layer : 0);
	}
	CHECK_INT(b->have_os, a->have_os);
	CHECK_STR(b->os.id, a->os.id);
	CHECK_STR(b->os.version_id, a->os.version_id);
	CHECK_STR(b->os.ecosystem, a->os.ecosystem);
}

static void round_trip(void (*fill)(struct pkg_inv *), const struct sbom_subject *s)
{
	for (int f = SBOM_CYCLONEDX; f <= SBOM_SPDX; f++) {
		struct pkg_inv inv = { 0 }, back = { 0 };
		fill(&inv);
		char *text = write_mem((enum sbom_format)f, s, &inv), err[256] = "";
		CHECK_INT(sbom_parse(text, strlen(text), &back, err, sizeof err), 0);
		CHECK_STR(err, "");
		same_pkgs(&inv, &back);
		free(text);
		pkg_inv_clear(&inv);
		pkg_inv_clear(&back);
	}
}

TEST(sbom_round_trip)
{
	round_trip(debian_inv, &subject);
	round_trip(mixed_inv, &mixed_subject);
	struct pkg_inv inv = { 0 };   /* the package without a purl is the only one left out */
	mixed_inv(&inv);
	char *text = write_mem(SBOM_SPDX, &mixed_subject, &inv), err[256];
	pkg_inv_clear(&inv);
	CHECK_INT(sbom_parse(text, strlen(text), &inv, err, sizeof err), 0);
	CHECK_INT(inv.npkgs, 7);
	CHECK_INT(find(&inv, "golang.org/x/net", NULL)->scheme, VERS_SEMVER);
	CHECK_INT(find(&inv, "requests", NULL)->scheme, VERS_PEP440);
	free(text);
	pkg_inv_clear(&inv);
}

TEST(sbom_read_other_tools)
{
	struct pkg_inv inv = { 0 };
	char err[256] = "";
	CHECK_INT(sbom_read("tests/sbom/other-tool.cdx.json", &inv, err, sizeof err), 0);
	CHECK_STR(err, "");
	CHECK_STR(inv.os.id, "debian");
	CHECK_STR(inv.os.ecosystem, "Debian:12");
	/* libc6, zlib1g, libssl3, @angular/core, requests (nested), jackson, x/net, zlib1g-dev,
	 * busybox */
	CHECK_INT(inv.npkgs, 9);
	const struct pkg *p = find(&inv, "libc6", NULL);
	CHECK(p && p->kind == PKG_DPKG && p->scheme == VERS_DPKG);
	if (p) {
		CHECK_STR(p->version, "2.36-9+deb12u4");
		CHECK_STR(p->ecosystem, "Debian:12");
		CHECK_STR(p->source, "glibc");
		CHECK_STR(p->source_version, "2.36-9+deb12u4");
	}
	CHECK((p = find(&inv, "zlib1g", NULL)) != NULL);
	if (p) {   /* no distro: the SBOM's operating system */
		CHECK_STR(p->ecosystem, "Debian:12");
		CHECK_STR(p->version, "1:1.2.13.dfsg-1");
	}
	CHECK((p = find(&inv, "libssl3", NULL)) != NULL);
	if (p) {   /* a binNMU: the source version from upstream */
		CHECK_STR(p->source, "openssl");
		CHECK_STR(p->source_version, "3.0.11-1~deb12u2");
	}
	CHECK((p = find(&inv, "zlib1g-dev", NULL)) != NULL);
	if (p) {   /* the source version in parts, as Trivy records it */
		CHECK_STR(p->source, "zlib");
		CHECK_STR(p->source_version, "1:1.2.13.dfsg-1");
	}
	CHECK(find(&inv, "@angular/core", NULL) && find(&inv, "requests", NULL));
	CHECK((p = find(&inv, "com.fasterxml.jackson.core:jackson-databind", NULL)) != NULL);
	if (p) {
		CHECK_STR(p->version, "2.15.2");
		CHECK_STR(p->ecosystem, "Maven");
	}
	CHECK((p = find(&inv, "golang.org/x/net", NULL)) != NULL);
	if (p)
		CHECK_STR(p->ecosystem, "Go");
	CHECK((p = find(&inv, "busybox", NULL)) != NULL);
	if (p) {
		CHECK_STR(p->ecosystem, "Alpine:v3.19");
		CHECK_INT(p->kind, PKG_APK);
	}
	pkg_inv_clear(&inv);

	CHECK_INT(sbom_read("tests/sbom/other-tool.spdx.json", &inv, err, sizeof err), 0);
	CHECK_STR(inv.os.ecosystem, "Ubuntu:22.04:LTS");
	CHECK_INT(inv.npkgs, 2);   /* serde has no purl */
	CHECK((p = find(&inv, "bash", NULL)) != NULL);
	if (p) {
		CHECK_STR(p->ecosystem, "Ubuntu:22.04:LTS");
		CHECK_STR(p->source, "bash");
		CHECK_STR(p->source_version, "5.1-6ubuntu1");
	}
	CHECK((p = find(&inv, "rack", NULL)) != NULL);
	if (p) {
		CHECK_STR(p->ecosystem, "RubyGems");
		CHECK_INT(p->scheme, VERS_GEM);
	}
	pkg_inv_clear(&inv);
}

TEST(sbom_read_errors)
{
	static const struct { const char *doc, *msg; } cases[] = {
		{ "{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": \"1.5\",", "line 2: " },
		{ "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.2\"}",
		  "CycloneDX specVersion 1.2 is not read (1.4 to 1.6)" },
		{ "{\"spdxVersion\": \"SPDX-3.0\"}", "SPDX-3.0 is not read (SPDX-2.2, SPDX-2.3)" },
		{ "{\"packages\": []}", "not a CycloneDX or SPDX JSON document (no bomFormat or spdxVersion)" },
		{ "[1]", "not a CycloneDX or SPDX JSON document (not an object)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct pkg_inv inv = { 0 };
		char err[256] = "";
		CHECK_INT(sbom_parse(cases[i].doc, strlen(cases[i].doc), &inv, err, sizeof err), -1);
		if (!strstr(err, cases[i].msg))
			fprintf(stderr, "  case %zu: %s\n", i, err), test_failed = 1;
		pkg_inv_clear(&inv);
	}
	struct pkg_inv inv = { 0 };
	char err[256] = "";
	CHECK_INT(sbom_read("tests/sbom/no-such.json", &inv, err, sizeof err), -1);
	CHECK_STR(err, "cannot read: No such file or directory");
	/* Components nested deeper than the reader goes are left out, not recursed into. */
	struct buf b = { 0 };
	buf_adds(&b, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":");
	for (int i = 0; i < 100; i++)
		buf_printf(&b, "[{\"type\":\"library\",\"name\":\"p%d\",\"purl\":\"pkg:npm/p%d@1\","
		           "\"components\":", i, i);
	buf_adds(&b, "[]");
	for (int i = 0; i < 100; i++)
		buf_adds(&b, "}]");
	buf_adds(&b, "}");
	CHECK_INT(sbom_parse(b.s, b.len, &inv, err, sizeof err), 0);
	CHECK_INT(inv.npkgs, 32);
	pkg_inv_clear(&inv);
	free(b.s);
}

/* The image reader's inventory through the sbom pipeline and back through the reader: a Debian
 * image whose second layer replaces the dpkg status. Needs the package inventory
 * (collect/pkg_os.c) filled by the image reader. */
TEST(sbom_of_fixture_image)
{
	char dir[] = "/tmp/bw-sbom-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *tar = xasprintf("%s/image.tar", dir), *ref = xasprintf("docker-archive:%s", tar);
	char *out = xasprintf("%s/sbom.json", dir), err[256] = "";
	CHECK(fixture_image_write("tests/sbom/debian-image.json", tar));
	struct audit_opts a = { 0 };
	struct run_cache k = { .no_cache = true };
	struct pkg_inv inv = { 0 };
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	for (int f = SBOM_CYCLONEDX; f <= SBOM_SPDX; f++) {
		struct sbom_run r = { (enum sbom_format)f, out, &a, &k };
		CHECK_INT(pipeline_sbom(&r, ref), 0);
		CHECK_INT(sbom_read(out, &inv, err, sizeof err), 0);
		CHECK_STR(inv.os.ecosystem, "Debian:12");
		CHECK_INT(inv.npkgs, 2);   /* not old-pkg (replaced), not removed-pkg (not installed) */
		const struct pkg *p = find(&inv, "libc6", "/var/lib/dpkg/status");
		CHECK(p != NULL);
		if (p) {
			CHECK_STR(p->version, "2.36-9+deb12u4");
			CHECK_STR(p->source, "glibc");
			CHECK_STR(p->ecosystem, "Debian:12");
			CHECK_INT(p->layer, 1);
		}
		CHECK((p = find(&inv, "zlib1g", "/var/lib/dpkg/status")) != NULL);
		if (p) {
			CHECK_STR(p->version, "1:1.2.13.dfsg-1");
			CHECK_STR(p->source, "zlib");
		}
		pkg_inv_clear(&inv);
		unlink(out);
	}
	unsetenv("SOURCE_DATE_EPOCH");
	unlink(tar);
	rmdir(dir);
	free(tar), free(ref), free(out);
}
