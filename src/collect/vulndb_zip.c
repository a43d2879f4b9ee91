/* OSV's zip archives, read by their central directory and inflated by ISA-L's igzip. Through
 * libarchive the reading was 30% of the import's CPU time (2.9 s of 9.9 for 200 000 records;
 * now 1.1): zlib's inflate, and each entry's DOS time through mktime(), which stats
 * /etc/localtime, twice per record. Only what a zip of records needs is read: stored and
 * deflated entries, zip64 sizes and offsets; anything else is refused with what it is. The
 * file is read through two windows (central directory, entry data) of WIN bytes or one entry. */
#include "collect/decomp_api.h"
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WIN (1u << 20)
#define EOCD_MAX (22u + 65535u)   /* the end record and the longest comment */

struct win { unsigned char *b; uint64_t off; size_t len, cap; };

struct vzip {
	int fd;
	uint64_t size;
	uint64_t cd_pos, cd_end, left;   /* the next central entry, the directory's end, entries */
	struct win cd, data;
	struct inflate_state gz;
	/* the current entry */
	char *name; size_t name_cap;
	unsigned method, flags;
	uint32_t crc;
	uint64_t csize, usize, local;
	char *err; size_t errlen;
};

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p) { return le16(p) | (uint32_t)le16(p + 2) << 16; }
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

__attribute__((format(printf, 2, 3))) static bool zfail(struct vzip *z, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(z->err, z->errlen, fmt, ap);
	va_end(ap);
	return false;
}

/* n bytes of the file at off through window w, or NULL past the end or on a read error. */
static const unsigned char *at(struct vzip *z, struct win *w, uint64_t off, size_t n)
{
	if (off > z->size || n > z->size - off)
		return NULL;
	if (off >= w->off && off + n <= w->off + w->len)
		return w->b + (off - w->off);
	size_t want = n > WIN ? n : WIN;
	if (want > z->size - off)
		want = (size_t)(z->size - off);
	if (want > w->cap)
		w->b = xrealloc(w->b, w->cap = want);
	w->off = off, w->len = 0;
	while (w->len < want) {
		ssize_t got = pread(z->fd, w->b + w->len, want - w->len, (off_t)(off + w->len));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		w->len += (size_t)got;
	}
	return w->len >= n ? w->b : NULL;
}

/* The zip64 end record's entry count and directory place, for an end record that defers to
 * it (eocd: where the plain one starts). */
static bool zip64_end(struct vzip *z, uint64_t eocd, uint64_t *entries, uint64_t *cd_size,
                      uint64_t *cd_off)
{
	const unsigned char *loc = eocd >= 20 ? at(z, &z->cd, eocd - 20, 20) : NULL;
	if (!loc || le32(loc) != 0x07064b50)
		return zfail(z, "no zip64 end of central directory locator");
	const unsigned char *e = at(z, &z->cd, le64(loc + 8), 56);
	if (!e || le32(e) != 0x06064b50)
		return zfail(z, "bad zip64 end of central directory");
	*entries = le64(e + 32), *cd_size = le64(e + 40), *cd_off = le64(e + 48);
	return true;
}

struct vzip *vzip_open(int fd, char *err, size_t errlen)
{
	struct vzip *z = xcalloc(1, sizeof *z);
	z->fd = fd, z->err = err, z->errlen = errlen;
	struct stat st;
	if (fstat(fd, &st) != 0)
		return zfail(z, "%s", strerror(errno)), vzip_close(z), NULL;
	z->size = (uint64_t)st.st_size;
	size_t tail = z->size < EOCD_MAX ? (size_t)z->size : EOCD_MAX;
	const unsigned char *t = at(z, &z->cd, z->size - tail, tail), *e = NULL;
	for (size_t i = tail >= 22 && t ? tail - 22 + 1 : 0; !e && i-- > 0;)
		if (le32(t + i) == 0x06054b50 && i + 22 + le16(t + i + 20) <= tail)
			e = t + i;
	if (!e)
		return zfail(z, "no end of central directory"), vzip_close(z), NULL;
	uint64_t eocd = z->size - tail + (uint64_t)(e - t);
	uint64_t entries = le16(e + 10), cd_size = le32(e + 12), cd_off = le32(e + 16);
	if ((entries == 0xffff || cd_size == 0xffffffff || cd_off == 0xffffffff) &&
	    !zip64_end(z, eocd, &entries, &cd_size, &cd_off))
		return vzip_close(z), NULL;
	if (cd_off > z->size || cd_size > z->size - cd_off)
		return zfail(z, "central directory beyond the end of the file"), vzip_close(z), NULL;
	z->cd_pos = cd_off, z->cd_end = cd_off + cd_size, z->left = entries;
	isal_inflate_init(&z->gz);
	return z;
}

/* The sizes and offset a zip64 extra field holds for those that are 0xffffffff. */
static bool zip64_extra(struct vzip *z, const unsigned char *x, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i += 4 + le16(x + i + 2)) {
		size_t len = le16(x + i + 2), k = 0;
		if (le16(x + i) != 1)
			continue;
		const unsigned char *f = x + i + 4;
		uint64_t *want[] = { &z->usize, &z->csize, &z->local };
		for (size_t w = 0; w < 3; w++) {
			if (*want[w] != 0xffffffff)
				continue;
			if (k + 8 > len || i + 4 + len > n)
				return zfail(z, "short zip64 extra field");
			*want[w] = le64(f + k);
			k += 8;
		}
		return true;
	}
	return true;
}

int vzip_next(struct vzip *z, const char **name, bool *regular)
{
	if (z->left == 0)
		return 0;
	const unsigned char *c = at(z, &z->cd, z->cd_pos, 46);
	if (!c || z->cd_pos + 46 > z->cd_end || le32(c) != 0x02014b50)
		return zfail(z, "bad central directory entry"), -1;
	size_t nlen = le16(c + 28), xlen = le16(c + 30), len = 46 + nlen + xlen + le16(c + 32);
	if (z->cd_pos + len > z->cd_end || !(c = at(z, &z->cd, z->cd_pos, len)))
		return zfail(z, "truncated central directory"), -1;
	z->flags = le16(c + 8), z->method = le16(c + 10), z->crc = le32(c + 16);
	z->csize = le32(c + 20), z->usize = le32(c + 24), z->local = le32(c + 42);
	if (!zip64_extra(z, c + 46 + nlen, xlen))
		return -1;
	if (nlen + 1 > z->name_cap)
		z->name = xrealloc(z->name, z->name_cap = nlen + 1);
	memcpy(z->name, c + 46, nlen);
	z->name[nlen] = '\0';
	/* a directory, or (made on Unix) a symbolic link or other non-regular file */
	uint32_t mode = le32(c + 38) >> 16;
	*regular = !(nlen && z->name[nlen - 1] == '/') &&
	           !(c[5] == 3 && (mode & S_IFMT) && !S_ISREG(mode));
	*name = z->name;
	z->cd_pos += len, z->left--;
	return 1;
}

/* Inflates the entry's cn bytes at p into out, exactly usize bytes with its CRC. */
static bool inflate_to(struct vzip *z, const unsigned char *p, struct buf *out)
{
	isal_inflate_reset(&z->gz);
	z->gz.crc_flag = ISAL_GZIP_NO_HDR;
	z->gz.next_in = (uint8_t *)p, z->gz.avail_in = (uint32_t)z->csize;
	z->gz.next_out = (uint8_t *)out->s, z->gz.avail_out = (uint32_t)z->usize + 1;
	int rc = isal_inflate(&z->gz);
	if (rc != ISAL_DECOMP_OK || z->gz.block_state != ISAL_BLOCK_FINISH)
		return zfail(z, "invalid deflate data");
	if (z->gz.total_out != z->usize)
		return zfail(z, "%u bytes inflated, %llu recorded", z->gz.total_out,
		             (unsigned long long)z->usize);
	return z->gz.crc == z->crc || zfail(z, "CRC mismatch");
}

int vzip_data(struct vzip *z, struct buf *out, size_t max)
{
	if (z->flags & 1)
		return zfail(z, "an encrypted entry"), -2;
	if (z->method != 0 && z->method != 8)
		return zfail(z, "compression method %u (only stored and deflated entries are read, "
		             "as OSV's)", z->method), -2;
	if (z->usize > max)
		return 0;
	/* deflate grows incompressible data by 5 bytes a 16 KiB block at most */
	uint64_t most = z->method ? z->usize + z->usize / 1024 + 1024 : z->usize;
	if (z->method ? z->csize > most : z->csize != z->usize)
		return zfail(z, "compressed size %llu for %llu bytes", (unsigned long long)z->csize,
		             (unsigned long long)z->usize), -1;
	const unsigned char *h = at(z, &z->data, z->local, 30), *p;
	if (!h || le32(h) != 0x04034b50)
		return zfail(z, "bad local header"), -1;
	uint64_t off = z->local + 30 + le16(h + 26) + le16(h + 28);
	if (!(p = at(z, &z->data, off, (size_t)z->csize)))
		return zfail(z, "entry data beyond the end of the file"), -1;
	out->len = 0;
	buf_reserve(out, (size_t)z->usize + 1);
	if (z->method == 8 && !inflate_to(z, p, out))
		return -1;
	if (z->method == 0) {
		if (z->usize)
			memcpy(out->s, p, (size_t)z->usize);
		if (crc32_gzip_refl(0, p, z->usize) != z->crc)
			return zfail(z, "CRC mismatch"), -1;
	}
	out->len = (size_t)z->usize;
	out->s[out->len] = '\0';
	return 1;
}

void vzip_close(struct vzip *z)
{
	if (!z)
		return;
	free(z->cd.b), free(z->data.b), free(z->name);
	free(z);
}
