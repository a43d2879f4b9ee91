/* rpm's Berkeley DB database, /var/lib/rpm/Packages (CentOS and RHEL 7 and 8, Amazon Linux 2),
 * read from memory by hand: librpm reads it only as a file on disk, and bulwark writes none.
 * A hash database (Berkeley DB's db_page.h) of pages of one size: page 0 the metadata, then
 * hash pages of key/data item pairs -- the key a package's 4-byte number, the data its header
 * blob, on the page or in a chain of overflow pages. Integers are in the byte order of the
 * machine that wrote the file; the magic number says which. Every page is read once and every
 * overflow page at most once in all, so the work is bounded by the file's size. */
#include "collect/pkg_os.h"
#include "collect/pkg_rpm_int.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { P_HASH_UNSORTED = 2, P_OVERFLOW = 7, P_HASHMETA = 8, P_HASH = 13 };
enum { H_KEYDATA = 1, H_OFFPAGE = 3 };
enum { HASH_MAGIC = 0x061561, BTREE_MAGIC = 0x053162, DBMETA_CHKSUM = 0x01 };
#define META_SIZE 512u   /* the smallest page, which holds the whole metadata */

struct bdb {
	struct pkg_rpm r;
	const unsigned char *d;
	size_t len;
	bool big;                 /* written by a big-endian machine */
	uint32_t psize;
	uint32_t npages;          /* pages present (and promised by the metadata) */
	uint32_t hdr;             /* page header size: 26, or 32 with checksums */
	uint32_t budget;          /* overflow pages left to visit: each belongs to one item */
	unsigned char *blob;      /* an overflow item put together */
};

static uint32_t get32(const struct bdb *b, const unsigned char *p)
{
	return b->big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	              : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t get16(const struct bdb *b, const unsigned char *p)
{
	return b->big ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

static const unsigned char *page(const struct bdb *b, uint32_t n)
{
	return b->d + (size_t)n * b->psize;
}

#define FAULT(b, ...) pkg_fault((b)->r.err, (b)->r.errlen, &(b)->r.faulted, __VA_ARGS__)

/* Reads the metadata page: byte order, page size, pages. False when nothing can be read. */
static bool meta(struct bdb *b)
{
	const unsigned char *d = b->d;
	uint32_t magic = 0;
	if (b->len >= META_SIZE) {
		b->big = false, magic = get32(b, d + 12);
		if (magic != HASH_MAGIC && magic != BTREE_MAGIC)
			b->big = true, magic = get32(b, d + 12);
	}
	if (magic != HASH_MAGIC) {
		FAULT(b, b->len < META_SIZE ? "truncated: %zu bytes, less than a metadata page"
		         : magic == BTREE_MAGIC ? "a Berkeley DB btree (%zu bytes), not rpm's hash"
		         : "not a Berkeley DB hash database (%zu bytes)", b->len);
		return false;
	}
	b->psize = get32(b, d + 20);
	if (b->psize < META_SIZE || b->psize > 65536 || (b->psize & (b->psize - 1))) {
		FAULT(b, "metadata: page size %u", b->psize);
		return false;
	}
	if (d[24]) {
		FAULT(b, "metadata: encrypted, not read");
		return false;
	}
	if (d[25] != P_HASHMETA) {
		FAULT(b, "metadata: page type %u, not hash metadata", d[25]);
		return false;
	}
	b->hdr = d[26] & DBMETA_CHKSUM ? 32 : 26;
	uint64_t want = (uint64_t)get32(b, d + 32) + 1, have = b->len / b->psize;
	if (want > have)
		FAULT(b, "truncated: %zu bytes, the metadata says %llu pages of %u", b->len,
		      (unsigned long long)want, b->psize);
	b->npages = (uint32_t)(want < have ? want : have);
	b->budget = b->npages;
	return true;
}

/* The data of an overflow item: tlen bytes along the chain from page next, or NULL. */
static const unsigned char *overflow(struct bdb *b, uint32_t pg, uint32_t i, uint32_t next,
                                     uint32_t tlen)
{
	if (tlen > b->len) {
		FAULT(b, "page %u item %u: an overflow item of %u bytes, more than the file", pg, i,
		      tlen);
		return NULL;
	}
	unsigned char *buf = realloc(b->blob, tlen ? tlen : 1);
	if (!buf) {
		FAULT(b, "page %u item %u: no memory for %u bytes", pg, i, tlen);
		return NULL;
	}
	b->blob = buf;
	for (uint32_t got = 0; got < tlen;) {
		if (next == 0 || next >= b->npages) {
			FAULT(b, "page %u item %u: overflow page %u out of range (%u pages)", pg, i, next,
			      b->npages);
			return NULL;
		}
		if (b->budget == 0) {
			FAULT(b, "page %u item %u: overflow chains longer than the file (a cycle)", pg, i);
			return NULL;
		}
		b->budget--;
		const unsigned char *o = page(b, next);
		uint32_t n = get16(b, o + 22);
		if (o[25] != P_OVERFLOW) {
			FAULT(b, "page %u item %u: page %u is not an overflow page (type %u)", pg, i, next,
			      o[25]);
			return NULL;
		}
		if (n > b->psize - b->hdr || n > tlen - got) {
			FAULT(b, "page %u item %u: overflow page %u holds %u bytes, more than the %u left",
			      pg, i, next, n, tlen - got);
			return NULL;
		}
		memcpy(buf + got, o + b->hdr, n);
		got += n;
		next = get32(b, o + 16);     /* next_pgno */
	}
	return buf;
}

/* Item i of a hash page: [*s, *s + *n), its first byte its type. It lies between its offset
 * and the previous item's (the page's end for the first). */
static bool item(struct bdb *b, const unsigned char *p, uint32_t pg, uint32_t i, uint32_t nent,
                 const unsigned char **s, uint32_t *n)
{
	uint32_t off = get16(b, p + b->hdr + 2 * i);
	uint32_t end = i ? get16(b, p + b->hdr + 2 * (i - 1)) : b->psize;
	if (off < b->hdr + 2 * nent || off >= end || end > b->psize) {
		FAULT(b, "page %u item %u: offset %u out of the page", pg, i, off);
		return false;
	}
	*s = p + off, *n = end - off;
	return true;
}

static void record(struct bdb *b, uint32_t pg, uint32_t i, const unsigned char *v, uint32_t n)
{
	const unsigned char *blob = NULL;
	uint32_t bn = 0;
	if (v[0] == H_KEYDATA) {
		blob = v + 1, bn = n - 1;
	} else if (v[0] == H_OFFPAGE && n >= 12) {
		bn = get32(b, v + 8);
		if (!(blob = overflow(b, pg, i, get32(b, v + 4), bn)))
			return;
	} else {
		FAULT(b, "page %u item %u: an item of type %u, which rpm does not write", pg, i, v[0]);
		return;
	}
	if (!pkg_rpm_header(&b->r, blob, bn))
		FAULT(b, "page %u item %u: an unreadable header", pg, i);
}

static void hash_page(struct bdb *b, uint32_t pg)
{
	const unsigned char *p = page(b, pg);
	uint32_t nent = get16(b, p + 20);
	if (nent % 2 || b->hdr + 2 * nent > b->psize) {
		FAULT(b, "page %u: %u items, not key/data pairs on the page", pg, nent);
		return;
	}
	for (uint32_t i = 0; i < nent; i += 2) {
		const unsigned char *k, *v;
		uint32_t kn, vn;
		if (!item(b, p, pg, i, nent, &k, &kn) || !item(b, p, pg, i + 1, nent, &v, &vn))
			return;
		if (k[0] == H_KEYDATA && kn == 5 && !memcmp(k + 1, "\0\0\0\0", 4))
			continue;                  /* package 0: rpm's counter of package numbers */
		record(b, pg, i + 1, v, vn);
	}
}

bool pkg_rpm_bdb_parse(PKG_PARSE_ARGS)
{
	struct bdb b = { { path, layer, inv, false, err, errlen }, (const unsigned char *)data, len };
	if (!meta(&b))
		return false;
	for (uint32_t pg = 1; pg < b.npages; pg++) {
		unsigned type = page(&b, pg)[25];
		if (type == P_HASH || type == P_HASH_UNSORTED)
			hash_page(&b, pg);
	}
	free(b.blob);
	return !b.r.faulted;
}
