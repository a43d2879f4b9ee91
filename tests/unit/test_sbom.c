/* SBOMs: the CycloneDX and SPDX writers on inventories built here (exact output), the purl
 * parser on the spec's examples, and the reader on bulwark's own output (the same packages
 * back) and on documents in other tools' styles. */
#include "test.h"
#include "collect/sbom_read.h"
#include "report/sbom.h"
#include "util/purl.h"
#include "util/util.h"
#include <stdlib.h>

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
