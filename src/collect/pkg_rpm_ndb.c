/* rpm's ndb database, Packages.db (openSUSE and SLES 15), read from memory by hand after the
 * layout of rpm's lib/backend/ndb/rpmpkg.c (Debian's librpm has no ndb backend). Little-endian
 * throughout. A 32-byte header ("RpmP", version 0, generation, slot pages, next package
 * index) shares the first of the slot pages (4096 bytes each) with their 16-byte slots ("Slot",
 * package index, block offset, block count; offset 0 is a free slot). Each used slot points at
 * a blob in 16-byte blocks past the slot pages: "BlbS", package index, time, length, the header
 * blob, padding, then a tail (Adler-32, length, "BlbE"). As rpm reads, the Adler-32 is not
 * checked. Blobs may not together take more blocks than the file has, which bounds the work. */
#include "collect/pkg_os.h"
#include "collect/pkg_rpm_int.h"
#include <stdint.h>

#define NDB_PAGE 4096u
#define SLOT 16u
#define BLK 16u
#define BLOB_HEAD 16u
#define BLOB_TAIL 12u
#define MAGIC(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | \
                           (uint32_t)(d) << 24)

struct ndb {
	struct pkg_rpm r;
	const unsigned char *d;
	size_t len;
	uint32_t npages;          /* slot pages */
	uint64_t blocks;          /* blocks of the blobs read so far */
};

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

#define FAULT(n, ...) pkg_fault((n)->r.err, (n)->r.errlen, &(n)->r.faulted, __VA_ARGS__)

static void blob(struct ndb *n, uint32_t slot, uint32_t idx, uint32_t off, uint32_t cnt)
{
	uint64_t first = (uint64_t)n->npages * (NDB_PAGE / BLK), fileblks = n->len / BLK;
	if (off < first || cnt < 2 || (uint64_t)off + cnt > fileblks) {
		FAULT(n, "slot %u (package %u): blocks %u to %llu, outside the blobs' blocks %llu to "
		      "%llu", slot, idx, off, (unsigned long long)off + cnt, (unsigned long long)first,
		      (unsigned long long)fileblks);
		return;
	}
	if ((n->blocks += cnt) > fileblks) {
		FAULT(n, "slot %u (package %u): the blobs take more blocks than the file has", slot, idx);
		return;
	}
	const unsigned char *b = n->d + (size_t)off * BLK, *tail = b + (size_t)cnt * BLK - BLOB_TAIL;
	uint32_t bl = le32(b + 12);
	if (le32(b) != MAGIC('B', 'l', 'b', 'S') || le32(b + 4) != idx) {
		FAULT(n, "slot %u (package %u): no blob of the package at block %u", slot, idx, off);
	} else if ((BLOB_HEAD + (uint64_t)bl + BLOB_TAIL + BLK - 1) / BLK != cnt) {
		FAULT(n, "slot %u (package %u): a blob of %u bytes does not fill its %u blocks", slot,
		      idx, bl, cnt);
	} else if (le32(tail + 4) != bl || le32(tail + 8) != MAGIC('B', 'l', 'b', 'E')) {
		FAULT(n, "slot %u (package %u): the blob's tail does not match its head", slot, idx);
	} else if (!pkg_rpm_header(&n->r, b + BLOB_HEAD, bl)) {
		FAULT(n, "slot %u (package %u): an unreadable header", slot, idx);
	}
}

bool pkg_rpm_ndb_parse(PKG_PARSE_ARGS)
{
	struct ndb n = { { path, layer, inv, false, err, errlen }, (const unsigned char *)data, len };
	const unsigned char *d = n.d;
	if (len < 32 || le32(d) != MAGIC('R', 'p', 'm', 'P')) {
		FAULT(&n, "not an rpm ndb database (%zu bytes)", len);
		return false;
	}
	if (le32(d + 4) != 0) {
		FAULT(&n, "ndb version %u, not 0", le32(d + 4));
		return false;
	}
	n.npages = le32(d + 12);
	if (n.npages == 0 || (uint64_t)n.npages * NDB_PAGE > len) {
		FAULT(&n, "truncated: %zu bytes, the header says %u slot pages of %u", len, n.npages,
		      NDB_PAGE);
		return false;
	}
	for (uint32_t s = 32 / SLOT; s < n.npages * (NDB_PAGE / SLOT); s++) {
		const unsigned char *p = d + (size_t)s * SLOT;
		if (le32(p) != MAGIC('S', 'l', 'o', 't'))
			FAULT(&n, "slot %u: not a slot", s);
		else if (le32(p + 8))
			blob(&n, s, le32(p + 4), le32(p + 8), le32(p + 12));
	}
	return !n.r.faulted;
}
