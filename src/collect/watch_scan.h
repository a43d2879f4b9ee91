/* Inside one scan of the process collector: its buffer, the containers found so far, the
 * network namespaces read and the sockets each process holds. */
#ifndef BW_WATCH_SCAN_H
#define BW_WATCH_SCAN_H
#include <sys/types.h>
#include "collect/watch_proc.h"

struct watch_owner { unsigned long inode; int pid; };
struct watch_netns { unsigned long ino; struct watch_socks socks; };

struct watch_scan {
	struct watch_snapshot *s;
	const char **ids; size_t nids;      /* sorted; NULL: any container */
	char *buf; size_t cap;              /* every file read, one at a time */
	struct watch_owner *own; size_t nown, cap_own;
	struct watch_netns *ns; size_t nns, cap_ns;
};

/* dfd/name into sc->buf (at most max bytes), NUL-terminated: its length, -1 and errno. */
ssize_t watch_slurp(struct watch_scan *sc, int dfd, const char *name, size_t max);
/* The same for a seq_file (/proc/PID/net/...): a short read is its end. */
ssize_t watch_slurp_seq(struct watch_scan *sc, int dfd, const char *name, size_t max);
/* Container id of the snapshot; made (with cgroup, in the arena) when cgroup is not NULL,
 * else NULL when absent. Kept in id order. */
struct watch_container *watch_container_at(struct watch_scan *sc, const char *id, char *cgroup);
/* The socket tables of network namespace ino, read once through process directory dfd. */
void watch_netns_read(struct watch_scan *sc, int dfd, unsigned long ino);
/* Sort each container's processes, give it its namespaces' sockets and their holders; free
 * what the scan alone needed. */
void watch_scan_finish(struct watch_scan *sc);

#endif
