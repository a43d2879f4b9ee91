/* The import's threads: one reader, parse workers, and the caller inserting in input order.
 * A ring of jobs bounded in count and in bytes keeps memory bounded whatever the input. */
#include "collect/vulndb_int.h"
#include "util/util.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RING 1024
#define MAX_BYTES (64u << 20)   /* record bytes read but not yet inserted */
#define MAX_WORKERS 8
#define SLOT_KEEP (16u << 10)   /* a slot keeps its bytes for the next record up to this */

enum { J_EMPTY, J_READY, J_TAKEN, J_PARSED };

/* One lock; each party waits on its own condition: workers for records to parse, the caller
 * for the next record in order, the reader for room. */
struct osv_pipe {
	pthread_mutex_t mu;
	pthread_cond_t work, done, room;
	struct osv_job ring[RING];
	/* Each slot's memory, kept from record to record: its bytes, path and name (a buffer that
	 * changes hands with the reader's), and its parsed record's fields. Allocated on one thread
	 * and freed on another per record, they were a tenth of the import's time in malloc and
	 * free. */
	struct buf bytes_of[RING];
	struct osv_mem mem[RING];
	uint64_t head, parse, tail;   /* next to fill, to parse, to hand out */
	size_t bytes;
	bool reading_done, read_failed, stop;
	char read_err[1024];
	const char *const *inputs; size_t ninputs;
	pthread_t reader, workers[MAX_WORKERS];
	int nworkers;
};

bool osv_pipe_submit(struct osv_pipe *p, struct buf *data, const char *path, const char *name,
                     bool strict, const char *why)
{
	size_t n = data ? data->len : 0;
	pthread_mutex_lock(&p->mu);
	while (!p->stop && (p->head - p->tail >= RING || (p->bytes > MAX_BYTES && p->head > p->tail)))
		pthread_cond_wait(&p->room, &p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		return false;
	}
	struct osv_job *j = &p->ring[p->head % RING];
	struct buf *b = &p->bytes_of[p->head % RING];
	memset(j, 0, sizeof *j);
	if (data) {   /* the bytes change hands; the reader reads the next record into the room */
		struct buf t = *b;
		*b = *data, *data = t;
		data->len = 0;
	}
	b->len = n;
	size_t np = strlen(path) + 1, nn = name ? strlen(name) + 1 : 0;
	buf_reserve(b, np + nn);
	memcpy(b->s + n, path, np);
	if (name)
		memcpy(b->s + n + np, name, nn);
	j->buf = b->s, j->n = n, j->strict = strict, j->mem = &p->mem[p->head % RING];
	j->path = b->s + n, j->name = name ? b->s + n + np : NULL;
	if (why)
		snprintf(j->why, sizeof j->why, "%s", why);
	j->state = J_READY;
	p->head++;
	p->bytes += n;
	pthread_cond_signal(&p->work);
	if (why)   /* no parsing to wait for */
		pthread_cond_signal(&p->done);
	pthread_mutex_unlock(&p->mu);
	return true;
}

static void *reader(void *arg)
{
	struct osv_pipe *p = arg;
	char err[1024];
	bool ok = osv_read_inputs(p, p->inputs, p->ninputs, err, sizeof err);
	pthread_mutex_lock(&p->mu);
	p->reading_done = true;
	if (!ok && !p->stop) {
		p->read_failed = true;
		snprintf(p->read_err, sizeof p->read_err, "%s", err);
	}
	pthread_cond_broadcast(&p->work);
	pthread_cond_signal(&p->done);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void parse(struct osv_job *j)
{
	if (j->why[0])
		j->ok = false;
	else
		j->ok = osv_parse_in(j->buf, j->n, &j->doc, j->mem, j->why, sizeof j->why);
}

static void *worker(void *arg)
{
	struct osv_pipe *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->parse == p->head && !p->reading_done)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop || p->parse == p->head)
			break;
		struct osv_job *j = &p->ring[p->parse++ % RING];
		j->state = J_TAKEN;
		pthread_mutex_unlock(&p->mu);
		parse(j);
		pthread_mutex_lock(&p->mu);
		j->state = J_PARSED;
		if (j == &p->ring[p->tail % RING])
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	osv_parse_release();
	return NULL;
}

struct osv_pipe *osv_pipe_start(const char *const *inputs, size_t n)
{
	struct osv_pipe *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	pthread_cond_init(&p->room, NULL);
	p->inputs = inputs, p->ninputs = n;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	p->nworkers = cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS : (int)cpus;
	pthread_create(&p->reader, NULL, reader, p);
	for (int i = 0; i < p->nworkers; i++)
		pthread_create(&p->workers[i], NULL, worker, p);
	return p;
}

struct osv_job *osv_pipe_next(struct osv_pipe *p)
{
	struct osv_job *j = NULL;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (p->read_failed || (p->tail == p->head && p->reading_done))
			break;
		if (p->tail < p->head && p->ring[p->tail % RING].state == J_PARSED) {
			j = &p->ring[p->tail % RING];
			break;
		}
		pthread_cond_wait(&p->done, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return j;
}

static void job_free(struct osv_pipe *p, struct osv_job *j)
{
	struct buf *b = &p->bytes_of[j - p->ring];
	osv_doc_clear(&j->doc);
	osv_mem_reset(j->mem);
	if (b->cap > SLOT_KEEP)
		free(b->s), memset(b, 0, sizeof *b);
	j->buf = j->path = j->name = NULL;
	j->state = J_EMPTY;
}

void osv_pipe_done(struct osv_pipe *p, struct osv_job *j)
{
	size_t n = j->n;
	job_free(p, j);
	pthread_mutex_lock(&p->mu);
	p->tail++;
	p->bytes -= n;
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->mu);
}

bool osv_pipe_finish(struct osv_pipe *p, char *err, size_t errlen)
{
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->reader, NULL);
	for (int i = 0; i < p->nworkers; i++)
		pthread_join(p->workers[i], NULL);
	for (uint64_t s = p->tail; s < p->head; s++)
		job_free(p, &p->ring[s % RING]);
	for (size_t i = 0; i < RING; i++)
		free(p->bytes_of[i].s), osv_mem_free(&p->mem[i]);
	bool ok = !p->read_failed;
	if (!ok)
		snprintf(err, errlen, "%s", p->read_err);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->room);
	free(p);
	return ok;
}
