/* The runtime watch's process collector: one pass over /proc finds the processes of the
 * containers wanted through their cgroups, and reads their sockets once per network namespace.
 * The parsers below are pure (text in, structs out), for the scanner, the fuzzer and tests. */
#ifndef BW_WATCH_PROC_H
#define BW_WATCH_PROC_H
#include <stdbool.h>
#include <stddef.h>
#include "model/watch.h"

enum {
	WATCH_MAX_PROCS = 1 << 20,      /* /proc entries looked at */
	WATCH_MAX_FDS = 1 << 14,        /* fds looked at per process */
	WATCH_MAX_SOCKS = 1 << 16,      /* sockets kept per table */
	WATCH_MAX_FILE = 64 << 10,      /* stat, status, cgroup, cmdline */
	WATCH_MAX_NET_FILE = 16 << 20,  /* a socket table */
};

/* Fill s (initialised by the caller) from the /proc at proc_root ("/proc"; a copy for tests):
 * every process whose cgroup path names one of ids (full 64-hex container ids; ids NULL: any
 * container). A process that vanishes or cannot be read mid-scan is left out and counted in
 * s->skipped. -1 and errno when proc_root itself cannot be read. */
int watch_proc_scan(struct watch_snapshot *s, const char *proc_root, const char *const *ids,
                    size_t nids);

/* /proc/PID/stat: the parent and the start time (comm may hold spaces and parentheses). */
bool watch_parse_stat(const char *text, int *ppid, unsigned long long *start);
/* /proc/PID/status: Uid, Gid, CapEff, NoNewPrivs, TracerPid into p. false without Uid and Gid. */
bool watch_parse_status(const char *text, struct watch_proc *p);
/* /proc/PID/cgroup: the container among ids (sorted, as strcmp orders them; NULL: any) whose
 * 64-hex id a path holds, the deepest in the first line that names one. Copies the id to id
 * and points *path, *pathlen at that line's path. false when no line names one. */
bool watch_parse_cgroup(const char *text, const char *const *ids, size_t nids,
                        char id[WATCH_ID_LEN + 1], const char **path, size_t *pathlen);
/* What an fd's link names: "/dev/pts/0" a tty, "socket:[1]", "pipe:[2]"; NULL none. */
enum watch_fd watch_fd_kind(const char *link);
/* WATCH_EXE_* of an exe link's target. */
unsigned watch_exe_flags(const char *exe);
/* The inode of a link "PREFIX[123]" (prefix "socket:", "net:"); 0 for anything else. */
unsigned long watch_link_inode(const char *link, const char *prefix);

/* Sockets of one table, growable. */
struct watch_socks { struct watch_sock *v; size_t n, cap; bool truncated; };
/* Add the listening, established and packet sockets of one table's text (/proc/net/tcp, tcp6,
 * udp, udp6 or packet, as proto says); other rows are skipped. */
void watch_parse_net(struct watch_socks *out, const char *text, enum watch_proto proto);

#endif
