/* rpm header blobs, as every rpm database stores them without lead or magic: il and dl
 * (big-endian 32-bit), il index entries of 16 bytes (tag, type, offset, count), then dl bytes of
 * data that the offsets point into. */
#include "collect/pkg_rpm_int.h"
#include "collect/pkg_os.h"
#include "util/util.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { TAG_NAME = 1000, TAG_VERSION = 1001, TAG_RELEASE = 1002, TAG_EPOCH = 1003,
       TAG_ARCH = 1022, TAG_SOURCERPM = 1044 };
enum { TYPE_INT32 = 4, TYPE_STRING = 6, TYPE_I18NSTRING = 9 };
#define HDR_MAX_ENTRIES 100000u

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct hdr { const unsigned char *idx, *data; uint32_t il, dl; };

static bool hdr_open(const unsigned char *b, size_t n, struct hdr *h)
{
	if (n < 8)
		return false;
	h->il = be32(b), h->dl = be32(b + 4);
	if (h->il == 0 || h->il > HDR_MAX_ENTRIES || (uint64_t)h->il * 16 + 8 + h->dl > n)
		return false;
	h->idx = b + 8;
	h->data = h->idx + (size_t)h->il * 16;
	return true;
}

/* The entry of tag with type, or NULL. */
static const unsigned char *entry(const struct hdr *h, uint32_t tag, uint32_t *type)
{
	for (uint32_t i = 0; i < h->il; i++) {
		const unsigned char *e = h->idx + (size_t)i * 16;
		if (be32(e) == tag) {
			*type = be32(e + 4);
			return e;
		}
	}
	return NULL;
}

/* A string tag's value (NUL-terminated inside the data store), or NULL. */
static const char *hstr(const struct hdr *h, uint32_t tag)
{
	uint32_t type;
	const unsigned char *e = entry(h, tag, &type);
	if (!e || (type != TYPE_STRING && type != TYPE_I18NSTRING))
		return NULL;
	uint32_t off = be32(e + 8);
	if (off >= h->dl || !memchr(h->data + off, 0, h->dl - off))
		return NULL;
	const char *s = (const char *)h->data + off;
	return strlen(s) <= PKG_FIELD_MAX ? s : NULL;
}

static bool hint(const struct hdr *h, uint32_t tag, uint32_t *v)
{
	uint32_t type;
	const unsigned char *e = entry(h, tag, &type);
	if (!e || type != TYPE_INT32 || be32(e + 12) < 1)
		return false;
	uint32_t off = be32(e + 8);
	if (off > h->dl || h->dl - off < 4)
		return false;
	*v = be32(h->data + off);
	return true;
}

/* "openssl-3.0.7-24.el9.src.rpm" -> "openssl": the name before version and release. */
static char *srpm_name(const char *s)
{
	size_t n = strlen(s);
	if (str_suffix(s, ".src.rpm"))
		n -= 8;
	else if (str_suffix(s, ".nosrc.rpm"))
		n -= 10;
	for (int dashes = 0; dashes < 2; dashes++) {
		while (n && s[n - 1] != '-')
			n--;
		if (!n)
			return NULL;
		n--;
	}
	return n ? xstrndup(s, n) : NULL;
}

bool pkg_rpm_header(struct pkg_rpm *r, const unsigned char *b, size_t n)
{
	struct hdr h;
	const char *name, *ver, *rel;
	if (!hdr_open(b, n, &h) || !(name = hstr(&h, TAG_NAME)) || !(ver = hstr(&h, TAG_VERSION)) ||
	    !(rel = hstr(&h, TAG_RELEASE)) || !*name || !*ver || !*rel)
		return false;
	const char *srpm = hstr(&h, TAG_SOURCERPM);
	if (!srpm && str_eq(name, "gpg-pubkey"))
		return true;                   /* an imported key, not a package */
	uint32_t epoch;
	char *evr = hint(&h, TAG_EPOCH, &epoch) ? xasprintf("%u:%s-%s", epoch, ver, rel)
	                                        : xasprintf("%s-%s", ver, rel);
	struct pkg *p = pkg_inv_add(r->inv, PKG_RPM, name, evr);
	if (p) {
		p->source = srpm ? srpm_name(srpm) : NULL;
		if (!p->source)
			p->source = xstrdup(name);
		p->source_version = xstrdup(evr);
		p->arch = xstrdup(hstr(&h, TAG_ARCH));
		p->path = xstrdup(r->path);
		p->layer = r->layer;
		p->scheme = VERS_RPM;
	}
	free(evr);
	return true;
}
