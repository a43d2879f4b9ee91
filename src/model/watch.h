/* A snapshot of what runs in each container: its processes and sockets as /proc showed them at
 * one scan. Filled by collect/watch_proc*.c; the runtime watch compares snapshots over time. */
#ifndef BW_WATCH_H
#define BW_WATCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

enum { WATCH_ID_LEN = 64, WATCH_ADDR_LEN = 46 };   /* a container id; INET6_ADDRSTRLEN */

/* What a process's fd 0, 1 or 2 is. */
enum watch_fd { WFD_NONE, WFD_TTY, WFD_SOCKET, WFD_PIPE, WFD_FILE,
                WFD_UNREAD };   /* the fd directory could not be read (permission) */

/* Where the executable came from (bits of watch_proc.flags). */
enum {
	WATCH_EXE_MEMFD = 1,     /* "/memfd:NAME (deleted)": a file that only ever lived in memory */
	WATCH_EXE_SHM = 2,       /* below /dev/shm */
	WATCH_EXE_DELETED = 4,   /* the link ends in " (deleted)" (memfd ones too) */
};

struct watch_proc {
	int pid, ppid;
	unsigned long long start;      /* /proc/PID/stat's starttime: pid and start name a process */
	char *exe;                     /* /proc/PID/exe's target; NULL when unreadable */
	unsigned long long exe_dev, exe_ino;   /* the executable's file; 0 when unknown */
	char **argv; size_t argc;      /* /proc/PID/cmdline; argc 0 for none */
	unsigned uid, euid, gid, egid;
	uint64_t cap_eff;
	bool no_new_privs;
	int tracer_pid;                /* 0: not traced */
	enum watch_fd fd[3];
	unsigned flags;                /* WATCH_EXE_* */
	unsigned long netns;           /* the network namespace's inode; 0 when unreadable */
};

enum watch_proto { WP_TCP, WP_TCP6, WP_UDP, WP_UDP6, WP_PACKET, WP__COUNT };
enum watch_sock_kind { WS_LISTEN, WS_ESTABLISHED, WS_PACKET };

/* A listening socket (tcp LISTEN, udp bound and unconnected), an established connection (tcp
 * ESTABLISHED, udp connected) or a packet socket. */
struct watch_sock {
	enum watch_proto proto;
	enum watch_sock_kind kind;
	unsigned state;                /* the kernel's TCP_* state number; 0 for packet sockets */
	char local[WATCH_ADDR_LEN], remote[WATCH_ADDR_LEN];   /* printable; "" for packet */
	unsigned lport, rport;
	unsigned pkt_type, pkt_proto;  /* packet: SOCK_RAW (3) or SOCK_DGRAM (2); the ethertype */
	int ifindex;                   /* packet: the bound interface, 0 for all */
	unsigned long inode;
	int pid;                       /* the process holding it (lowest pid); 0 when none found */
};

struct watch_container {
	char id[WATCH_ID_LEN + 1];
	char *cgroup;                  /* the cgroup path its first process was found by */
	struct watch_proc *procs; size_t nprocs, cap_procs;   /* by pid */
	struct watch_sock *socks; size_t nsocks, cap_socks;   /* by namespace, proto, table row */
};

struct watch_snapshot {
	struct watch_container *v; size_t n, cap;   /* by id */
	size_t skipped;                /* processes that vanished or could not be read mid-scan */
	bool truncated;                /* a bound (processes, fds, sockets) was hit */
	struct arena strings;          /* every string and argv above */
};

void watch_snapshot_init(struct watch_snapshot *s);
void watch_snapshot_free(struct watch_snapshot *s);
const struct watch_container *watch_container_find(const struct watch_snapshot *s,
                                                   const char *id);
/* The process pid that started at start (a pid reused since is another process); NULL. */
const struct watch_proc *watch_proc_find(const struct watch_container *c, int pid,
                                         unsigned long long start);
const char *watch_proto_name(enum watch_proto p);      /* "tcp", ..., "packet" */
const char *watch_sock_kind_name(enum watch_sock_kind k);   /* "listen", "established", ... */
const char *watch_fd_name(enum watch_fd k);            /* "none", "tty", ... */

#endif
