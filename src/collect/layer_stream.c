/* A layer's uncompressed bytes, decompressed by a reader thread into a ring of fixed buffers
 * while the caller walks the tar: inflating is most of the work, so the two run on two cores.
 * The queue is bounded (SLOTS x SLOT_SIZE), so memory does not grow with the layer. */
#include "collect/layer_int.h"
#include "util/util.h"
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define SLOT_SIZE (1u << 20)
#define SLOTS     4u

struct slot { unsigned char *buf; size_t n; };

struct layer_stream {
	struct decomp *d;              /* the reader's; the caller's only after the join */
	struct slot slots[SLOTS];
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	uint64_t produced, consumed, released;   /* slots, counted from the start */
	int end;                       /* set by the reader: 1 end of input, -1 error */
	atomic_bool stop;              /* set by the caller: read no further */
	bool threaded, holding;        /* holding: the caller reads slot consumed-1 */
	pthread_t thread;
	char rerr[300];                /* the reader's error, with end == -1 */
	char err[300];                 /* the same, once the caller has reached it */
	uint64_t total;
	EVP_MD_CTX *plain;
};

/* Fills one slot; its byte count, and *end when the input ended or failed. */
static size_t fill(struct layer_stream *s, struct slot *sl, int *end)
{
	size_t n = 0;
	while (n < SLOT_SIZE && !atomic_load_explicit(&s->stop, memory_order_relaxed)) {
		ssize_t r = decomp_fill(s->d, sl->buf + n, SLOT_SIZE - n);
		if (r <= 0) {
			*end = r < 0 ? -1 : 1;
			break;
		}
		n += (size_t)r;
	}
	return n;
}

static void *reader(void *arg)
{
	struct layer_stream *s = arg;
	for (;;) {
		pthread_mutex_lock(&s->mu);
		while (s->produced - s->released == SLOTS && !s->stop)
			pthread_cond_wait(&s->freed, &s->mu);
		bool stop = s->stop;
		pthread_mutex_unlock(&s->mu);
		if (stop)
			return NULL;
		struct slot *sl = &s->slots[s->produced % SLOTS];
		int end = 0;
		/* The slot is the reader's alone until produced counts it. */
		sl->n = fill(s, sl, &end);
		pthread_mutex_lock(&s->mu);
		if (sl->n)
			s->produced++;
		if (end < 0)
			snprintf(s->rerr, sizeof s->rerr, "%s", decomp_error(s->d));
		s->end = end;
		pthread_cond_signal(&s->filled);
		pthread_mutex_unlock(&s->mu);
		if (end)
			return NULL;
	}
}

struct layer_stream *layer_stream_open(struct layer_input *in, uint64_t max_bytes,
                                       bool want_raw)
{
	struct layer_stream *s = xcalloc(1, sizeof *s);
	s->d = decomp_new(in, max_bytes, want_raw);
	s->plain = EVP_MD_CTX_new();
	if (!s->plain)
		abort();
	EVP_DigestInit_ex(s->plain, EVP_sha256(), NULL);
	for (unsigned i = 0; i < SLOTS; i++)
		s->slots[i].buf = xmalloc(SLOT_SIZE);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->filled, NULL);
	pthread_cond_init(&s->freed, NULL);
	/* Without a thread the caller fills the slots itself: slower, the same bytes. */
	s->threaded = pthread_create(&s->thread, NULL, reader, s) == 0;
	return s;
}

/* Without the thread: one slot, filled on demand. */
static ssize_t read_inline(struct layer_stream *s, const void **p)
{
	struct slot *sl = &s->slots[0];
	sl->n = 0;
	if (!s->end) {
		sl->n = fill(s, sl, &s->end);
		if (s->end < 0)
			snprintf(s->rerr, sizeof s->rerr, "%s", decomp_error(s->d));
	}
	if (sl->n) {
		*p = sl->buf;
		return (ssize_t)sl->n;
	}
	if (s->end < 0)
		snprintf(s->err, sizeof s->err, "%s", s->rerr);
	return s->end < 0 ? -1 : 0;
}

ssize_t layer_stream_read(struct layer_stream *s, const void **p)
{
	if (s->err[0])
		return -1;
	ssize_t n;
	if (!s->threaded) {
		if ((n = read_inline(s, p)) <= 0)
			return n;
	} else {
		pthread_mutex_lock(&s->mu);
		if (s->holding) {
			s->released++;
			s->holding = false;
			pthread_cond_signal(&s->freed);
		}
		while (s->consumed == s->produced && !s->end)
			pthread_cond_wait(&s->filled, &s->mu);
		if (s->consumed == s->produced) {
			/* Every byte before the end or the error has been read. */
			n = s->end < 0 ? -1 : 0;
			if (n < 0)
				snprintf(s->err, sizeof s->err, "%s", s->rerr);
			pthread_mutex_unlock(&s->mu);
			return n;
		}
		struct slot *sl = &s->slots[s->consumed++ % SLOTS];
		s->holding = true;
		pthread_mutex_unlock(&s->mu);
		*p = sl->buf;
		n = (ssize_t)sl->n;
	}
	s->total += (uint64_t)n;
	EVP_DigestUpdate(s->plain, *p, (size_t)n);
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
	if (s->threaded) {
		pthread_mutex_lock(&s->mu);
		atomic_store(&s->stop, true);
		pthread_cond_signal(&s->freed);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
	}
	*digest = layer_sha256_hex(s->plain);
	*raw_digest = decomp_is_plain(s->d) ? xstrdup(*digest) : decomp_raw_digest(s->d);
	decomp_free(s->d);
	EVP_MD_CTX_free(s->plain);
	for (unsigned i = 0; i < SLOTS; i++)
		free(s->slots[i].buf);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->filled);
	pthread_cond_destroy(&s->freed);
	free(s);
}
