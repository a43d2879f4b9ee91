/* The audit trail: one JSON line per decision. Lines collect in a buffer under a mutex and reach
 * the file in batches (64 KiB or every 100 ms) with fdatasync, so requests never wait on a disk
 * sync one by one. */
#include "authz/server.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define AUDIT_BATCH (64 * 1024)

struct audit_log {
	int fd;
	bool sync;               /* a regular file: fdatasync after each batch */
	pthread_mutex_t mu;      /* guards pending: held only to append or to take the batch */
	pthread_mutex_t io;      /* orders batches on disk; requests never wait on it */
	struct buf pending;
};

struct audit_log *audit_open(const char *path)
{
	int fd = STDERR_FILENO;
	if (path) {
		fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0) {
			fprintf(stderr, "bulwark: cannot open audit log %s: %s\n", path, strerror(errno));
			return NULL;
		}
	}
	struct audit_log *a = xcalloc(1, sizeof *a);
	a->fd = fd;
	a->sync = path != NULL;
	pthread_mutex_init(&a->mu, NULL);
	pthread_mutex_init(&a->io, NULL);
	return a;
}

static void write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;   /* a full disk must not stop enforcement; the line is lost */
		s += w;
		n -= (size_t)w;
	}
}

/* Takes the batch under mu, writes and syncs it under io only. Called with io held. */
static void flush_batch(struct audit_log *a)
{
	pthread_mutex_lock(&a->mu);
	struct buf b = a->pending;
	a->pending = (struct buf){0};
	pthread_mutex_unlock(&a->mu);
	if (b.len == 0) {
		free(b.s);
		return;
	}
	write_all(a->fd, b.s, b.len);
	if (a->sync)
		fdatasync(a->fd);
	free(b.s);
}

void audit_write(struct audit_log *a, const struct authz_decision *d)
{
	char now[32];
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t k = strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(now + k, sizeof now - k, ".%03ldZ", ts.tv_nsec / 1000000);
	json_t *j = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s, s:s?, s:s?}", "time", now,
	                      "user", d->user, "role", d->role, "action", d->action, "target",
	                      d->target, "decision", d->allow ? "allow" : "deny", "rule", d->rule,
	                      "msg", d->msg);
	char *line = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	if (!line)
		return;
	pthread_mutex_lock(&a->mu);
	buf_adds(&a->pending, line);
	buf_addc(&a->pending, '\n');
	bool full = a->pending.len >= AUDIT_BATCH;
	pthread_mutex_unlock(&a->mu);
	free(line);
	/* A full batch goes out now unless another thread is already writing one. */
	if (full && pthread_mutex_trylock(&a->io) == 0) {
		flush_batch(a);
		pthread_mutex_unlock(&a->io);
	}
}

void audit_flush(struct audit_log *a)
{
	pthread_mutex_lock(&a->io);
	flush_batch(a);
	pthread_mutex_unlock(&a->io);
}

void audit_close(struct audit_log *a)
{
	if (!a)
		return;
	audit_flush(a);
	if (a->fd != STDERR_FILENO)
		close(a->fd);
	pthread_mutex_destroy(&a->mu);
	pthread_mutex_destroy(&a->io);
	free(a->pending.s);
	free(a);
}
