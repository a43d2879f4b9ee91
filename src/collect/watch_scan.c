/* The scan's bookkeeping: containers in id order, socket tables once per network namespace,
 * and at the end each socket given to the process holding it. */
#include "collect/watch_scan.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

struct watch_container *watch_container_at(struct watch_scan *sc, const char *id, char *cgroup)
{
	struct watch_snapshot *s = sc->s;
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->v[mid].id, id);
		if (!c)
			return &s->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!cgroup)
		return NULL;
	GROW(s->v, s->cap, s->n);
	memmove(&s->v[lo + 1], &s->v[lo], (s->n - lo) * sizeof *s->v);
	s->n++;
	struct watch_container *c = &s->v[lo];
	memset(c, 0, sizeof *c);
	memcpy(c->id, id, WATCH_ID_LEN + 1);
	c->cgroup = cgroup;
	return c;
}

static struct watch_netns *netns_find(struct watch_scan *sc, unsigned long ino)
{
	for (size_t i = 0; i < sc->nns; i++)
		if (sc->ns[i].ino == ino)
			return &sc->ns[i];
	return NULL;
}

void watch_netns_read(struct watch_scan *sc, int dfd, unsigned long ino)
{
	static const char *const files[WP__COUNT] = { "net/tcp", "net/tcp6", "net/udp",
	                                              "net/udp6", "net/packet" };
	if (netns_find(sc, ino))
		return;
	GROW(sc->ns, sc->cap_ns, sc->nns);
	struct watch_netns *ns = &sc->ns[sc->nns++];
	memset(ns, 0, sizeof *ns);
	ns->ino = ino;
	int read = 0;
	for (int p = 0; p < WP__COUNT; p++)
		if (watch_slurp_seq(sc, dfd, files[p], WATCH_MAX_NET_FILE) >= 0) {
			watch_parse_net(&ns->socks, sc->buf, (enum watch_proto)p);
			read++;
		}
	sc->s->truncated |= ns->socks.truncated;
	if (!read)
		sc->nns--;      /* the process is gone: another in the namespace may tell */
}

static int cmp_owner(const void *a, const void *b)
{
	const struct watch_owner *x = a, *y = b;
	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_proc(const void *a, const void *b)
{
	const struct watch_proc *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The lowest pid holding socket inode (a parent before the children it handed it to); 0. */
static int owner_of(const struct watch_scan *sc, unsigned long inode)
{
	size_t lo = 0, hi = sc->nown;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (sc->own[mid].inode < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sc->nown && sc->own[lo].inode == inode ? sc->own[lo].pid : 0;
}

static void add_socks(const struct watch_scan *sc, struct watch_container *c,
                      const struct watch_netns *ns)
{
	for (size_t i = 0; i < ns->socks.n; i++) {
		GROW(c->socks, c->cap_socks, c->nsocks);
		struct watch_sock *k = &c->socks[c->nsocks++];
		*k = ns->socks.v[i];
		k->pid = k->inode ? owner_of(sc, k->inode) : 0;
	}
}

void watch_scan_finish(struct watch_scan *sc)
{
	unsigned long *done = NULL;
	size_t ndone = 0, cap_done = 0;
	if (sc->nown)   /* no socket held: own is NULL, which qsort may not be given */
		qsort(sc->own, sc->nown, sizeof *sc->own, cmp_owner);
	for (size_t i = 0; i < sc->s->n; i++) {
		struct watch_container *c = &sc->s->v[i];
		qsort(c->procs, c->nprocs, sizeof *c->procs, cmp_proc);
		/* each namespace once, in the order of the first process in it */
		ndone = 0;
		for (size_t j = 0; j < c->nprocs; j++) {
			unsigned long ino = c->procs[j].netns;
			bool seen = !ino;
			for (size_t k = 0; k < ndone && !seen; k++)
				seen = done[k] == ino;
			const struct watch_netns *ns = seen ? NULL : netns_find(sc, ino);
			if (seen)
				continue;
			GROW(done, cap_done, ndone);
			done[ndone++] = ino;
			if (ns)
				add_socks(sc, c, ns);
		}
	}
	free(done);
	for (size_t i = 0; i < sc->nns; i++)
		free(sc->ns[i].socks.v);
	free(sc->ns);
	free(sc->own);
	free(sc->ids);
	free(sc->buf);
}
