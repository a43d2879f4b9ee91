/* One pass over /proc: each process whose cgroup names a wanted container is read through a
 * descriptor of its own /proc/PID directory, so every file comes from that one process (a pid
 * reused meanwhile fails the reads, it does not mix two processes). One buffer serves every
 * file; the snapshot's strings go to its arena. */
#include "collect/watch_proc.h"
#include "collect/watch_scan.h"
#include "util/util.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* seq: a seq_file (the socket tables). The read that would return 0 makes the kernel walk the
 * table once more, and the TCP table is the host's whole hash (262144 buckets) whatever the
 * namespace holds, so the end is told from a short read instead: the kernel fills a read with
 * lines until the user's buffer is full, the next line does not fit its page-sized buffer, or
 * there are no more. A read shorter than the room and than a page less the longest table line
 * (under 200 bytes) can only be the last. */
enum { SEQ_LAST_READ = 4096 - 512 };
static ssize_t slurp(struct watch_scan *sc, int dfd, const char *name, size_t max, bool seq)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	size_t len = 0;
	for (;;) {
		if (len + 1 >= sc->cap && sc->cap < max + 1) {
			size_t cap = sc->cap * 2 > max + 1 ? max + 1 : sc->cap * 2;
			sc->buf = xrealloc(sc->buf, cap);
			sc->cap = cap;
		}
		size_t room = (sc->cap - 1 < max ? sc->cap - 1 : max) - len;
		if (!room)
			break;
		ssize_t got = read(fd, sc->buf + len, room);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (seq && (size_t)got < room && got <= SEQ_LAST_READ)
			break;
	}
	close(fd);
	sc->buf[len] = '\0';
	return (ssize_t)len;
}

ssize_t watch_slurp(struct watch_scan *sc, int dfd, const char *name, size_t max)
{
	return slurp(sc, dfd, name, max, false);
}

ssize_t watch_slurp_seq(struct watch_scan *sc, int dfd, const char *name, size_t max)
{
	return slurp(sc, dfd, name, max, true);
}

/* A link's target into buf (NUL-terminated); false when unreadable. */
static bool link_at(int dfd, const char *name, char *buf, size_t size)
{
	ssize_t k = readlinkat(dfd, name, buf, size - 1);
	if (k < 0)
		return false;
	buf[k] = '\0';
	return true;
}

static bool fd_denied(void) { return errno == EACCES || errno == EPERM; }

/* fd 0-2's kinds and the sockets p holds (as owners). false when the process is gone. */
static bool read_fds(struct watch_scan *sc, int dfd, struct watch_proc *p)
{
	int fd = openat(dfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 && fd_denied()) {
		p->fd[0] = p->fd[1] = p->fd[2] = WFD_UNREAD;
		return true;
	}
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	struct dirent *e;
	size_t n = 0;
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (++n > WATCH_MAX_FDS) {
			sc->s->truncated = true;
			break;
		}
		char link[PATH_MAX];
		int num = e->d_name[1] ? -1 : e->d_name[0] - '0';
		bool ok = link_at(dirfd(d), e->d_name, link, sizeof link);
		if (num >= 0 && num < 3)
			p->fd[num] = ok ? watch_fd_kind(link) : fd_denied() ? WFD_UNREAD : WFD_NONE;
		unsigned long ino = ok ? watch_link_inode(link, "socket:") : 0;
		if (!ino)
			continue;
		GROW(sc->own, sc->cap_own, sc->nown);
		sc->own[sc->nown++] = (struct watch_owner){ ino, p->pid };
	}
	closedir(d);
	return true;
}

/* The executable: its path, where it came from, and its file (followed through the link). */
static void read_exe(struct watch_scan *sc, int dfd, struct watch_proc *p)
{
	char link[PATH_MAX];
	struct stat st;
	if (!link_at(dfd, "exe", link, sizeof link))
		return;
	p->exe = arena_strndup(&sc->s->strings, link, strlen(link));
	p->flags = watch_exe_flags(link);
	if (fstatat(dfd, "exe", &st, 0) == 0) {
		p->exe_dev = (unsigned long long)st.st_dev;
		p->exe_ino = (unsigned long long)st.st_ino;
	}
}

/* The NUL-separated arguments, into the arena. */
static void read_cmdline(struct watch_scan *sc, int dfd, struct watch_proc *p)
{
	ssize_t len = watch_slurp(sc, dfd, "cmdline", WATCH_MAX_FILE);
	if (len <= 0)
		return;
	size_t n = (size_t)len;
	if (sc->buf[n - 1] == '\0')
		n--;                           /* the last argument's own terminator */
	char *all = arena_strndup(&sc->s->strings, sc->buf, n);
	size_t argc = 1;
	for (size_t i = 0; i < n; i++)
		argc += all[i] == '\0';
	p->argv = arena_alloc(&sc->s->strings, argc * sizeof *p->argv);
	p->argc = argc;
	char *a = all;
	for (size_t i = 0; i < argc; i++, a += strlen(a) + 1)
		p->argv[i] = a;
}

/* Read one process of a wanted container; false when it vanished or could not be read. */
static bool read_proc(struct watch_scan *sc, int dfd, struct watch_proc *p)
{
	if (watch_slurp(sc, dfd, "stat", WATCH_MAX_FILE) < 0 ||
	    !watch_parse_stat(sc->buf, &p->ppid, &p->start))
		return false;
	if (watch_slurp(sc, dfd, "status", WATCH_MAX_FILE) < 0 || !watch_parse_status(sc->buf, p))
		return false;
	size_t owned = sc->nown;
	if (!read_fds(sc, dfd, p))
		return false;
	/* Only a process holding a socket makes its namespace's tables worth reading: a listener,
	 * a packet socket or a connection is always held by some process, which reads them. */
	bool sockets = sc->nown > owned || p->fd[0] == WFD_UNREAD;
	read_exe(sc, dfd, p);
	read_cmdline(sc, dfd, p);
	char link[64];
	if (link_at(dfd, "ns/net", link, sizeof link))
		p->netns = watch_link_inode(link, "net:");
	if (p->netns && sockets)
		watch_netns_read(sc, dfd, p->netns);
	return true;
}

static void scan_pid(struct watch_scan *sc, int rootfd, const char *name, int pid)
{
	int dfd = openat(rootfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;                        /* gone since the listing */
	char id[WATCH_ID_LEN + 1];
	const char *cg;
	size_t cglen;
	if (watch_slurp(sc, dfd, "cgroup", WATCH_MAX_FILE) < 0 ||
	    !watch_parse_cgroup(sc->buf, sc->ids, sc->nids, id, &cg, &cglen)) {
		close(dfd);
		return;
	}
	struct watch_container *c = watch_container_at(sc, id, NULL);
	char *cgroup = c ? NULL : arena_strndup(&sc->s->strings, cg, cglen);
	struct watch_proc p = { .pid = pid };
	size_t owners = sc->nown;
	if (!read_proc(sc, dfd, &p)) {
		sc->s->skipped++;
		sc->nown = owners;
		close(dfd);
		return;
	}
	close(dfd);
	c = watch_container_at(sc, id, cgroup);
	GROW(c->procs, c->cap_procs, c->nprocs);
	c->procs[c->nprocs++] = p;
}

/* A /proc entry's pid; 0 for entries that are not processes. */
static int pid_of(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n && n <= 9 && !s[n] ? atoi(s) : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int watch_proc_scan(struct watch_snapshot *s, const char *proc_root, const char *const *ids,
                    size_t nids)
{
	int rootfd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -1;
	int lfd = dup(rootfd);
	DIR *d = lfd < 0 ? NULL : fdopendir(lfd);
	if (!d) {
		int e = errno;
		if (lfd >= 0)
			close(lfd);
		close(rootfd);
		errno = e;
		return -1;
	}
	struct watch_scan sc = { .s = s, .nids = nids, .cap = WATCH_MAX_FILE + 1 };
	sc.buf = xmalloc(sc.cap);
	if (ids) {
		sc.ids = xcalloc(nids + 1, sizeof *sc.ids);
		memcpy(sc.ids, ids, nids * sizeof *ids);
		qsort(sc.ids, nids, sizeof *sc.ids, cmp_str);
	}
	struct dirent *e;
	size_t seen = 0;
	while ((e = readdir(d))) {
		int pid = pid_of(e->d_name);
		if (!pid)
			continue;
		if (++seen > WATCH_MAX_PROCS) {
			s->truncated = true;
			break;
		}
		scan_pid(&sc, rootfd, e->d_name, pid);
	}
	closedir(d);
	close(rootfd);
	watch_scan_finish(&sc);
	return 0;
}
