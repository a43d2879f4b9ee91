/* A layer's uncompressed bytes in three stages on their own threads: a fetch thread reads the
 * stored bytes (and hashes them) into one ring, an inflate thread decompresses from it into
 * another, and the caller walks the tar from that. Inflating is most of the work: it gets a core
 * to itself, the fetching and the walk share the other. Both rings are bounded (4 and 16 MiB), so
 * memory does not grow with the layer; the second is the larger so that inflating goes on while
 * the walk waits for its core on a busy machine. A layer's first MiB is read without threads:
 * most layers are small, and over before two threads would have been started. */
#include "collect/layer_int.h"
#include "util/crypto_api.h"
#include "util/digest.h"
#include "util/util.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define SLOT_SIZE    (1u << 20)
#define STORED_SLOTS 4u
#define PLAIN_SLOTS  16u
#define INLINE_BYTES (1u << 20)

struct layer_stream {
	struct layer_input *in;        /* the fetch thread's while it runs */
	struct layer_input src;        /* decomp's input: the fetch ring, or next_stored inline */
	struct decomp *d;              /* the inflate thread's while it runs */
	struct ring stored, plain;
	pthread_t fetcher, inflater;
	bool fetching, inflating;      /* the threads run (else their work is done inline) */
	bool inflate_tried, fetch_tried;   /* inflate_tried: decomp left the caller's thread */
	bool want_raw;
	EVP_MD_CTX *raw, *sum;         /* the stored bytes (fetch), the uncompressed ones (caller) */
	int end;                       /* inline inflating: 1 end of input, -1 error */
	uint64_t total;
	char err[300];                 /* once the caller has reached the error */
};

/* The next stored block, hashed unless it is a plain tar (whose digest is the caller's). */
static ssize_t next_stored(struct layer_stream *s, const void **p)
{
	ssize_t n = s->in->next(s->in, p);
	if (n > 0 && s->want_raw) {
		if (!s->raw && decomp_maybe_compressed(*p, (size_t)n)) {
			s->raw = EVP_MD_CTX_new();
			if (!s->raw)
				abort();
			EVP_DigestInit_ex(s->raw, EVP_sha256(), NULL);
		}
		s->want_raw = s->raw != NULL;
		if (s->raw)
			EVP_DigestUpdate(s->raw, *p, (size_t)n);
	}
	return n;
}

static void *fetch_stage(void *arg)
{
	struct layer_stream *s = arg;
	const void *p = NULL;
	size_t left = 0;
	unsigned char *buf;
	while ((buf = ring_claim(&s->stored))) {
		size_t n = 0;
		ssize_t r = 1;
		while (n < SLOT_SIZE && !ring_stopped(&s->stored)) {
			if (!left && (r = next_stored(s, &p)) <= 0)
				break;
			if (!left)
				left = (size_t)r;
			size_t k = left < SLOT_SIZE - n ? left : SLOT_SIZE - n;
			memcpy(buf + n, p, k);
			p = (const char *)p + k;
			left -= k;
			n += k;
		}
		int end = r < 0 ? -1 : r == 0 ? 1 : 0;
		ring_push(&s->stored, n, end, s->in->err);
		if (end)
			break;
	}
	return NULL;
}

/* decomp asks for stored bytes only once it has used up the last ones: then the fetching can move
 * to its own thread, which the inflate thread starts on its first call. */
static ssize_t src_next(struct layer_input *in, const void **p)
{
	struct layer_stream *s = (struct layer_stream *)((char *)in - offsetof(struct layer_stream,
	                                                                       src));
	if (s->inflate_tried && !s->fetch_tried) {
		s->fetch_tried = true;
		s->fetching = pthread_create(&s->fetcher, NULL, fetch_stage, s) == 0;
	}
	if (!s->fetching) {
		ssize_t n = next_stored(s, p);
		if (n < 0)
			snprintf(in->err, sizeof in->err, "%s", s->in->err);
		return n;
	}
	return ring_take(&s->stored, p, in->err, sizeof in->err);
}

/* Fills buf with uncompressed bytes; its byte count, and *end when the input ended or failed. */
static size_t fill(struct layer_stream *s, unsigned char *buf, int *end)
{
	size_t n = 0;
	while (n < SLOT_SIZE && !ring_stopped(&s->plain)) {
		ssize_t r = decomp_fill(s->d, buf + n, SLOT_SIZE - n);
		if (r <= 0) {
			*end = r < 0 ? -1 : 1;
			break;
		}
		n += (size_t)r;
	}
	return n;
}

static void *inflate_stage(void *arg)
{
	struct layer_stream *s = arg;
	unsigned char *buf;
	while ((buf = ring_claim(&s->plain))) {
		int end = 0;
		size_t n = fill(s, buf, &end);
		ring_push(&s->plain, n, end, decomp_error(s->d));
		if (end)
			break;
	}
	return NULL;
}

struct layer_stream *layer_stream_open(struct layer_input *in, uint64_t max_bytes,
                                       bool want_raw)
{
	struct layer_stream *s = xcalloc(1, sizeof *s);
	s->in = in;
	s->want_raw = want_raw;
	s->sum = EVP_MD_CTX_new();
	if (!s->sum)
		abort();
	EVP_DigestInit_ex(s->sum, EVP_sha256(), NULL);
	ring_init(&s->stored, STORED_SLOTS, SLOT_SIZE);
	ring_init(&s->plain, PLAIN_SLOTS, SLOT_SIZE);
	s->src = (struct layer_input){ src_next, NULL, "" };
	s->d = decomp_new(&s->src, max_bytes);
	return s;
}

/* Without the inflate thread (the first MiB, or no thread to be had): the same bytes. */
static ssize_t read_inline(struct layer_stream *s, const void **p)
{
	if (!s->plain.buf[0])
		s->plain.buf[0] = xmalloc(SLOT_SIZE);
	unsigned char *buf = s->plain.buf[0];
	size_t n = s->end ? 0 : fill(s, buf, &s->end);
	*p = buf;
	if (n)
		return (ssize_t)n;
	if (s->end < 0)
		snprintf(s->err, sizeof s->err, "%s", decomp_error(s->d));
	return s->end < 0 ? -1 : 0;
}

ssize_t layer_stream_read(struct layer_stream *s, const void **p)
{
	if (s->err[0])
		return -1;
	if (!s->inflating && !s->end && s->total >= INLINE_BYTES && !s->inflate_tried) {
		/* The slot read inline so far is the caller's no longer: the ring may reuse it. */
		s->inflate_tried = true;
		s->inflating = pthread_create(&s->inflater, NULL, inflate_stage, s) == 0;
	}
	ssize_t n = s->inflating ? ring_take(&s->plain, p, s->err, sizeof s->err)
	                         : read_inline(s, p);
	if (n > 0) {
		s->total += (uint64_t)n;
		EVP_DigestUpdate(s->sum, *p, (size_t)n);
	}
	return n;
}

const char *layer_stream_error(const struct layer_stream *s)
{
	return s->err[0] ? s->err : NULL;
}

uint64_t layer_stream_total(const struct layer_stream *s)
{
	return s->total;
}

void layer_stream_close(struct layer_stream *s, char **digest, char **raw_digest)
{
	ring_stop(&s->plain);
	ring_stop(&s->stored);
	if (s->inflating)
		pthread_join(s->inflater, NULL);
	if (s->fetching)
		pthread_join(s->fetcher, NULL);
	*digest = sha256_digest_final(s->sum);
	*raw_digest = decomp_is_plain(s->d) ? xstrdup(*digest)
	            : s->raw ? sha256_digest_final(s->raw) : NULL;
	decomp_free(s->d);
	EVP_MD_CTX_free(s->sum);
	EVP_MD_CTX_free(s->raw);
	ring_free(&s->stored);
	ring_free(&s->plain);
	free(s);
}
