/* Inside the listening-socket collector: the socket tables, then the processes holding them. */
#ifndef BW_HOST_NET_INT_H
#define BW_HOST_NET_INT_H
#include "collect/host_int.h"

enum {
	NET_MAX_LISTENERS = 4096,
	NET_MAX_PROCS = 1 << 20,      /* /proc entries looked at */
	NET_MAX_FDS = 1 << 16,        /* open files looked at per process */
	NET_MAX_PROC_FILE = 64 << 10, /* comm, cgroup, cmdline */
};

/* The interfaces of /sys/class/net and their flags. */
void host_net_ifaces(struct host_net *n, const struct hroot *r, bool live, struct findings *errs);
/* Add the listeners of one table (text of /proc/net/tcp, tcp6, udp or udp6; path static). */
void host_net_parse(struct host_net *n, char *text, const char *path, struct findings *errs);
/* Find the process holding each listener through /proc/PID/fd, and describe it. */
void host_net_procs(struct host_net *n, const struct hroot *r);
/* A small /proc file, read without recording errors (processes come and go). NULL when it
 * cannot be read; *len excludes the NUL added at the end. */
char *host_net_read(const struct hroot *r, const char *path, size_t *len);
/* Describe process pid: comm, exe, cgroup's unit and container, docker-proxy's arguments. */
void host_net_describe(struct host_proc *p, const struct hroot *r, int pid);
/* The unit and container of a /proc/PID/cgroup text (modified in place). */
void host_net_cgroup(struct host_proc *p, char *text);
/* docker-proxy's flags from its NUL-separated command line. */
void host_net_proxy(struct host_proxy *x, const char *argv, size_t len);

#endif
