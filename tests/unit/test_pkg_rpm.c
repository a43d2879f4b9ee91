/* rpm's Berkeley DB (Packages) and ndb (Packages.db) readers on files written here page by
 * page, in both byte orders, and broken in each way they check: exact packages and faults.
 * (tests/cli/rpmdb.sh holds the files written by db_load and rpm's own reading of them.) */
#include "test.h"
#include "collect/pkg_os.h"
#include "collect/pkg_source.h"
#include "util/util.h"
#include <stdint.h>
#include <stdlib.h>

char *test_inv_text(const struct pkg_inv *inv);               /* test_pkg_os.c */
char *test_rpm_hdr(size_t *len, long epoch, ...);              /* test_pkg_os.c */

typedef bool parse_fn(PKG_PARSE_ARGS);

char *test_pkg_run(parse_fn *fn, const char *path, const char *text, size_t len, unsigned layer,
                   bool *ok, char *err);                           /* test_pkg_os.c */
/* The bytes parsed as path: the packages as text, *ok and err as the parser left them. */
static char *run(parse_fn *fn, const char *path, const unsigned char *d, size_t len, bool *ok,
                 char *err)
{
	return test_pkg_run(fn, path, (const char *)d, len, 2, ok, err);
}

static void put(unsigned char *p, uint32_t v, int n, bool big)
{
	for (int i = 0; i < n; i++)
		p[big ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/* Three packages: a header of 75 bytes, one of 1386 and an imported key of 85. */
struct blobs { char *b[3]; size_t n[3]; };

static struct blobs three(void)
{
	struct blobs s;
	char summary[1200];
	memset(summary, 's', sizeof summary - 1);
	summary[sizeof summary - 1] = '\0';
	s.b[0] = test_rpm_hdr(&s.n[0], -1, 1000, "zlib", 1001, "1.2.11", 1002, "41.el9", 0);
	s.b[1] = test_rpm_hdr(&s.n[1], 1, 1000, "openssl-libs", 1001, "3.0.7", 1002, "24.el9", 1022,
	                      "x86_64", 1044, "openssl-3.0.7-24.el9.src.rpm", 1004, summary, 0);
	s.b[2] = test_rpm_hdr(&s.n[2], -1, 1000, "gpg-pubkey", 1001, "fd431d51", 1002, "4ae0493b", 0);
	return s;
}

static void blobs_free(struct blobs *s)
{
	for (int i = 0; i < 3; i++)
		free(s->b[i]);
}

/* ---- Berkeley DB ---- */

#define PS 512u                  /* page size */
#define OVL (PS - 26)            /* overflow bytes a page holds */

static void hitem(unsigned char *h, uint32_t *top, uint32_t *nent, const void *s, size_t n,
                  bool big)
{
	*top -= (uint32_t)n;
	memcpy(h + *top, s, n);
	put(h + 26 + 2 * *nent, *top, 2, big);
	(*nent)++;
}

/* A hash database of 512-byte pages: page 0 the metadata, page 1 the hash page holding key 0
 * (rpm's counter) and packages 1 to 3: a blob under 100 bytes on the page, a longer one in
 * overflow pages from page 2 on. */
static unsigned char *bdb(size_t *len, const struct blobs *s, bool big)
{
	uint32_t npages = 2;
	for (int i = 0; i < 3; i++)
		npages += s->n[i] < 100 ? 0 : (uint32_t)((s->n[i] + OVL - 1) / OVL);
	unsigned char *f = xcalloc(npages, PS);
	put(f + 12, 0x061561, 4, big), put(f + 16, 9, 4, big), put(f + 20, PS, 4, big);
	f[25] = 8;
	put(f + 32, npages - 1, 4, big);
	unsigned char *h = f + PS, k[5] = { 1 }, v[9] = { 1 }, off[12] = { 3 };
	uint32_t top = PS, nent = 0, ov = 2;
	put(h + 8, 1, 4, big);
	h[25] = 13;
	hitem(h, &top, &nent, k, 5, big);
	put(v + 1, 4, 4, big);
	hitem(h, &top, &nent, v, 5, big);
	for (uint32_t i = 0; i < 3; i++) {
		put(k + 1, i + 1, 4, big);
		hitem(h, &top, &nent, k, 5, big);
		if (s->n[i] < 100) {
			unsigned char d[100] = { 1 };
			memcpy(d + 1, s->b[i], s->n[i]);
			hitem(h, &top, &nent, d, s->n[i] + 1, big);
			continue;
		}
		put(off + 4, ov, 4, big), put(off + 8, (uint32_t)s->n[i], 4, big);
		hitem(h, &top, &nent, off, 12, big);
		for (size_t done = 0; done < s->n[i]; ov++) {
			unsigned char *o = f + (size_t)ov * PS;
			size_t c = s->n[i] - done < OVL ? s->n[i] - done : OVL;
			put(o + 8, ov, 4, big);
			o[25] = 7;
			put(o + 22, (uint32_t)c, 2, big);
			memcpy(o + 26, s->b[i] + done, c);
			done += c;
			put(o + 16, done < s->n[i] ? ov + 1 : 0, 4, big);
		}
	}
	put(h + 20, nent, 2, big), put(h + 22, top, 2, big);
	*len = (size_t)npages * PS;
	return f;
}

static const char bdb_want[] =
	"rpm zlib 1.2.11-41.el9 src=zlib/1.2.11-41.el9 arch=- /var/lib/rpm/Packages@2\n"
	"rpm openssl-libs 1:3.0.7-24.el9 src=openssl/1:3.0.7-24.el9 arch=x86_64 "
	"/var/lib/rpm/Packages@2\n";

#define BDB(d, n) run(pkg_rpm_bdb_parse, "/var/lib/rpm/Packages", d, n, &ok, err)

TEST(pkg_rpm_bdb)
{
	struct blobs s = three();
	bool ok;
	char err[256];
	for (int big = 0; big < 2; big++) {
		size_t n;
		unsigned char *f = bdb(&n, &s, big);
		CHECK_INT(n, 5 * PS);                      /* 1386 bytes: three overflow pages */
		char *t = BDB(f, n);
		CHECK_STR(t, bdb_want);
		CHECK(ok);
		CHECK_STR(err, "");
		free(t);
		f[PS + 25] = 2;                            /* hash pages written before 4.6 */
		t = BDB(f, n);
		CHECK_STR(t, bdb_want);
		free(t);
		free(f);
	}
	blobs_free(&s);
}

/* A broken copy of the little-endian file: edit(f) changes it; the result must be want's
 * packages, not ok, and the fault why. */
static void bdb_broken(size_t cut, void (*edit)(unsigned char *), const char *want,
                       const char *why)
{
	struct blobs s = three();
	size_t n;
	unsigned char *f = bdb(&n, &s, false);
	if (edit)
		edit(f);
	bool ok;
	char err[256];
	char *t = BDB(f, cut ? cut : n);
	CHECK_STR(t, want);
	CHECK(!ok);
	CHECK_STR(err, why);
	free(t);
	free(f);
	blobs_free(&s);
}

/* The items of page 1: key 0 at 0 and its data at 1; package k's key at 2k, its data at 2k+1. */
static unsigned char *hitem_at(unsigned char *f, int i)
{
	return f + PS + (f[PS + 26 + 2 * i] | f[PS + 27 + 2 * i] << 8);
}

static void to_page_99(unsigned char *f) { put(hitem_at(f, 5) + 4, 99, 4, false); }
static void cycle(unsigned char *f)        /* the first overflow page: empty, next itself */
{
	put(f + 2 * PS + 16, 2, 4, false), put(f + 2 * PS + 22, 0, 2, false);
}
static void huge(unsigned char *f) { put(hitem_at(f, 5) + 8, 1u << 30, 4, false); }
static void bad_offset(unsigned char *f) { put(f + PS + 26 + 2 * 3, 3, 2, false); }
static void dup_item(unsigned char *f) { hitem_at(f, 3)[0] = 2; }
static void odd(unsigned char *f) { put(f + PS + 20, 7, 2, false); }
static void not_overflow(unsigned char *f) { f[3 * PS + 25] = 13; }
static void long_page(unsigned char *f) { put(f + 3 * PS + 22, 500, 2, false); }
static void bad_header(unsigned char *f) { put(hitem_at(f, 3) + 1, 99, 4, true); }
static void btree(unsigned char *f) { put(f + 12, 0x053162, 4, false); }
static void psize(unsigned char *f) { put(f + 20, 1000, 4, false); }
static void encrypted(unsigned char *f) { f[24] = 1; }
static void meta_type(unsigned char *f) { f[25] = 9; }

TEST(pkg_rpm_bdb_broken)
{
	const char *zlib = "rpm zlib 1.2.11-41.el9 src=zlib/1.2.11-41.el9 arch=- "
	                   "/var/lib/rpm/Packages@2\n";
	const char *ossl = bdb_want + strlen(zlib);
	bdb_broken(3 * PS + 100, NULL, zlib, "truncated: 1636 bytes, the metadata says 5 pages of 512");
	bdb_broken(0, to_page_99, zlib, "page 1 item 5: overflow page 99 out of range (5 pages)");
	bdb_broken(0, cycle, zlib, "page 1 item 5: overflow chains longer than the file (a cycle)");
	bdb_broken(0, huge, zlib, "page 1 item 5: an overflow item of 1073741824 bytes, more than "
	           "the file");
	bdb_broken(0, bad_offset, "", "page 1 item 3: offset 3 out of the page");
	bdb_broken(0, dup_item, ossl, "page 1 item 3: an item of type 2, which rpm does not write");
	bdb_broken(0, odd, "", "page 1: 7 items, not key/data pairs on the page");
	bdb_broken(0, not_overflow, zlib, "page 1 item 5: page 3 is not an overflow page (type 13)");
	bdb_broken(0, long_page, zlib, "page 1 item 5: overflow page 3 holds 500 bytes, more than "
	           "the 900 left");
	bdb_broken(0, bad_header, ossl, "page 1 item 3: an unreadable header");
	bdb_broken(0, btree, "", "a Berkeley DB btree (2560 bytes), not rpm's hash");
	bdb_broken(0, psize, "", "metadata: page size 1000");
	bdb_broken(0, encrypted, "", "metadata: encrypted, not read");
	bdb_broken(0, meta_type, "", "metadata: page type 9, not hash metadata");
	bdb_broken(511, NULL, "", "truncated: 511 bytes, less than a metadata page");
	bool ok;
	char err[256];
	char *t = BDB((const unsigned char *)"SQLite format 3", 15);
	CHECK_STR(t, "");
	CHECK(!ok);
	CHECK_STR(err, "truncated: 15 bytes, less than a metadata page");
	free(t);
	unsigned char zero[1024] = { 0 };
	t = BDB(zero, sizeof zero);
	CHECK_STR(err, "not a Berkeley DB hash database (1024 bytes)");
	free(t);
}

/* ---- ndb ---- */

/* A Packages.db of one slot page: the three packages as 1, 2 and 3 in slots 2, 4 and 5, slot 3
 * free, a free block before the last blob. */
static unsigned char *ndb(size_t *len, const struct blobs *s)
{
	uint32_t blk = 4096 / 16 + 1, off[3], cnt[3];
	for (int i = 0; i < 3; i++) {
		off[i] = blk + (i == 2);
		cnt[i] = (uint32_t)((16 + s->n[i] + 12 + 15) / 16);
		blk = off[i] + cnt[i];
	}
	*len = (size_t)blk * 16;
	unsigned char *f = xcalloc(blk, 16);
	memcpy(f, "RpmP", 4);
	put(f + 8, 9, 4, false), put(f + 12, 1, 4, false), put(f + 16, 4, 4, false);
	for (uint32_t sl = 2; sl < 256; sl++)
		memcpy(f + sl * 16, "Slot", 4);
	for (uint32_t i = 0; i < 3; i++) {
		unsigned char *p = f + (i ? i + 3 : 2) * 16, *b = f + (size_t)off[i] * 16;
		put(p + 4, i + 1, 4, false), put(p + 8, off[i], 4, false), put(p + 12, cnt[i], 4, false);
		memcpy(b, "BlbS", 4);
		put(b + 4, i + 1, 4, false), put(b + 12, (uint32_t)s->n[i], 4, false);
		memcpy(b + 16, s->b[i], s->n[i]);
		unsigned char *tail = b + cnt[i] * 16 - 12;
		put(tail + 4, (uint32_t)s->n[i], 4, false);
		memcpy(tail + 8, "BlbE", 4);
	}
	return f;
}

#define NDB(d, n) run(pkg_rpm_ndb_parse, "/var/lib/rpm/Packages.db", d, n, &ok, err)

static const char ndb_zlib[] =
	"rpm zlib 1.2.11-41.el9 src=zlib/1.2.11-41.el9 arch=- /var/lib/rpm/Packages.db@2\n";
static const char ndb_want[] =
	"rpm zlib 1.2.11-41.el9 src=zlib/1.2.11-41.el9 arch=- /var/lib/rpm/Packages.db@2\n"
	"rpm openssl-libs 1:3.0.7-24.el9 src=openssl/1:3.0.7-24.el9 arch=x86_64 "
	"/var/lib/rpm/Packages.db@2\n";

static void ndb_broken(size_t cut, void (*edit)(unsigned char *), const char *want,
                       const char *why)
{
	struct blobs s = three();
	size_t n;
	unsigned char *f = ndb(&n, &s);
	if (edit)
		edit(f);
	bool ok;
	char err[256];
	char *t = NDB(f, cut ? cut : n);
	CHECK_STR(t, want);
	CHECK(ok == !*why);
	CHECK_STR(err, why);
	free(t);
	free(f);
	blobs_free(&s);
}

static void n_magic(unsigned char *f) { f[0] = 'r'; }
static void n_version(unsigned char *f) { f[4] = 1; }
static void n_pages(unsigned char *f) { f[12] = 3; }
static void n_slot(unsigned char *f) { f[4 * 16] = 's'; }
static void n_far(unsigned char *f) { put(f + 4 * 16 + 12, 1u << 31, 4, false); }
static void n_early(unsigned char *f) { put(f + 4 * 16 + 8, 3, 4, false); }
static void n_idx(unsigned char *f) { put(f + 4 * 16 + 4, 7, 4, false); }
static void n_len(unsigned char *f) { put(f + 257 * 16 + 12, 1u << 30, 4, false); }
static void n_tail(unsigned char *f) { f[(257 + 7) * 16 - 1] = 'X'; }     /* "BlbX" */
/* Slots 6 to 255 all point at package 2's blob: the work stops at the file's blocks. */
static void n_same(unsigned char *f)
{
	for (int sl = 6; sl < 256; sl++)
		memcpy(f + sl * 16, f + 4 * 16, 16);
}

/* Blocks: 256 of the slot page; zlib 257 to 264 (7), openssl-libs 264 to 353 (89), one free,
 * gpg-pubkey 354 to 362 (8): 5792 bytes. */
TEST(pkg_rpm_ndb)
{
	const char *ossl = ndb_want + sizeof ndb_zlib - 1;
	ndb_broken(0, NULL, ndb_want, "");
	ndb_broken(0, n_magic, "", "not an rpm ndb database (5792 bytes)");
	ndb_broken(0, n_version, "", "ndb version 1, not 0");
	ndb_broken(0, n_pages, "", "truncated: 5792 bytes, the header says 3 slot pages of 4096");
	ndb_broken(4000, NULL, "", "truncated: 4000 bytes, the header says 1 slot pages of 4096");
	ndb_broken(0, n_slot, ndb_zlib, "slot 4: not a slot");
	ndb_broken(0, n_far, ndb_zlib, "slot 4 (package 2): blocks 264 to 2147483912, outside the "
	           "blobs' blocks 256 to 362");
	ndb_broken(0, n_early, ndb_zlib, "slot 4 (package 2): blocks 3 to 92, outside the blobs' "
	           "blocks 256 to 362");
	ndb_broken(0, n_idx, ndb_zlib, "slot 4 (package 7): no blob of the package at block 264");
	ndb_broken(0, n_len, ossl, "slot 2 (package 1): a blob of 1073741824 bytes does not fill "
	           "its 7 blocks");
	ndb_broken(0, n_tail, ossl, "slot 2 (package 1): the blob's tail does not match its head");
	ndb_broken(5792 - 16, NULL, ndb_want, "slot 5 (package 3): blocks 354 to 362, outside the "
	           "blobs' blocks 256 to 361");
}

/* Slots 2 to 7 take 7 + 89 + 8 + 89 + 89 = 282 blocks; slot 8 would make 371 of the 362. */
TEST(pkg_rpm_ndb_bounded)
{
	struct blobs s = three();
	size_t n;
	unsigned char *f = ndb(&n, &s);
	n_same(f);
	bool ok;
	char err[256];
	char *t = NDB(f, n);
	const char *ossl = ndb_want + sizeof ndb_zlib - 1;
	char *want = xasprintf("%s%s%s", ndb_want, ossl, ossl);
	CHECK_STR(t, want);
	CHECK(!ok);
	CHECK_STR(err, "slot 8 (package 2): the blobs take more blocks than the file has");
	free(want);
	free(t);
	free(f);
	blobs_free(&s);
}

TEST(pkg_rpm_sources)
{
	static const char *const bdb_paths[] = { "/var/lib/rpm/Packages",
		"/usr/lib/sysimage/rpm/Packages", NULL };
	static const char *const ndb_paths[] = { "/var/lib/rpm/Packages.db",
		"/usr/lib/sysimage/rpm/Packages.db", NULL };
	for (int i = 0; bdb_paths[i]; i++) {
		const struct pkg_source *s = pkg_source_for(bdb_paths[i], 0644);
		CHECK(s && s->parse == pkg_rpm_bdb_parse && s->max_bytes == 32u << 20);
	}
	for (int i = 0; ndb_paths[i]; i++) {
		const struct pkg_source *s = pkg_source_for(ndb_paths[i], 0644);
		CHECK(s && s->parse == pkg_rpm_ndb_parse && s->max_bytes == 32u << 20);
	}
	CHECK(pkg_source_for("/var/lib/rpm/Packages.bak", 0644) == NULL);
}
