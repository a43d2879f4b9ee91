/* The layer walk with its reading threads, over a layer larger than the read-ahead rings: the input
 * is read by another thread, at most a few MiB ahead of the walk; every byte arrives in order; a
 * broken stream, a refused tar header, a failing input or the size limit each end the walk with
 * the error of the single-threaded walk and stop the reading early. */
#include "test.h"
#include "collect/layer.h"
#include "util/util.h"
#include <archive.h>
#include <archive_entry.h>
#include <isa-l/igzip_lib.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#define MIB (1u << 20)
#define NBIN 40                         /* 1 MiB binary files between two .env files */
#define MID 4                           /* m/.env comes before bin/f04 */

struct blob { unsigned char *p; size_t n; };

/* a/.env, bin/f00..f39 (1 MiB each, binary) with m/.env before bin/f04, z/.env; hdr[i] is where
 * bin/f<i>'s header is, hdr[NBIN] m/.env's. */
static struct blob big_tar(size_t hdr[NBIN + 1])
{
	size_t cap = (NBIN + 4) * (MIB + 4096), used = 0;
	struct blob t = { xmalloc(cap), 0 };
	unsigned char *data = xmalloc(MIB);
	struct archive *a = archive_write_new();
	archive_write_set_format_ustar(a);
	archive_write_set_bytes_in_last_block(a, 1);
	archive_write_open_memory(a, t.p, cap, &used);
	for (int i = -1; i <= NBIN; i++) {
		const char *env = i < 0 ? "A=1\n" : i == MID ? "M=1\n" : "Z=1\n";
		char name[32];
		snprintf(name, sizeof name, i < 0 ? "a/.env" : i == NBIN ? "z/.env" : "bin/f%02d", i);
		if (i == MID)
			test_tar_add(a, "m/.env", env, 4);
		size_t n = i < 0 || i == NBIN ? 4 : MIB;
		if (n == MIB)
			for (size_t k = 0; k < MIB; k++)
				data[k] = k == 0 ? 0 : (unsigned char)(k * 7 + (size_t)i);
		test_tar_add(a, name, n == MIB ? (const void *)data : env, n);
	}
	archive_write_close(a);
	archive_write_free(a);
	free(data);
	t.n = used;
	/* Where the headers are: ustar, one 512-byte header and the padded data per entry. */
	for (size_t off = 0, i = 0; off + 512 <= t.n && t.p[off]; i++) {
		if (strncmp((char *)t.p + off, "bin/f", 5) == 0)
			hdr[atoi((char *)t.p + off + 5)] = off;
		if (strcmp((char *)t.p + off, "m/.env") == 0)
			hdr[NBIN] = off;
		off += 512 + (strtoull((char *)t.p + off + 124, NULL, 8) + 511) / 512 * 512;
	}
	return t;
}

/* One gzip member of p[0..n) appended to out. */
static void gzip_add(struct blob *out, const unsigned char *p, size_t n)
{
	size_t cap = n + n / 8 + 4096;
	out->p = realloc(out->p, out->n + cap);
	struct isal_zstream z;
	isal_deflate_init(&z);
	z.gzip_flag = IGZIP_GZIP;
	z.end_of_stream = 1;
	z.next_in = (uint8_t *)p;
	z.avail_in = (uint32_t)n;
	z.next_out = out->p + out->n;
	z.avail_out = (uint32_t)cap;
	while (z.internal_state.state != ZSTATE_END && isal_deflate(&z) == COMP_OK)
		;
	out->n += z.total_out;
}

/* The stored bytes in 64 KiB blocks; fails with fail_msg once fail_at bytes were given. */
struct mem_in {
	struct layer_input in;
	const struct blob *b;
	_Atomic size_t at;
	size_t fail_at;
	const char *fail_msg;
	pthread_t reader;               /* the thread that read */
	size_t mark, lead;              /* m/.env's offset (0: no stall); how far past it was read */
	bool short_ok;                  /* over before the reading threads start */
};

static ssize_t mem_next(struct layer_input *in, const void **p)
{
	struct mem_in *m = (struct mem_in *)in;
	m->reader = pthread_self();
	if (m->fail_msg && m->at >= m->fail_at) {
		snprintf(in->err, sizeof in->err, "%s", m->fail_msg);
		return -1;
	}
	size_t k = m->b->n - m->at < 65536 ? m->b->n - m->at : 65536;
	*p = m->b->p + m->at;
	m->at += k;
	return (ssize_t)k;
}

static char *sha(const struct blob *b)
{
	unsigned char md[32];
	unsigned len;
	EVP_Digest(b->p, b->n, md, &len, EVP_sha256(), NULL);
	char *s = xmalloc(72);
	memcpy(s, "sha256:", 7);
	for (int i = 0; i < 32; i++)
		snprintf(s + 7 + 2 * i, 3, "%02x", md[i]);
	return s;
}

static bool kept(const struct layer_facts *f, const char *path)
{
	for (size_t i = 0; i < f->nfiles; i++)
		if (strcmp(f->files[i].path, path) == 0)
			return true;
	return false;
}

/* With a mark, the walk stalls in m/.env until the input was read 3 MiB past it (10 s at most),
 * then notes how far ahead the reading went. */
static void *stall_open(void *arg, const char *path)
{
	struct mem_in *m = arg;
	if (m->mark && strcmp(path, "/m/.env") == 0) {
		for (int i = 0; i < 1000 && m->at < m->mark + 3 * MIB; i++)
			usleep(10000);
		usleep(50000);
		m->lead = m->at - m->mark;
	}
	return NULL;
}

static void no_feed(void *st, const void *buf, size_t n) { (void)st; (void)buf; (void)n; }
static void no_close(void *st, struct img_file *f) { (void)st; (void)f; }

/* Scans b; returns what layer_scan returned, with the facts, errors and bytes pulled. */
static int scan(struct mem_in *m, uint64_t max, struct layer_facts *f, struct findings *errs)
{
	struct content_hook hook = { stall_open, no_feed, no_close, m, "test" };
	struct layer_opts o = { max, 0, &hook, "img", "L", true };
	memset(f, 0, sizeof *f);
	m->in = (struct layer_input){ mem_next, NULL, "" };
	m->at = 0;
	int rc = layer_scan(&m->in, &o, f, errs);
	if (!m->short_ok)                                      /* the input had its own thread */
		CHECK(!pthread_equal(m->reader, pthread_self()));
	return rc;
}

static void check_one_error(struct findings *errs, const char *want)
{
	CHECK_INT(errs->nerrors, 1);
	if (errs->nerrors)
		CHECK_STR(errs->errors[0].message, want);
	findings_free(errs);
}

TEST(layer_stream_whole)
{
	size_t hdr[NBIN + 1];
	struct blob tar = big_tar(hdr), gz = { 0 };
	gzip_add(&gz, tar.p, tar.n);
	char *plain = sha(&tar), *raw = sha(&gz);
	for (int pass = 0; pass < 2; pass++) {
		const struct blob *b = pass ? &gz : &tar;
		struct mem_in m = { .b = b, .mark = pass ? 0 : hdr[NBIN] };
		struct layer_facts f;
		struct findings errs = { 0 };
		CHECK_INT(scan(&m, 0, &f, &errs), 0);
		if (!pass)          /* ahead of the walk, but only by the two rings (20 MiB) and a fill */
			CHECK(m.lead >= 3 * MIB && m.lead <= 22 * MIB);
		CHECK_INT(errs.nerrors, 0);
		CHECK_INT(m.at, b->n);
		CHECK_INT(f.entries, NBIN + 3);
		CHECK_INT(f.bytes, tar.n);
		CHECK_STR(f.digest, plain);                 /* every byte, in order */
		CHECK_STR(f.raw_digest, pass ? raw : plain);
		CHECK(kept(&f, "/a/.env") && kept(&f, "/m/.env") && kept(&f, "/z/.env"));
		layer_facts_free(&f);
		findings_free(&errs);
	}
	free(plain);
	free(raw);
	free(tar.p);
	free(gz.p);
}

/* The gzip stream breaks inside bin/f08, 8 MiB in: the walk reads all before it, then fails. */
TEST(layer_stream_corrupt_gzip)
{
	size_t hdr[NBIN + 1];
	struct blob tar = big_tar(hdr), gz = { 0 };
	gzip_add(&gz, tar.p, hdr[8] + 512 + 100000);
	static const unsigned char bad[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff,
	                                     0x07 /* final block of the reserved type 3 */,
	                                     1, 2, 3, 4, 5, 6, 7, 8 };
	gz.p = realloc(gz.p, gz.n + sizeof bad);
	memcpy(gz.p + gz.n, bad, sizeof bad);
	gz.n += sizeof bad;
	struct mem_in m = { .b = &gz };
	struct layer_facts f;
	struct findings errs = { 0 };
	CHECK_INT(scan(&m, 0, &f, &errs), -1);
	check_one_error(&errs, "layer L: unreadable: gzip stream corrupt (invalid deflate data)");
	CHECK(f.failed && f.entries == 11 && kept(&f, "/a/.env") && !kept(&f, "/z/.env"));
	layer_facts_free(&f);
	free(tar.p);
	free(gz.p);
}

/* The walk refuses bin/f03's header (a negative size) while the reading is ahead of it: the
 * reading stops within the rings' reach instead of going on to the layer's end. */
TEST(layer_stream_walk_stops_early)
{
	size_t hdr[NBIN + 1];
	struct blob tar = big_tar(hdr);
	unsigned char *h = tar.p + hdr[3];
	memset(h + 124, 0xff, 12);                      /* base-256 size: -1 */
	unsigned sum = 0;
	memset(h + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	struct mem_in m = { .b = &tar };
	struct layer_facts f;
	struct findings errs = { 0 };
	CHECK_INT(scan(&m, 0, &f, &errs), -1);
	check_one_error(&errs, "layer L: unreadable: Tar entry has negative size");
	CHECK(f.failed && f.entries == 4 && kept(&f, "/a/.env") && !kept(&f, "/z/.env"));
	CHECK(m.at > hdr[3] && m.at <= hdr[3] + 22 * MIB && m.at < tar.n);
	layer_facts_free(&f);
	free(tar.p);
}

/* Over max_bytes, and an input that fails: the reading stops there by itself. */
TEST(layer_stream_limit_and_input_error)
{
	size_t hdr[NBIN + 1];
	struct blob tar = big_tar(hdr);
	struct mem_in m = { .b = &tar };
	struct layer_facts f;
	struct findings errs = { 0 };
	CHECK_INT(scan(&m, 6 * MIB, &f, &errs), -1);
	check_one_error(&errs, "layer L: entry \"bin/f05\": declares 1048576 bytes at offset "
	                "5247488, past the limit of 6291456 bytes uncompressed per layer "
	                "(--max-layer-size); the layer is not read further");
	CHECK(f.failed && f.entries == 8 && !kept(&f, "/z/.env"));
	CHECK(m.at > 5 * MIB && m.at <= 12 * MIB);
	layer_facts_free(&f);

	m = (struct mem_in){ .b = &tar, .fail_at = 5 * MIB, .fail_msg = "the disk is on fire" };
	CHECK_INT(scan(&m, 0, &f, &errs), -1);
	check_one_error(&errs, "layer L: unreadable: the disk is on fire");
	CHECK(f.failed && f.entries == 7 && m.at == 5 * MIB);
	layer_facts_free(&f);
	free(tar.p);
}

/* A gzip layer whose first header declares 8 MiB (incompressible) with a limit of 4 MiB: refused
 * at that header, having inflated the first MiB (one read) rather than the 4 MiB up to the limit.
 * Past the tar's end, bytes beyond the limit are still a decompression bomb. */
TEST(layer_stream_refused_at_header)
{
	size_t cap = 10 * MIB, used = 0;
	struct blob tar = { xmalloc(cap), 0 }, gz = { xmalloc(cap), 0 };
	unsigned char *data = xmalloc(8 * MIB);
	uint64_t x = 88172645463325252ull;
	for (size_t k = 0; k < 8 * MIB; k++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		data[k] = (unsigned char)x;
	}
	for (int z = 0; z < 2; z++) {       /* the tar, and the same through gzip (zlib's) */
		struct archive *a = archive_write_new();
		archive_write_set_format_ustar(a);
		if (z)
			archive_write_add_filter_gzip(a);
		archive_write_set_bytes_in_last_block(a, 1);
		archive_write_open_memory(a, z ? gz.p : tar.p, cap, &used);
		test_tar_add(a, "big.bin", data, 8 * MIB);
		test_tar_add(a, "after/.env", "A=1\n", 4);
		archive_write_close(a);
		archive_write_free(a);
		*(z ? &gz.n : &tar.n) = used;
	}
	CHECK(gz.n > 8 * MIB);
	struct mem_in m = { .b = &gz, .short_ok = true };
	struct layer_facts f;
	struct findings errs = { 0 };
	CHECK_INT(scan(&m, 4 * MIB, &f, &errs), -1);
	check_one_error(&errs, "layer L: entry \"big.bin\": declares 8388608 bytes at offset 0, "
	                "past the limit of 4194304 bytes uncompressed per layer (--max-layer-size); "
	                "the layer is not read further");
	CHECK(f.failed && f.entries == 1 && !kept(&f, "/after/.env"));
	CHECK(f.bytes <= MIB);
	CHECK(m.at <= MIB + 128 * 1024);
	layer_facts_free(&f);
	/* The whole tar fits a limit of 9 MiB; 1 MiB of zeros after its end does not. */
	memset(tar.p + tar.n, 0, MIB);
	tar.n += MIB;
	m = (struct mem_in){ .b = &tar };
	CHECK_INT(scan(&m, 9 * MIB, &f, &errs), -1);
	check_one_error(&errs, "layer L: unreadable: more than 9437184 bytes uncompressed (a "
	                "decompression bomb?)");
	CHECK(f.entries == 2 && kept(&f, "/after/.env"));
	layer_facts_free(&f);
	free(data);
	free(tar.p);
	free(gz.p);
}
