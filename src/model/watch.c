#include "model/watch.h"
#include <stdlib.h>
#include <string.h>

void watch_snapshot_init(struct watch_snapshot *s)
{
	memset(s, 0, sizeof *s);
	arena_init(&s->strings, 16 << 10);
}

void watch_snapshot_free(struct watch_snapshot *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].procs);
		free(s->v[i].socks);
	}
	free(s->v);
	arena_free(&s->strings);
	memset(s, 0, sizeof *s);
}

const struct watch_container *watch_container_find(const struct watch_snapshot *s,
                                                   const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].id, id))
			return &s->v[i];
	return NULL;
}

const struct watch_proc *watch_proc_find(const struct watch_container *c, int pid,
                                         unsigned long long start)
{
	for (size_t i = 0; c && i < c->nprocs; i++)
		if (c->procs[i].pid == pid && c->procs[i].start == start)
			return &c->procs[i];
	return NULL;
}

const char *watch_proto_name(enum watch_proto p)
{
	static const char *const names[WP__COUNT] = { "tcp", "tcp6", "udp", "udp6", "packet" };
	return (unsigned)p < WP__COUNT ? names[p] : "?";
}

const char *watch_sock_kind_name(enum watch_sock_kind k)
{
	static const char *const names[] = { "listen", "established", "packet" };
	return (unsigned)k < 3 ? names[k] : "?";
}

const char *watch_fd_name(enum watch_fd k)
{
	static const char *const names[] = { "none", "tty", "socket", "pipe", "file", "unread" };
	return (unsigned)k <= WFD_UNREAD ? names[k] : "?";
}
