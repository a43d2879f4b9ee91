/* Pending updates on apk hosts over roots built here: the odd records of an APKINDEX (CRLF, no
 * final newline, a NUL, a missing version, an over-long field, noarch), several installed
 * packages of one name, the suite told from repository URLs of other shapes, and the database
 * under /usr/lib. An unsigned index (one gzip member, as `apk index` writes without a key) reads
 * as a signed one does. */
#include "test.h"
#include "collect/host.h"
#include "util/util.h"
#include <archive.h>
#include <archive_entry.h>
#include <ftw.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <unistd.h>

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

/* dir/rel: a gzip tar holding APKINDEX with text (n bytes). */
static void put_index(const char *dir, const char *rel, const char *text, size_t n)
{
	char *path = xasprintf("%s/%s", dir, rel);
	test_put_file(dir, rel, "");
	struct archive *a = archive_write_new();
	archive_write_set_format_ustar(a);
	archive_write_add_filter_gzip(a);
	archive_write_open_filename(a, path);
	test_tar_add(a, "DESCRIPTION", "test", 4);
	test_tar_add(a, "APKINDEX", text, n);
	archive_write_close(a);
	archive_write_free(a);
	free(path);
}

/* "var/cache/apk/APKINDEX.<hash>.tar.gz" of url on x86_64 (apk-tools 2.12 on). */
static char *cache_rel(const char *url)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	char *s = xasprintf("%s%sx86_64/APKINDEX.tar.gz", url, str_suffix(url, "/") ? "" : "/");
	EVP_Digest(s, strlen(s), md, &n, EVP_sha1(), NULL);
	free(s);
	return xasprintf("var/cache/apk/APKINDEX.%02x%02x%02x%02x.tar.gz", md[0], md[1], md[2],
	                 md[3]);
}

/* The updates, "name installed -> candidate (suite)" joined by ", "; errors counted in *nerr. */
static char *updates(const char *r, size_t *nerr)
{
	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = { .root = r };
	host_collect(&h, &in, &e);
	*nerr = e.n;
	struct buf b = { 0 };
	for (size_t i = 0; i < h.patch.nups; i++) {
		const struct hp_update *u = &h.patch.ups[i];
		buf_printf(&b, "%s%s %s -> %s (%s)", i ? ", " : "", u->name, u->installed,
		           u->candidate, u->suite ? u->suite : "-");
		CHECK(!u->security);
	}
	CHECK(h.patch.known && h.patch.security_unknown && !h.patch.pockets);
	findings_free(&e);
	host_free(&h);
	nftw(r, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	char *s = buf_take(&b);
	return s ? s : xstrdup("");
}

TEST(host_apk_odd_records)
{
	char tmpl[] = "/tmp/bw-apk-XXXXXX";
	char *r = mkdtemp(tmpl);
	CHECK(r != NULL);
	test_put_file(r, "usr/lib/apk/db/installed",
	              "P:a\nV:1.0-r0\nA:x86_64\n\nP:b\nV:2.0-r0\nA:x86_64\n\n"
	              "P:c\nV:1.0-r0\nA:noarch\n\nP:d\nV:1.0-r0\nA:x86_64\n\n"
	              "P:e\nV:1.0-r0\nA:x86_64\n\nP:e\nV:1.0-r0\nA:armv7\n\n"
	              "P:f\nV:1.0-r0\nA:x86_64\n");
	test_put_file(r, "etc/apk/arch", "x86_64\n");
	test_put_file(r, "etc/apk/repositories",
	              "# comment\nhttps://mirror.example/alpine/v3.20/main/\n"
	              "http://repo.example/custom \r\n/media/cdrom/apks\n");
	char big[700];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char *t1 = xasprintf("P:a\r\nV:1.1-r0\r\nA:x86_64\r\n\r\n"   /* CRLF */
	                     "P:b\nV:9.0-r0\nA:%s\n\n"                /* over-long field */
	                     "P:c\nV:1.1-r0\nA:x86_64\n\n"            /* noarch installed */
	                     "P:d\nA:x86_64\n\n"                      /* no version */
	                     "P:e\nV:1.2-r0\nA:armv7\n\n"             /* one of e's arches */
	                     "P:f\nV:1.0-r1", big);                   /* no final newline */
	char *rel1 = cache_rel("https://mirror.example/alpine/v3.20/main/");
	put_index(r, rel1, t1, strlen(t1));
	static const char t2[] = "P:d\nV:5.0-r0\nA:x86_64\nX:a\0b\n\nP:b\nV:2.0-r1\nA:noarch\n";
	char *rel2 = cache_rel("http://repo.example/custom");
	put_index(r, rel2, t2, sizeof t2 - 1);
	size_t nerr = 0;
	char *got = updates(r, &nerr);
	CHECK_STR(got, "a 1.0-r0 -> 1.1-r0 (v3.20/main), b 2.0-r0 -> 2.0-r1 (custom), "
	               "c 1.0-r0 -> 1.1-r0 (v3.20/main), e 1.0-r0 -> 1.2-r0 (v3.20/main), "
	               "f 1.0-r0 -> 1.0-r1 (v3.20/main)");
	CHECK_INT(nerr, 0);
	free(got), free(t1), free(rel1), free(rel2);
}

TEST(host_apk_no_index)
{
	char tmpl[] = "/tmp/bw-apk-XXXXXX";
	char *r = mkdtemp(tmpl);
	CHECK(r != NULL);
	test_put_file(r, "lib/apk/db/installed", "P:a\nV:1.0-r0\nA:x86_64\n");
	test_put_file(r, "var/cache/apk/APKINDEX.tar.gz", "not one apk-tools 2 caches\n");
	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = { .root = r };
	host_collect(&h, &in, &e);
	CHECK(h.patch.known && !h.patch.updates_known);
	CHECK_INT(h.patch.nindexes, 0);
	CHECK_STR(h.patch.db, "/lib/apk/db/installed");
	CHECK_STR(h.patch.index_dir, "/var/cache/apk");
	CHECK_INT(e.n, 0);
	findings_free(&e);
	host_free(&h);
	nftw(r, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
