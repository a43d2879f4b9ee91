/* Language packages in binaries and archives: Go build info (both header formats, in ELF files
 * built here, and a real `go build` when Go is installed), cargo-auditable's .dep-v0, and
 * pom.properties in nested jars written with libarchive. */
#include "test.h"
#include "test_pkg_lang.h"
#include "util/util.h"
#include <archive.h>
#include <archive_entry.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define BASE 0x400000u
#define BLOB_OFF 128u    /* the section's file offset; its address is BASE + BLOB_OFF */

static void put(unsigned char *p, uint64_t v, unsigned size, bool big)
{
	for (unsigned i = 0; i < size; i++)
		p[big ? size - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/* An ELF file: one PT_LOAD mapping the whole file at BASE, and sections .shstrtab and secname
 * holding blob at BLOB_OFF. */
static unsigned char *elf_build(bool is64, bool big, const char *secname, const void *blob,
                                size_t bloblen, size_t *out_len)
{
	char strtab[64];
	size_t strn = (size_t)snprintf(strtab, sizeof strtab, "%c.shstrtab%c%s", 0, 0, secname) + 1;
	size_t str_off = BLOB_OFF + bloblen, sh_off = (str_off + strn + 7) & ~(size_t)7;
	size_t shent = is64 ? 64 : 40, len = sh_off + 3 * shent, w = is64 ? 8 : 4;
	unsigned char *d = xcalloc(1, len);
	memcpy(d, "\177ELF", 4);
	d[4] = is64 ? 2 : 1, d[5] = big ? 2 : 1, d[6] = 1;
	put(d + 16, 2, 2, big);   /* ET_EXEC */
	if (is64) {
		put(d + 0x20, 64, 8, big), put(d + 0x28, sh_off, 8, big);
		put(d + 0x36, 56, 2, big), put(d + 0x38, 1, 2, big);
		put(d + 0x3a, 64, 2, big), put(d + 0x3c, 3, 2, big), put(d + 0x3e, 1, 2, big);
		unsigned char *ph = d + 64;
		put(ph, 1, 4, big), put(ph + 16, BASE, 8, big), put(ph + 32, len, 8, big);
	} else {
		put(d + 0x1c, 52, 4, big), put(d + 0x20, sh_off, 4, big);
		put(d + 0x2a, 32, 2, big), put(d + 0x2c, 1, 2, big);
		put(d + 0x2e, 40, 2, big), put(d + 0x30, 3, 2, big), put(d + 0x32, 1, 2, big);
		unsigned char *ph = d + 52;
		put(ph, 1, 4, big), put(ph + 8, BASE, 4, big), put(ph + 16, len, 4, big);
	}
	memcpy(d + BLOB_OFF, blob, bloblen);
	memcpy(d + str_off, strtab, strn);
	unsigned char *sh = d + sh_off + shent;   /* [1] .shstrtab, [2] secname */
	put(sh, 1, 4, big), put(sh + 4, 3, 4, big);
	put(sh + (is64 ? 24 : 16), str_off, (unsigned)w, big);
	put(sh + (is64 ? 32 : 20), strn, (unsigned)w, big);
	sh += shent;
	put(sh, 11, 4, big), put(sh + 4, 1, 4, big);
	put(sh + (is64 ? 24 : 16), BLOB_OFF, (unsigned)w, big);
	put(sh + (is64 ? 32 : 20), bloblen, (unsigned)w, big);
	*out_len = len;
	return d;
}

static const char modinfo_text[] =
	"path\texample.com/cmd/app\n"
	"mod\texample.com/cmd/app\tv1.4.0\th1:abc=\n"
	"dep\tgolang.org/x/net\tv0.7.0\th1:xyz=\n"
	"dep\tgithub.com/old/x\tv1.0.0\th1:q=\n"
	"=>\tgithub.com/new/x\tv1.1.0\th1:r=\n"
	"dep\texample.com/local\tv0.0.0-00010101000000-000000000000\n"
	"=>\t../local\t\t\n"
	"dep\tgithub.com/pkg/errors\tv0.9.1\th1:s=\n"
	"build\t-compiler=gc\n";

static const char go_want_tail[] =
	"go example.com/cmd/app v1.4.0 pkg:golang/example.com/cmd/app@v1.4.0\n"
	"go golang.org/x/net v0.7.0 pkg:golang/golang.org/x/net@v0.7.0\n"
	"go github.com/new/x v1.1.0 pkg:golang/github.com/new/x@v1.1.0\n"
	"go github.com/pkg/errors v0.9.1 pkg:golang/github.com/pkg/errors@v0.9.1\n";

/* The module info as the linker stores it: between two 16-byte sentinels. */
static size_t modinfo(unsigned char *out)
{
	size_t n = strlen(modinfo_text);
	memset(out, 0x30, 16);
	memcpy(out + 16, modinfo_text, n);
	memset(out + 16 + n, 0xf9, 16);
	return n + 32;
}

static void check_bin(const unsigned char *elf, size_t len, const char *want, const char *err)
{
	CHECK(pkg_parse_as("/usr/local/bin/app", 0755, (const char *)elf, len, want, err));
}

TEST(pkg_bin_go_inline)
{
	unsigned char blob[1024] = { 0 }, mod[600];
	size_t mn = modinfo(mod), n = 0;
	/* A decoy first: the magic as a string constant, as in a binary using debug/buildinfo. */
	memcpy(blob, "\xff Go buildinf:\x08", 15);
	n = 32;
	memcpy(blob + n, "\xff Go buildinf:\x08\x02", 16);
	n += 32;
	blob[n++] = 8, memcpy(blob + n, "go1.21.3", 8), n += 8;
	blob[n++] = (unsigned char)(0x80 | (mn & 0x7f)), blob[n++] = (unsigned char)(mn >> 7);
	memcpy(blob + n, mod, mn), n += mn;
	size_t len;
	unsigned char *elf = elf_build(true, false, ".go.buildinfo", blob, n, &len);
	char want[1024];
	snprintf(want, sizeof want, "go stdlib 1.21.3 pkg:golang/stdlib@1.21.3\n%s", go_want_tail);
	check_bin(elf, len, want, NULL);
	check_bin(elf, len - 1, want, NULL);               /* section headers cut: still found */
	check_bin(elf, BLOB_OFF + 70, "", NULL);            /* module info cut: nothing */
	elf[BLOB_OFF + 32 + 14] = 3;                        /* pointer size neither 4 nor 8 */
	check_bin(elf, len, "", NULL);
	free(elf);
}

/* Go before 1.18: the header points at two string headers, through the program headers. */
static void go_pointers(bool is64, bool big, const char *gover, const char *want_std)
{
	unsigned ptr = is64 ? 8 : 4;
	unsigned char blob[1024] = { 0 }, mod[600];
	size_t mn = modinfo(mod), vn = strlen(gover);
	uint64_t at = BASE + BLOB_OFF;
	memcpy(blob, "\xff Go buildinf:", 14);
	blob[14] = (unsigned char)ptr, blob[15] = big ? 1 : 0;
	put(blob + 16, at + 32, ptr, big), put(blob + 16 + ptr, at + 48, ptr, big);
	put(blob + 32, at + 64, ptr, big), put(blob + 32 + ptr, vn, ptr, big);
	put(blob + 48, at + 96, ptr, big), put(blob + 48 + ptr, mn, ptr, big);
	memcpy(blob + 64, gover, vn);
	memcpy(blob + 96, mod, mn);
	size_t len;
	unsigned char *elf = elf_build(is64, big, ".go.buildinfo", blob, 96 + mn, &len);
	char want[1024];
	snprintf(want, sizeof want, "%s%s", want_std, go_want_tail);
	check_bin(elf, len, want, NULL);
	put(elf + BLOB_OFF + 48 + ptr, 1u << 30, ptr, big);   /* module info past the file */
	check_bin(elf, len, "", NULL);
	free(elf);
}

TEST(pkg_bin_go_pointers)
{
	go_pointers(true, false, "go1.16", "go stdlib 1.16.0 pkg:golang/stdlib@1.16.0\n");
	go_pointers(false, true, "go1.17.5", "go stdlib 1.17.5 pkg:golang/stdlib@1.17.5\n");
	go_pointers(true, true, "go1.17rc1", "go stdlib 1.17.0-rc.1 pkg:golang/stdlib@1.17.0-rc.1\n");
	go_pointers(false, false, "devel go1.18-abc", "");
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

/* A real binary: `go build` of a module with one vendored dependency (no network). Skipped,
 * with a note, where Go is not installed (scripts/install-deps installs it). */
TEST(pkg_bin_go_real)
{
	if (system("command -v go >/dev/null 2>&1") != 0) {
		fprintf(stderr, "  # skipped: go is not installed\n");
		return;
	}
	char dir[] = "/tmp/bw-gobin-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	test_put_file(dir, "go.mod", "module example.com/hello\n\ngo 1.16\n\n"
	              "require example.com/dep v1.2.3\n");
	test_put_file(dir, "main.go", "package main\n\nimport \"example.com/dep\"\n\n"
	              "func main() { println(dep.Hello()) }\n");
	test_put_file(dir, "vendor/example.com/dep/dep.go",
	              "package dep\n\nfunc Hello() string { return \"hi\" }\n");
	test_put_file(dir, "vendor/modules.txt", "# example.com/dep v1.2.3\n## explicit\n"
	              "example.com/dep\n");
	char *cmd = xasprintf("cd %s && { [ -n \"$HOME\" ] || export GOCACHE=$PWD/cache; } && "
	                      "GOFLAGS=-mod=vendor GOPROXY=off GOTOOLCHAIN=local "
	                      "CGO_ENABLED=0 timeout 300 go build -o hello . && "
	                      "go env GOVERSION > version", dir);
	CHECK_INT(system(cmd), 0);
	char *p = xasprintf("%s/hello", dir), *vp = xasprintf("%s/version", dir);
	size_t len = 0, vlen = 0;
	char *bin = slurp(p, &len), *ver = slurp(vp, &vlen);
	CHECK(bin && ver && vlen > 2);
	if (bin && ver && vlen > 2) {
		ver[strcspn(ver, "\n")] = '\0';
		char want[512];
		snprintf(want, sizeof want, "go stdlib %s pkg:golang/stdlib@%s\n"
		         "go example.com/dep v1.2.3 pkg:golang/example.com/dep@v1.2.3\n", ver + 2, ver + 2);
		CHECK(pkg_parse_as("/usr/local/bin/hello", 0755, bin, len, want, NULL));
	}
	free(bin), free(ver), free(p), free(vp), free(cmd);
	cmd = xasprintf("rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
}

TEST(pkg_bin_cargo)
{
	static const char json[] =
		"{\"packages\":[{\"name\":\"app\",\"version\":\"0.1.0\",\"source\":\"local\","
		"\"dependencies\":[1,2,3,4],\"root\":true},"
		"{\"name\":\"serde\",\"version\":\"1.0.188\",\"source\":\"crates.io\"},"
		"{\"name\":\"cc\",\"version\":\"1.0.83\",\"source\":\"crates.io\",\"kind\":\"build\"},"
		"{\"name\":\"gitdep\",\"version\":\"0.1.0\",\"source\":\"git\"},"
		"{\"name\":\"libc\",\"version\":\"0.2.148\",\"source\":\"crates.io\",\"kind\":\"runtime\"}]}";
	unsigned char z[1024];
	uLongf zn = sizeof z;
	CHECK_INT(compress2(z, &zn, (const unsigned char *)json, sizeof json - 1, 9), Z_OK);
	size_t len;
	unsigned char *elf = elf_build(true, false, ".dep-v0", z, zn, &len);
	check_bin(elf, len, "cargo serde 1.0.188 pkg:cargo/serde@1.0.188\n"
	          "cargo libc 0.2.148 pkg:cargo/libc@0.2.148\n", NULL);
	elf[BLOB_OFF + 5] ^= 0xff;
	check_bin(elf, len, "", ".dep-v0: not valid zlib data");
	free(elf);
	elf = elf_build(false, true, ".dep-v0", z, zn - 4, &len);   /* truncated stream */
	check_bin(elf, len, "", ".dep-v0: truncated");
	free(elf);
	zn = sizeof z;
	compress2(z, &zn, (const unsigned char *)"{\"x\":1}", 7, 9);
	elf = elf_build(true, false, ".dep-v0", z, zn, &len);
	check_bin(elf, len, "", "no \"packages\" array");
	free(elf);
	size_t big = (size_t)9 << 20;           /* 9 MiB of JSON whitespace: past the cap */
	char *spaces = xmalloc(big);
	memset(spaces, ' ', big);
	unsigned char *zb = xmalloc(big);
	zn = big;
	CHECK_INT(compress2(zb, &zn, (const unsigned char *)spaces, big, 9), Z_OK);
	elf = elf_build(true, false, ".dep-v0", zb, zn, &len);
	check_bin(elf, len, "", ".dep-v0: longer than 8 MiB");
	free(elf), free(zb), free(spaces);
	check_bin((const unsigned char *)"#!/bin/sh\necho hi\n", 18, "", NULL);
}

/* ---- jars ---- */

struct ze { const char *name; const void *data; size_t len; };

/* A zip of v (NULL name ends it); malloc'd, *len its size. */
static char *zip_of(const struct ze *v, size_t *len)
{
	size_t cap = 1 << 20;
	char *buf = xmalloc(cap);
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	archive_write_open_memory(a, buf, cap, len);
	for (; v->name; v++) {
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, v->name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)v->len);
		archive_write_header(a, e);
		archive_write_data(a, v->data, v->len);
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
	return buf;
}

#define ZS(n, s) { n, s, sizeof(s) - 1 }

TEST(pkg_bin_jar_nested)
{
	struct ze deeper[] = { ZS("META-INF/maven/org.deeper/deeper/pom.properties",
	                          "groupId=org.deeper\nartifactId=deeper\nversion=1\n"), { 0 } };
	size_t n4, n3, n2, n1;
	char *z4 = zip_of(deeper, &n4);
	struct ze deep[] = { ZS("META-INF/maven/org.deep/deep/pom.properties",
	                        "groupId = org.deep\nartifactId: deep\nversion=9\n"),
	                     { "lib/deeper.jar", z4, n4 }, { 0 } };
	char *z3 = zip_of(deep, &n3);
	struct ze jackson[] = {
		ZS("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"),
		ZS("META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties",
		   "#Created by Apache Maven 3.8.1\r\nversion=2.13.0\r\n"
		   "groupId=com.fasterxml.jackson.core\r\nartifactId=jackson-databind\r\n"),
		{ "lib/deep.jar", z3, n3 }, { 0 } };
	char *z2 = zip_of(jackson, &n2);
	struct ze war[] = {
		ZS("META-INF/maven/com.example/app/pom.properties",
		   "#Generated\nversion=1.0-SNAPSHOT\ngroupId=com.example\nartifactId=app\n"),
		ZS("META-INF/maven/com.example/app/pom.xml", "<project/>"),
		ZS("WEB-INF/classes/App.class", "\xca\xfe\xba\xbe"),
		{ "WEB-INF/lib/jackson-databind-2.13.0.jar", z2, n2 },
		ZS("WEB-INF/lib/broken.jar", "PK\3\4 not a zip"),
		ZS("META-INF/maven/x/nogroup/pom.properties", "artifactId=nogroup\nversion=1\n"), { 0 } };
	char *z1 = zip_of(war, &n1);
	CHECK(pkg_parse_as("/usr/local/tomcat/webapps/ROOT.war", 0644, z1, n1,
	                   "maven com.example:app 1.0-SNAPSHOT pkg:maven/com.example/app@1.0-SNAPSHOT\n"
	                   "maven com.fasterxml.jackson.core:jackson-databind 2.13.0 "
	                   "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.0\n"
	                   "maven org.deep:deep 9 pkg:maven/org.deep/deep@9\n", NULL));
	CHECK(pkg_parse_as("/opt/app.jar", 0644, "PK\3\4garbage", 11, "", "not a readable zip"));
	free(z1), free(z2), free(z3), free(z4);
}
