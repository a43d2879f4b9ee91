/* The OS package database parsers and os-release, on text written here: exact packages. */
#include "test.h"
#include "collect/pkg_os.h"
#include "collect/pkg_source.h"
#include "util/util.h"
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

char *test_inv_text(const struct pkg_inv *inv)
{
	struct buf b = { 0 };
	buf_adds(&b, "");
	for (size_t i = 0; i < inv->npkgs; i++) {
		const struct pkg *p = &inv->pkgs[i];
		buf_printf(&b, "%s %s %s src=%s/%s arch=%s %s@%zu", pkg_kind_name(p->kind), p->name,
		           p->version, p->source ? p->source : "-",
		           p->source_version ? p->source_version : "-", p->arch ? p->arch : "-",
		           p->path ? p->path : "-", p->layer);
		if (p->ecosystem || p->purl)
			buf_printf(&b, " %s %s", p->ecosystem ? p->ecosystem : "-", p->purl ? p->purl : "-");
		buf_addc(&b, '\n');
	}
	return buf_take(&b);
}

typedef bool parse_fn(PKG_PARSE_ARGS);

/* Parses text as path; returns the packages as text, *ok and err as the parser left them.
 * Shared with test_pkg_rpm.c. */
char *test_pkg_run(parse_fn *fn, const char *path, const char *text, size_t len, unsigned layer,
                   bool *ok, char *err);
char *test_pkg_run(parse_fn *fn, const char *path, const char *text, size_t len, unsigned layer,
                   bool *ok, char *err)
{
	struct pkg_inv inv = { 0 };
	err[0] = '\0';
	*ok = fn(path, text, len, layer, &inv, err, 256);
	char *s = test_inv_text(&inv);
	pkg_inv_clear(&inv);
	return s;
}

#define RUN(fn, path, text) test_pkg_run(fn, path, text, sizeof(text) - 1, 3, &ok, err)

static const char status[] =
	"Package: libc6\nStatus: install ok installed\nPriority: optional\nSource: glibc\n"
	"Version: 2.36-9+deb12u4\nArchitecture: amd64\nDescription: GNU C Library\n"
	" Package: notme\n .\n Version: 0\n\n"
	"Package: removed\nStatus: deinstall ok config-files\nVersion: 1.0-1\n\n"
	"Package: zlib1g\r\nStatus: hold ok installed\r\nSource: zlib (1:1.2.13.dfsg-1)\r\n"
	"Version: 1:1.2.13.dfsg-1+b1\r\nArchitecture: amd64\r\n\r\n"
	"Package: rebuilt\nStatus: install ok installed\nVersion: 2.0-3+b2\n\n\n"
	"Package: noversion\nStatus: install ok installed\n\n"
	"Package: half\nStatus: install ok half-installed\nVersion: 1\n\n"
	"Package: last\nstatus: install ok installed\nversion: 3\nSource: lastsrc";

TEST(pkg_dpkg_status)
{
	bool ok;
	char err[256];
	char *s = RUN(pkg_dpkg_parse, "/var/lib/dpkg/status", status);
	CHECK_STR(s, "dpkg libc6 2.36-9+deb12u4 src=glibc/2.36-9+deb12u4 arch=amd64 "
	             "/var/lib/dpkg/status@3\n"
	             "dpkg zlib1g 1:1.2.13.dfsg-1+b1 src=zlib/1:1.2.13.dfsg-1 arch=amd64 "
	             "/var/lib/dpkg/status@3\n"
	             "dpkg rebuilt 2.0-3+b2 src=rebuilt/2.0-3 arch=- /var/lib/dpkg/status@3\n"
	             "dpkg last 3 src=lastsrc/3 arch=- /var/lib/dpkg/status@3\n");
	CHECK(!ok);
	CHECK_STR(err, "line 27: package noversion has no Version");
	free(s);
}

TEST(pkg_dpkg_status_d)
{
	bool ok;
	char err[256];
	static const char two[] = "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n"
	                          "\nPackage: netbase\nVersion: 6.4\nArchitecture: all\n";
	char *s = RUN(pkg_dpkg_parse, "/var/lib/dpkg/status.d/base", two);
	CHECK_STR(s, "dpkg base-files 12.4+deb12u5 src=base-files/12.4+deb12u5 arch=amd64 "
	             "/var/lib/dpkg/status.d/base@3\n"
	             "dpkg netbase 6.4 src=netbase/6.4 arch=all /var/lib/dpkg/status.d/base@3\n");
	CHECK(ok);
	free(s);
	/* A field longer than kept: that stanza is malformed, the next still read. */
	size_t n = 3000;
	char *big = xmalloc(n + 200);
	int k = snprintf(big, 200, "Package: ");
	memset(big + k, 'a', n);
	snprintf(big + k + n, 200, "\nVersion: 1\n\nPackage: ok\nVersion: 2\n");
	s = test_pkg_run(pkg_dpkg_parse, "/var/lib/dpkg/status.d/x", big, strlen(big), 3, &ok, err);
	CHECK_STR(s, "dpkg ok 2 src=ok/2 arch=- /var/lib/dpkg/status.d/x@3\n");
	CHECK(!ok);
	CHECK_STR(err, "line 1: a field longer than 512 bytes or holding a NUL");
	free(s);
	free(big);
	s = RUN(pkg_dpkg_parse, "/var/lib/dpkg/status", "");
	CHECK_STR(s, "");
	CHECK(ok);
	free(s);
}

TEST(pkg_apk_installed)
{
	bool ok;
	char err[256];
	static const char db[] =
		"C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nS:383152\no:musl\nm:Maintainer\n"
		"F:lib\nR:ld-musl-x86_64.so.1\n\n"
		"P:libcrypto3\r\nV:3.1.4-r5\r\nA:x86_64\r\no:openssl\r\n\r\n"
		"P:noorigin\nV:1-r0\n\nP:nover\nA:x86_64\n\n\n";
	char *s = RUN(pkg_apk_parse, "/lib/apk/db/installed", db);
	CHECK_STR(s, "apk musl 1.2.4_git20230717-r4 src=musl/1.2.4_git20230717-r4 arch=x86_64 "
	             "/lib/apk/db/installed@3\n"
	             "apk libcrypto3 3.1.4-r5 src=openssl/3.1.4-r5 arch=x86_64 "
	             "/lib/apk/db/installed@3\n"
	             "apk noorigin 1-r0 src=noorigin/1-r0 arch=- /lib/apk/db/installed@3\n");
	CHECK(!ok);
	CHECK_STR(err, "line 19: a record without V: (version)");
	free(s);
}

static struct pkg_os osrel(const char *text, bool *have)
{
	struct pkg_inv inv = { 0 };
	char err[64];
	CHECK(pkg_osrel_parse("/etc/os-release", text, strlen(text), 0, &inv, err, sizeof err));
	*have = inv.have_os;
	struct pkg_os os = inv.os;
	inv.os = (struct pkg_os){ 0 };
	pkg_inv_clear(&inv);
	return os;
}

static void check_os(const char *text, const char *id, const char *vid, const char *code,
                     const char *eco)
{
	bool have;
	struct pkg_os os = osrel(text, &have);
	CHECK(have);
	CHECK_STR(os.id ? os.id : "-", id);
	CHECK_STR(os.version_id ? os.version_id : "-", vid);
	CHECK_STR(os.codename ? os.codename : "-", code);
	CHECK_STR(os.ecosystem ? os.ecosystem : "-", eco);
	CHECK(os.known == (eco[0] != '-'));
	free(os.id), free(os.version_id), free(os.codename), free(os.ecosystem);
}

TEST(pkg_os_release)
{
	check_os("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
	         "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n",
	         "debian", "12", "bookworm", "Debian:12");
	check_os("NAME=\"Ubuntu\"\r\nVERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\r\nID=ubuntu\r\n"
	         "VERSION_ID=\"22.04\"\r\nVERSION_CODENAME=jammy\r\n", "ubuntu", "22.04", "jammy",
	         "Ubuntu:22.04:LTS");
	check_os("ID=ubuntu\nVERSION_ID=\"24.10\"\nVERSION=\"24.10 (Oracular Oriole)\"\n", "ubuntu",
	         "24.10", "-", "Ubuntu:24.10");
	check_os("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n", "alpine", "3.19.1", "-",
	         "Alpine:v3.19");
	check_os("ID=\"rhel\"\nVERSION_ID=\"9.3\"\n", "rhel", "9.3", "-",
	         "Red Hat:enterprise_linux:9");
	check_os("ID=\"rocky\"\nVERSION_ID=\"9.3\"\n", "rocky", "9.3", "-", "Rocky Linux:9");
	check_os("ID=\"almalinux\"\nVERSION_ID=\"8.9\"\n", "almalinux", "8.9", "-", "AlmaLinux:8");
	check_os("ID=\"sles\"\nVERSION_ID=\"15.5\"\nPRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP5\"\n",
	         "sles", "15.5", "-", "SUSE:Linux Enterprise Server 15 SP5");
	check_os("ID=\"opensuse-leap\"\nVERSION_ID=\"15.5\"\nPRETTY_NAME=\"openSUSE Leap 15.5\"\n",
	         "opensuse-leap", "15.5", "-", "openSUSE:Leap 15.5");
	check_os("ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n", "debian", "-", "-",
	         "Debian");
	check_os("ID='gentoo'\nVERSION_ID=\"2.14\"\n", "gentoo", "2.14", "-", "-");
	check_os("ID=photon\nVERSION_ID=\"\"\n", "photon", "", "-", "-");   /* found by fuzz_pkg_os */
	check_os("ID=\"a\\\"b\"\n# ID=debian\nbroken line\n", "a\"b", "-", "-", "-");
}

/* ---- rpm ---- */

static void be32put(struct buf *b, uint32_t v)
{
	unsigned char c[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                       (unsigned char)(v >> 8), (unsigned char)v };
	buf_add(b, (const char *)c, 4);
}

/* A header blob: string tags (tag, value pairs; 0 ends), and an epoch when epoch >= 0. */
char *test_rpm_hdr(size_t *len, long epoch, ...)
{
	struct buf idx = { 0 }, data = { 0 };
	uint32_t il = 0;
	if (epoch >= 0) {
		be32put(&idx, 1003), be32put(&idx, 4), be32put(&idx, 0), be32put(&idx, 1);
		be32put(&data, (uint32_t)epoch);
		il++;
	}
	va_list ap;
	va_start(ap, epoch);
	for (int tag; (tag = va_arg(ap, int));) {
		const char *v = va_arg(ap, const char *);
		be32put(&idx, (uint32_t)tag), be32put(&idx, 6), be32put(&idx, (uint32_t)data.len);
		be32put(&idx, 1);
		buf_add(&data, v, strlen(v) + 1);
		il++;
	}
	va_end(ap);
	struct buf b = { 0 };
	be32put(&b, il), be32put(&b, (uint32_t)data.len);
	buf_add(&b, idx.s, idx.len);
	buf_add(&b, data.s, data.len);
	free(idx.s), free(data.s);
	*len = b.len;
	return buf_take(&b);
}

static void put(sqlite3 *db, const char *blob, size_t n)
{
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(db, "INSERT INTO Packages (blob) VALUES (?)", -1, &st, NULL) == 0);
	sqlite3_bind_blob(st, 1, blob, (int)n, SQLITE_TRANSIENT);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
}

TEST(pkg_rpmdb_sqlite)
{
	sqlite3 *db;
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, "
	                       "blob BLOB NOT NULL)", NULL, NULL, NULL) == SQLITE_OK);
	size_t n;
	char *h = test_rpm_hdr(&n, 1, 1000, "openssl-libs", 1001, "3.0.7", 1002, "24.el9", 1022,
	                       "x86_64", 1044, "openssl-3.0.7-24.el9.src.rpm", 0);
	put(db, h, n);
	free(h);
	h = test_rpm_hdr(&n, -1, 1000, "bash", 1001, "5.1.8", 1002, "6.el9_1", 1022, "x86_64",
	                 1044, "bash-5.1.8-6.el9_1.src.rpm", 0);
	put(db, h, n);
	free(h);
	h = test_rpm_hdr(&n, -1, 1000, "gpg-pubkey", 1001, "fd431d51", 1002, "4ae0493b", 0);
	put(db, h, n);
	free(h);
	put(db, "\0\0\0\x09\0\0\0\x01junk", 12);        /* more entries than bytes */
	sqlite3_int64 size;
	unsigned char *bytes = sqlite3_serialize(db, "main", &size, 0);
	sqlite3_close(db);
	CHECK(bytes && size > 100);
	bytes[18] = bytes[19] = 2;                         /* as rpm leaves it: WAL */
	bool ok;
	char err[256];
	char *s = test_pkg_run(pkg_rpmdb_parse, "/var/lib/rpm/rpmdb.sqlite", (const char *)bytes,
	                       (size_t)size, 3, &ok, err);
	CHECK_STR(s, "rpm openssl-libs 1:3.0.7-24.el9 src=openssl/1:3.0.7-24.el9 arch=x86_64 "
	             "/var/lib/rpm/rpmdb.sqlite@3\n"
	             "rpm bash 5.1.8-6.el9_1 src=bash/5.1.8-6.el9_1 arch=x86_64 "
	             "/var/lib/rpm/rpmdb.sqlite@3\n");
	CHECK(!ok);
	CHECK_STR(err, "package row 4: an unreadable header");
	free(s);
	sqlite3_free(bytes);
	s = RUN(pkg_rpmdb_parse, "/var/lib/rpm/rpmdb.sqlite", "SQLite format 3\0 but not really");
	CHECK_STR(s, "");
	CHECK(!ok && str_prefix(err, "not an rpm SQLite database"));
	free(s);
}

TEST(pkg_os_sources)
{
	static const char *const yes[] = { "/var/lib/dpkg/status", "/var/lib/dpkg/status.d/tzdata",
		"/lib/apk/db/installed", "/var/lib/rpm/rpmdb.sqlite", "/etc/os-release",
		"/usr/lib/os-release", "/var/lib/rpm/Packages", NULL };
	static const char *const no[] = { "/var/lib/dpkg/status-old", "/var/lib/dpkg/status.d/x.md5sums",
		"/var/lib/dpkg/status.d/", "/var/lib/dpkg/status.d/a/b", "/etc/os-release.d", NULL };
	for (size_t i = 0; yes[i]; i++)
		CHECK(pkg_source_for(yes[i], 0644) != NULL);
	for (size_t i = 0; no[i]; i++) {
		const struct pkg_source *s = pkg_source_for(no[i], 0644);
		CHECK(!s || strstr(s->name, "dpkg") == NULL);
	}
}

/* A database written by rpm itself (WAL mode, real header blobs), when rpm and rpmbuild are
 * installed (scripts/install-deps installs them). */
TEST(pkg_rpmdb_by_rpm)
{
	if (system("command -v rpmbuild >/dev/null 2>&1 && command -v rpm >/dev/null 2>&1") != 0) {
		fprintf(stderr, "  pkg_rpmdb_by_rpm: rpm is not installed; skipped\n");
		return;
	}
	char tmpl[] = "/tmp/bw-rpmdb-XXXXXX";
	char *dir = mkdtemp(tmpl);
	CHECK(dir != NULL);
	if (!dir)
		return;
	char *cmd = xasprintf(
		"set -e; cd %s; mkdir -p SPECS db; printf 'Name: bw-test\\nEpoch: 2\\nVersion: 1.0\\n"
		"Release: 3.el9\\nSummary: t\\nLicense: MIT\\nBuildArch: noarch\\n%%%%description\\nt\\n"
		"%%%%files\\n' > SPECS/t.spec; rpmbuild -bb --define \"_topdir $PWD\" "
		"--define '_db_backend sqlite' SPECS/t.spec >/dev/null 2>&1; "
		"rpm --define '_db_backend sqlite' --dbpath $PWD/db --initdb; "
		"rpm --define '_db_backend sqlite' --dbpath $PWD/db -i --justdb --nodeps RPMS/noarch/*.rpm "
		">/dev/null 2>&1", dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	char *db = xasprintf("%s/db/rpmdb.sqlite", dir);
	FILE *f = fopen(db, "rb");
	CHECK(f != NULL);
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (f)
		fclose(f);
	bool ok;
	char err[256];
	char *s = test_pkg_run(pkg_rpmdb_parse, "/var/lib/rpm/rpmdb.sqlite", b.s ? b.s : "", b.len, 3,
	                       &ok, err);
	CHECK_STR(s, "rpm bw-test 2:1.0-3.el9 src=bw-test/2:1.0-3.el9 arch=noarch "
	             "/var/lib/rpm/rpmdb.sqlite@3\n");
	CHECK(ok);
	free(s);
	free(b.s);
	cmd = xasprintf("rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	free(db);
}
