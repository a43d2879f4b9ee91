/* The audit trail: one JSON line per decision. Lines collect in a buffer under a mutex; a
 * writer thread of its own takes them to the file in batches (when 64 KiB are pending, else every
 * 100 ms) with fdatasync, so a request never waits on a write or a disk sync. */
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
	pthread_mutex_t mu;      /* guards pending and stop: held only to append or to take */
	pthread_cond_t wake;     /* a batch is full, or stop */
	bool stop;
	pthread_t writer;
	struct buf pending;
};

static void *writer_main(void *arg);

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
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&a->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&a->writer, NULL, writer_main, a) != 0) {
		fprintf(stderr, "bulwark: cannot start the audit log writer\n");
		pthread_cond_destroy(&a->wake);
		pthread_mutex_destroy(&a->mu);
		if (fd != STDERR_FILENO)
			close(fd);
		free(a);
		return NULL;
	}
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

/* Writes and syncs one batch taken from pending; only the writer thread calls it. */
static void flush_batch(struct audit_log *a, struct buf b)
{
	if (b.len > 0) {
		write_all(a->fd, b.s, b.len);
		if (a->sync)
			fdatasync(a->fd);
	}
	free(b.s);
}

static void *writer_main(void *arg)
{
	struct audit_log *a = arg;
	pthread_mutex_lock(&a->mu);
	for (;;) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += 100 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!a->stop && a->pending.len < AUDIT_BATCH &&
		       pthread_cond_timedwait(&a->wake, &a->mu, &until) == 0)
			;
		struct buf b = a->pending;
		bool stop = a->stop;
		a->pending = (struct buf){0};
		pthread_mutex_unlock(&a->mu);
		flush_batch(a, b);
		pthread_mutex_lock(&a->mu);
		if (stop && a->pending.len == 0)
			break;
	}
	pthread_mutex_unlock(&a->mu);
	return NULL;
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
	if (a->pending.len >= AUDIT_BATCH)
		pthread_cond_signal(&a->wake);
	pthread_mutex_unlock(&a->mu);
	free(line);
}

void audit_close(struct audit_log *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	a->stop = true;
	pthread_cond_signal(&a->wake);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->writer, NULL);   /* it writes what is pending before it ends */
	if (a->fd != STDERR_FILENO)
		close(a->fd);
	pthread_cond_destroy(&a->wake);
	pthread_mutex_destroy(&a->mu);
	free(a->pending.s);
	free(a);
}
