/* A bounded ring of fixed-size buffers from one producer thread to one consumer: the producer
 * fills the slot it claimed in place and publishes it; the consumer reads a slot in place until
 * its next take, which hands the slot back. Either side may stop the other. */
#include "collect/layer_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ring_init(struct ring *r, unsigned nslots, size_t slot_size)
{
	memset(r, 0, sizeof *r);
	r->nslots = nslots < RING_MAX ? nslots : RING_MAX;
	r->size = slot_size;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->freed, NULL);
}

void ring_free(struct ring *r)
{
	for (unsigned i = 0; i < RING_MAX; i++)
		free(r->buf[i]);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->filled);
	pthread_cond_destroy(&r->freed);
}

unsigned char *ring_claim(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->produced - r->released == r->nslots && !r->stop)
		pthread_cond_wait(&r->freed, &r->mu);
	bool stop = r->stop;
	pthread_mutex_unlock(&r->mu);
	if (stop)
		return NULL;
	/* The claimed slot is the producer's alone until ring_push counts it. Slots are allocated
	 * when first used: a small layer needs one. */
	unsigned i = r->produced % r->nslots;
	if (!r->buf[i])
		r->buf[i] = xmalloc(r->size);
	return r->buf[i];
}

void ring_push(struct ring *r, size_t n, int end, const char *err)
{
	pthread_mutex_lock(&r->mu);
	if (n) {
		r->len[r->produced % r->nslots] = n;
		r->produced++;
	}
	if (end < 0)
		snprintf(r->err, sizeof r->err, "%s", err ? err : "");
	r->end = end;
	pthread_cond_signal(&r->filled);
	pthread_mutex_unlock(&r->mu);
}

ssize_t ring_take(struct ring *r, const void **p, char *err, size_t errn)
{
	pthread_mutex_lock(&r->mu);
	if (r->holding) {
		r->released++;
		r->holding = false;
		pthread_cond_signal(&r->freed);
	}
	while (r->consumed == r->produced && !r->end && !r->stop)
		pthread_cond_wait(&r->filled, &r->mu);
	ssize_t n;
	if (r->consumed < r->produced && !r->stop) {
		unsigned i = r->consumed++ % r->nslots;
		r->holding = true;
		*p = r->buf[i];
		n = (ssize_t)r->len[i];
	} else if (r->end > 0 && !r->stop) {
		n = 0;                  /* every byte before the end was taken */
	} else {
		snprintf(err, errn, "%s", r->stop ? "stopped" : r->err);
		n = -1;
	}
	pthread_mutex_unlock(&r->mu);
	return n;
}

void ring_stop(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	atomic_store(&r->stop, true);
	pthread_cond_broadcast(&r->filled);
	pthread_cond_broadcast(&r->freed);
	pthread_mutex_unlock(&r->mu);
}

bool ring_stopped(struct ring *r)
{
	return atomic_load_explicit(&r->stop, memory_order_relaxed);
}
