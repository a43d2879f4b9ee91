/* Layer decompression: the format is found by magic (gzip 1f8b, zstd 28b52ffd, else a plain
 * tar). gzip goes through ISA-L's igzip (several times faster than zlib), zstd through its
 * streaming API; libarchive only ever sees a plain tar. Output goes straight into the caller's
 * buffer (a ring slot, layer_stream.c): no copy for a compressed layer. */
#include "collect/decomp_api.h"
#include "collect/layer_int.h"
#include "util/crypto_api.h"
#include "util/digest.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum codec { C_UNKNOWN, C_PLAIN, C_GZIP, C_ZSTD };

struct decomp {
	struct layer_input *in;
	uint64_t max, total;
	enum codec codec;
	const unsigned char *ip; size_t ilen;   /* input not yet consumed */
	bool in_end, done;
	unsigned char head[4]; size_t nhead;    /* the magic, when the first block was shorter */
	struct inflate_state *gz;
	bool gz_member_done;
	ZSTD_DCtx *zs;
	size_t zs_last;                         /* 0: at a frame boundary */
	unsigned char *out; size_t out_cap;     /* where the current fill writes */
	char err[300];
};

static int fail(struct decomp *d, const char *fmt, const char *arg)
{
	snprintf(d->err, sizeof d->err, fmt, arg);
	return -1;
}

/* Next block of stored bytes into ip/ilen; 0 at end, -1 on error. */
static int pull(struct decomp *d)
{
	if (d->in_end)
		return 0;
	const void *p;
	ssize_t n = d->in->next(d->in, &p);
	if (n < 0)
		return fail(d, "%s", d->in->err[0] ? d->in->err : "read error");
	if (n == 0) {
		d->in_end = true;
		return 0;
	}
	d->ip = p;
	d->ilen = (size_t)n;
	return 1;
}

struct decomp *decomp_new(struct layer_input *in, uint64_t max_bytes)
{
	struct decomp *d = xcalloc(1, sizeof *d);
	d->in = in;
	d->max = max_bytes ? max_bytes : (8ull << 30);
	return d;
}

static enum codec codec_of(const unsigned char *m, size_t have)
{
	if (have >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		return C_GZIP;
	if (have >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd)
		return C_ZSTD;
	return C_PLAIN;
}

bool decomp_maybe_compressed(const void *first, size_t n)
{
	return n < 4 || codec_of(first, n) != C_PLAIN;
}

/* Reads until 4 bytes are known (or the input ends) and picks the codec. */
static int detect(struct decomp *d)
{
	while (d->nhead < 4) {
		int r = pull(d);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		size_t take = d->ilen < 4 - d->nhead ? d->ilen : 4 - d->nhead;
		if (d->nhead == 0 && d->ilen >= 4)
			break;           /* common case: the magic is in the first block, no copy */
		memcpy(d->head + d->nhead, d->ip, take);
		d->nhead += take;
		d->ip += take;
		d->ilen -= take;
	}
	const unsigned char *m = d->nhead ? d->head : d->ip;
	size_t have = d->nhead ? d->nhead : d->ilen;
	d->codec = codec_of(m, have);
	if (d->codec == C_GZIP) {
		d->gz = xmalloc(sizeof *d->gz);
		isal_inflate_init(d->gz);
		d->gz->crc_flag = ISAL_GZIP;
	} else if (d->codec == C_ZSTD) {
		d->zs = ZSTD_createDCtx();
		if (!d->zs)
			abort();
	}
	return 0;
}

/* The short head, when there is one, is consumed before the block it came from. */
static bool next_input(struct decomp *d, const unsigned char **p, size_t *n, int *r)
{
	if (d->nhead) {
		*p = d->head;
		*n = d->nhead;
		*r = 1;
		return true;
	}
	if (d->ilen == 0 && (*r = pull(d)) <= 0)
		return false;
	*p = d->ip;
	*n = d->ilen;
	*r = 1;
	return true;
}

static void consumed(struct decomp *d, size_t used)
{
	if (d->nhead) {
		memmove(d->head, d->head + used, d->nhead - used);
		d->nhead -= used;
	} else {
		d->ip += used;
		d->ilen -= used;
	}
}

static ssize_t read_plain(struct decomp *d)
{
	const unsigned char *ip;
	size_t n;
	int r;
	if (!next_input(d, &ip, &n, &r))
		return r;
	if (n > d->out_cap)
		n = d->out_cap;
	memcpy(d->out, ip, n);
	consumed(d, n);
	return (ssize_t)n;
}

static bool all_zero(const unsigned char *p, size_t n)
{
	return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

static ssize_t read_gzip(struct decomp *d)
{
	struct inflate_state *s = d->gz;
	for (;;) {
		const unsigned char *ip;
		size_t n;
		int r;
		if (d->gz_member_done) {
			/* Another member follows, or only padding: gzip(1) ignores trailing zeros. */
			if (!next_input(d, &ip, &n, &r))
				return r;
			if (ip[0] != 0x1f) {
				if (all_zero(ip, n)) {
					consumed(d, n);
					continue;
				}
				return fail(d, "%s", "gzip stream: garbage after the end");
			}
			isal_inflate_reset(s);
			s->crc_flag = ISAL_GZIP;
			d->gz_member_done = false;
		}
		if (!next_input(d, &ip, &n, &r)) {
			if (r < 0)
				return -1;
			return fail(d, "%s", "gzip stream truncated");
		}
		uint32_t chunk = n > (1u << 30) ? (1u << 30) : (uint32_t)n;
		s->next_in = (uint8_t *)ip;
		s->avail_in = chunk;
		s->next_out = d->out;
		s->avail_out = d->out_cap > UINT32_MAX ? UINT32_MAX : (uint32_t)d->out_cap;
		uint32_t room = s->avail_out;
		int ret = isal_inflate(s);
		consumed(d, chunk - s->avail_in);
		if (ret < 0)
			return fail(d, "gzip stream corrupt (%s)",
			            ret == ISAL_INCORRECT_CHECKSUM ? "checksum mismatch"
			                                           : "invalid deflate data");
		if (s->block_state == ISAL_BLOCK_FINISH)
			d->gz_member_done = true;
		size_t got = room - s->avail_out;
		if (got)
			return (ssize_t)got;
	}
}

static ssize_t read_zstd(struct decomp *d)
{
	for (;;) {
		const unsigned char *ip;
		size_t n;
		int r;
		if (!next_input(d, &ip, &n, &r)) {
			if (r < 0)
				return -1;
			if (d->zs_last != 0)
				return fail(d, "%s", "zstd stream truncated");
			return 0;
		}
		ZSTD_inBuffer in = { ip, n, 0 };
		ZSTD_outBuffer out = { d->out, d->out_cap, 0 };
		size_t ret = ZSTD_decompressStream(d->zs, &out, &in);
		consumed(d, in.pos);
		if (ZSTD_isError(ret))
			return fail(d, "zstd stream corrupt (%s)", ZSTD_getErrorName(ret));
		d->zs_last = ret;
		if (out.pos)
			return (ssize_t)out.pos;
	}
}

ssize_t decomp_fill(struct decomp *d, void *buf, size_t cap)
{
	if (d->done)
		return 0;
	if (d->err[0])
		return -1;
	if (d->codec == C_UNKNOWN && detect(d) < 0)
		return -1;
	/* Never more than max in all: the bytes up to it reach the tar walker, which refuses the
	 * layer at the header that declares too much; past it, one byte more proves a bomb. */
	unsigned char probe;
	uint64_t room = d->max - d->total;
	d->out = room ? buf : &probe;
	d->out_cap = !room ? 1 : cap < room ? cap : (size_t)room;
	ssize_t n;
	if (d->codec == C_GZIP) {
		n = read_gzip(d);
	} else if (d->codec == C_ZSTD) {
		n = read_zstd(d);
	} else {
		n = read_plain(d);
	}
	if (n == 0)
		d->done = true;
	if (n <= 0)
		return n;
	d->total += (uint64_t)n;
	if (!room) {
		char lim[32];
		snprintf(lim, sizeof lim, "%llu", (unsigned long long)d->max);
		return fail(d, "more than %s bytes uncompressed (a decompression bomb?)", lim);
	}
	return n;
}

char *decomp_hash_raw(struct layer_input *in)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c)
		abort();
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	const void *p;
	ssize_t n;
	while ((n = in->next(in, &p)) > 0)
		EVP_DigestUpdate(c, p, (size_t)n);
	char *s = sha256_digest_final(c);
	EVP_MD_CTX_free(c);
	if (n < 0) {
		free(s);
		return NULL;
	}
	return s;
}

const char *decomp_error(const struct decomp *d)
{
	return d->err[0] ? d->err : NULL;
}

bool decomp_is_plain(const struct decomp *d)
{
	return d->codec == C_PLAIN || d->codec == C_UNKNOWN;
}

void decomp_free(struct decomp *d)
{
	if (!d)
		return;
	free(d->gz);
	ZSTD_freeDCtx(d->zs);
	free(d);
}
