/* A scan over one byte stream. vectorscan reports where a candidate ends; the candidate waits
 * until the bytes its check needs have arrived, is checked on a copy taken from the window of
 * recent bytes, and a confirmed secret is held until no later candidate can overlap it. */
#include "secret/secret_int.h"
#include "util/util.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define WIN (64 * 1024)     /* bytes kept from earlier chunks; > any check's back + ahead */

struct cand { uint32_t kind; uint64_t end; };
struct held { const struct kdef *d; uint64_t off, end; int line; char *text; size_t len; };

struct secret_stream {
	const struct secret_db *db;
	hs_stream_t *hs;
	secret_cb cb;
	void *ctx;
	uint64_t off;                 /* bytes fed so far */
	uint8_t *win; size_t wstart, wlen;   /* the last wlen bytes before the current chunk */
	const uint8_t *chunk; size_t clen;
	struct cand *c; size_t nc, capc;
	struct held *h; size_t nh, caph;
	uint64_t lc_off; int lc_line; /* line of the byte at lc_off */
	uint8_t *tmp; size_t tmpcap;
	unsigned comments;            /* SECRET_COMMENT_* markers of the file's type */
	bool closing;
};

/* One scratch per thread: a stream is only ever scanned by the thread feeding it. */
static pthread_key_t scratch_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static void free_scratch(void *p) { hs_free_scratch(p); }
static void make_key(void) { pthread_key_create(&scratch_key, free_scratch); }

static hs_scratch_t *thread_scratch(const struct secret_db *db)
{
	pthread_once(&key_once, make_key);
	hs_scratch_t *s = pthread_getspecific(scratch_key);
	if (!s) {
		if (hs_clone_scratch(db->proto, &s) != HS_SUCCESS)
			abort();
		pthread_setspecific(scratch_key, s);
	}
	return s;
}

static size_t count_nl(const uint8_t *p, size_t n)
{
	size_t c = 0, i = 0;
#ifdef __SSE2__
	/* Byte counters (cmpeq gives -1 per newline), summed every 255 blocks before they wrap. */
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	while (i + 16 <= n) {
		__m128i acc = zero;
		for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + i)), nl));
		__m128i sums = _mm_sad_epu8(acc, zero);
		c += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
	}
#endif
	for (; i < n; i++)
		c += p[i] == '\n';
	return c;
}

static uint64_t avail_start(const struct secret_stream *s) { return s->off - s->clen - s->wlen; }

/* Newlines in stream bytes [from, to), all inside the window and the chunk. */
static size_t count_range(const struct secret_stream *s, uint64_t from, uint64_t to)
{
	uint64_t cstart = s->off - s->clen, a = avail_start(s);
	size_t c = 0;
	if (from < cstart) {
		uint64_t e = to < cstart ? to : cstart;
		c += count_nl(s->win + s->wstart + (from - a), (size_t)(e - from));
		from = e;
	}
	if (from < to)
		c += count_nl(s->chunk + (from - cstart), (size_t)(to - from));
	return c;
}

static int line_at(struct secret_stream *s, uint64_t o)
{
	if (o >= s->lc_off)
		s->lc_line += (int)count_range(s, s->lc_off, o);
	else
		s->lc_line -= (int)count_range(s, o, s->lc_off);
	s->lc_off = o;
	return s->lc_line;
}

static void copy_range(const struct secret_stream *s, uint64_t from, uint64_t to, uint8_t *dst)
{
	uint64_t cstart = s->off - s->clen, a = avail_start(s);
	if (from < cstart) {
		uint64_t e = to < cstart ? to : cstart;
		memcpy(dst, s->win + s->wstart + (from - a), (size_t)(e - from));
		dst += e - from;
		from = e;
	}
	if (from < to)
		memcpy(dst, s->chunk + (from - cstart), (size_t)(to - from));
}

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                    void *ctx)
{
	struct secret_stream *s = ctx;
	(void)from, (void)flags;
	GROW(s->c, s->capc, s->nc);
	s->c[s->nc++] = (struct cand){ id, to };
	return 0;
}

/* Which of two overlapping matches stays: the more specific kind, then the longer. */
static bool beats(const struct kdef *a, size_t alen, const struct kdef *b, size_t blen)
{
	if (a->prio != b->prio)
		return a->prio > b->prio;
	if (alen != blen)
		return alen > blen;
	return a < b;
}

static void hold(struct secret_stream *s, const struct kdef *d, uint64_t off, const uint8_t *t,
                 size_t n)
{
	uint64_t end = off + n;
	size_t k = 0;
	for (size_t i = 0; i < s->nh; i++) {
		struct held *h = &s->h[i];
		bool overlap = h->off < end && off < h->end;
		if (overlap && !beats(d, n, h->d, h->len))
			return;
	}
	for (size_t i = 0; i < s->nh; i++) {
		struct held *h = &s->h[i];
		if (h->off < end && off < h->end)
			free(h->text);
		else
			s->h[k++] = *h;
	}
	s->nh = k;
	GROW(s->h, s->caph, s->nh);
	size_t at = s->nh;
	while (at > 0 && s->h[at - 1].off > off)
		at--;
	memmove(s->h + at + 1, s->h + at, (s->nh - at) * sizeof *s->h);
	char *copy = xmalloc(n + 1);
	memcpy(copy, t, n);
	copy[n] = '\0';
	s->h[at] = (struct held){ d, off, end, line_at(s, off), copy, n };
	s->nh++;
}

static uint8_t byte_at(const struct secret_stream *s, uint64_t o)
{
	uint64_t cstart = s->off - s->clen;
	return o < cstart ? s->win[s->wstart + (o - avail_start(s))] : s->chunk[o - cstart];
}

/* The line of stream byte o starts, after blanks, with one of the stream's comment markers (no
 * when its start has left the window). */
static bool commented(const struct secret_stream *s, uint64_t o)
{
	uint64_t a = avail_start(s), ls = o;
	uint8_t c;
	while (ls > a && byte_at(s, ls - 1) != '\n')
		ls--;
	if (ls == a && a > 0)
		return false;
	while (ls < o && ((c = byte_at(s, ls)) == ' ' || c == '\t'))
		ls++;
	if (ls >= o)
		return false;
	c = byte_at(s, ls);
	return ((s->comments & SECRET_COMMENT_HASH) && c == '#')
	       || ((s->comments & SECRET_COMMENT_SEMI) && c == ';')
	       || ((s->comments & SECRET_COMMENT_SLASHES) && c == '/' && ls + 1 < o
	           && byte_at(s, ls + 1) == '/');
}

void vconfirm(struct vctx *v, const struct kdef *d, size_t s, size_t n)
{
	const uint8_t *t = v->t + s;
	if (n == 0 || is_decoy(t, n) || is_template(t, n))
		return;
	if (v->st->comments && !strncmp(d->k.id, "generic-", 8) && comment_placeholder(t, n)
	    && commented(v->st, v->base + s))
		return;
	hold(v->st, d, v->base + s, t, n);
}

static void check(struct secret_stream *s, const struct kdef *d, uint64_t end)
{
	uint64_t a = avail_start(s);
	uint64_t from = end > a + d->back ? end - d->back : a;
	uint64_t to = end + d->ahead < s->off ? end + d->ahead : s->off;
	size_t n = (size_t)(to - from);
	if (n > s->tmpcap) {
		s->tmp = xrealloc(s->tmp, n);
		s->tmpcap = n;
	}
	copy_range(s, from, to, s->tmp);
	struct vctx v = { s, d, s->tmp, n, (size_t)(end - from), from, from == 0,
	                  s->closing && to == s->off };
	if (d->check)
		d->check(&v);
	else if (d->fam == F_SHAPE)
		check_shape(&v);
	else
		check_value(&v);
}

static void emit(struct secret_stream *s, uint64_t safe)
{
	size_t i = 0;
	for (; i < s->nh && (s->closing || s->h[i].end + g_margin <= safe); i++) {
		struct held *h = &s->h[i];
		struct secret_match m = { &h->d->k, h->off, h->line, h->text, h->len };
		s->cb(s->ctx, &m);
		free(h->text);
	}
	if (i) {
		memmove(s->h, s->h + i, (s->nh - i) * sizeof *s->h);
		s->nh -= i;
	}
}

static void process(struct secret_stream *s)
{
	size_t keep = 0;
	uint64_t safe = s->off;
	for (size_t i = 0; i < s->nc; i++) {
		struct cand c = s->c[i];
		const struct kdef *d = &g_kdefs[c.kind];
		if (!s->closing && c.end + d->ahead > s->off) {
			s->c[keep++] = c;
			if (c.end < safe)
				safe = c.end;
			continue;
		}
		check(s, d, c.end);
	}
	s->nc = keep;
	emit(s, safe);
}

static void slide(struct secret_stream *s, const uint8_t *buf, size_t n)
{
	if (n >= WIN) {
		memcpy(s->win, buf + n - WIN, WIN);
		s->wstart = 0;
		s->wlen = WIN;
		return;
	}
	if (s->wstart + s->wlen + n > 2 * WIN) {
		memmove(s->win, s->win + s->wstart, s->wlen);
		s->wstart = 0;
	}
	memcpy(s->win + s->wstart + s->wlen, buf, n);
	s->wlen += n;
	if (s->wlen > WIN) {
		s->wstart += s->wlen - WIN;
		s->wlen = WIN;
	}
}

/* Texts are often small (an environment variable, one Dockerfile instruction): a closed stream
 * is kept per thread, its vectorscan stream reset and its buffers (the window is large enough to
 * be an mmap of its own) ready, so the next open allocates nothing. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void stream_free(struct secret_stream *s)
{
	free(s->c);
	free(s->h);
	free(s->tmp);
	free(s->win);
	free(s);
}

static void free_spare(void *p)
{
	struct secret_stream *s = p;
	hs_close_stream(s->hs, NULL, NULL, NULL);
	stream_free(s);
}

static void make_spare_key(void) { pthread_key_create(&spare_key, free_spare); }

static struct secret_stream *take_spare(const struct secret_db *db)
{
	pthread_once(&spare_once, make_spare_key);
	struct secret_stream *s = pthread_getspecific(spare_key);
	if (!s)
		return NULL;
	pthread_setspecific(spare_key, NULL);
	if (s->db == db)
		return s;
	free_spare(s);
	return NULL;
}

struct secret_stream *secret_stream_open(const struct secret_db *db, secret_cb cb, void *ctx)
{
	struct secret_stream *s = take_spare(db);
	if (!s) {
		s = xcalloc(1, sizeof *s);
		s->db = db;
		s->win = xmalloc(2 * WIN);
		if (hs_open_stream(db->hs, 0, &s->hs) != HS_SUCCESS)
			abort();
	}
	s->cb = cb;
	s->ctx = ctx;
	s->lc_line = 1;
	return s;
}

void secret_stream_set_comments(struct secret_stream *s, unsigned markers)
{
	s->comments = markers;
}

void secret_stream_feed(struct secret_stream *s, const void *buf, size_t n)
{
	if (n == 0)
		return;
	s->chunk = buf;
	s->clen = n;
	s->off += n;
	hs_scan_stream(s->hs, buf, (unsigned)n, 0, thread_scratch(s->db), on_match, s);
	process(s);
	line_at(s, s->off);
	slide(s, buf, n);
	s->chunk = NULL;
	s->clen = 0;
}

/* Back to the state secret_stream_open leaves, keeping the memory. */
static void recycle(struct secret_stream *s)
{
	s->cb = NULL;
	s->ctx = NULL;
	s->off = 0;
	s->wstart = s->wlen = 0;
	s->nc = s->nh = 0;
	s->lc_off = 0;
	s->comments = 0;
	s->closing = false;
	pthread_setspecific(spare_key, s);
}

void secret_stream_close(struct secret_stream *s)
{
	s->closing = true;
	/* Reports what the end of the data completes, like hs_close_stream, and keeps the stream. */
	hs_reset_stream(s->hs, 0, thread_scratch(s->db), on_match, s);
	process(s);
	if (pthread_getspecific(spare_key))
		free_spare(s);
	else
		recycle(s);
}

void secret_scan(const struct secret_db *db, const void *buf, size_t n, secret_cb cb, void *ctx)
{
	struct secret_stream *s = secret_stream_open(db, cb, ctx);
	/* vectorscan takes an unsigned length: feed a huge buffer in pieces. */
	for (size_t done = 0; done < n;) {
		size_t k = n - done > (1u << 30) ? (1u << 30) : n - done;
		secret_stream_feed(s, (const uint8_t *)buf + done, k);
		done += k;
	}
	secret_stream_close(s);
}

char *secret_evidence(const struct secret_match *m)
{
	char *t = xstrndup(m->text, m->len);
	char *r = redact(t);
	free(t);
	return r;
}
