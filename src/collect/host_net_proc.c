/* Which process holds each listening socket: every /proc/PID/fd/N that links to
 * "socket:[INODE]" names its socket by inode, the last column of the socket tables. */
#include "collect/host_net_int.h"
#include "util/util.h"
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *host_net_read(const struct hroot *r, const char *path, size_t *len)
{
	int fd = hfs_open(r, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	*len = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	char *b = xmalloc(NET_MAX_PROC_FILE + 1);
	ssize_t got;
	while (*len < NET_MAX_PROC_FILE &&
	       (got = read(fd, b + *len, NET_MAX_PROC_FILE - *len)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			close(fd);
			free(b);
			return NULL;
		}
		*len += (size_t)got;
	}
	close(fd);
	b[*len] = '\0';
	return b;
}

/* A /proc entry's pid, 0 for entries that are not processes. */
static int pid_of(const char *s)
{
	if (!*s || strlen(s) > 9)
		return 0;
	for (const char *c = s; *c; c++)
		if (!isdigit((unsigned char)*c))
			return 0;
	return atoi(s);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The inode of a "socket:[123]" link; 0 for anything else. */
static unsigned long socket_inode(const char *link)
{
	unsigned long ino = 0;
	char end = 0;
	if (link && sscanf(link, "socket:[%lu%c", &ino, &end) == 2 && end == ']')
		return ino;
	return 0;
}

static size_t unmapped(const struct host_net *n)
{
	size_t k = 0;
	for (size_t i = 0; i < n->n; i++)
		k += n->v[i].inode && !n->v[i].proc.pid;
	return k;
}

static void copy_proc(struct host_proc *to, const struct host_proc *from)
{
	*to = *from;
	to->comm = xstrdup(from->comm);
	to->exe = xstrdup(from->exe);
	to->unit = xstrdup(from->unit);
	to->container = xstrdup(from->container);
	to->proxy.host_ip = xstrdup(from->proxy.host_ip);
	to->proxy.container_ip = xstrdup(from->proxy.container_ip);
	to->proxy.proto = xstrdup(from->proxy.proto);
}

/* Give pid's sockets to the listeners they are; *left counts those still without a process. */
static void scan_pid(struct host_net *n, const struct hroot *r, int pid, size_t *left)
{
	char *dir = xasprintf("/proc/%d/fd", pid);
	size_t nfd;
	char **fds = hfs_list(r, dir, NET_MAX_FDS, &nfd);
	bool denied = !fds && (errno == EACCES || errno == EPERM);
	if (nfd == NET_MAX_FDS)
		n->truncated = true;
	struct host_proc info = { 0 };
	for (size_t i = 0; i < nfd && *left; i++) {
		char *path = xasprintf("%s/%s", dir, fds[i]);
		char *link = hfs_readlink(r, path);
		/* listing a process's fds is allowed where reading their links is not */
		denied |= !link && (errno == EACCES || errno == EPERM);
		unsigned long ino = socket_inode(link);
		free(link);
		free(path);
		for (size_t j = 0; ino && j < n->n; j++) {
			struct host_listener *l = &n->v[j];
			if (l->inode != ino || l->proc.pid)
				continue;
			if (!info.pid)
				host_net_describe(&info, r, pid);
			copy_proc(&l->proc, &info);
			--*left;
		}
	}
	n->fd_denied += denied;
	host_proc_free(&info);
	hfs_list_free(fds, nfd);
	free(dir);
}

void host_net_procs(struct host_net *n, const struct hroot *r)
{
	size_t left = unmapped(n), np;
	if (!left)
		return;
	char **names = hfs_list(r, "/proc", NET_MAX_PROCS, &np);
	if (!names)
		return;
	n->procs_read = true;
	if (np == NET_MAX_PROCS)
		n->truncated = true;
	/* in pid order, so a socket shared by a parent and its children goes to the parent */
	int *pids = xcalloc(np + 1, sizeof *pids);
	size_t k = 0;
	for (size_t i = 0; i < np; i++)
		if ((pids[k] = pid_of(names[i])))
			k++;
	hfs_list_free(names, np);
	qsort(pids, k, sizeof *pids, cmp_int);
	for (size_t i = 0; i < k && left; i++)
		scan_pid(n, r, pids[i], &left);
	free(pids);
}
