/* Listening sockets on the host and the processes (and containers) they belong to. Filled by
 * collect/host_net*.c, read by the rules in rules/host/net_*.c. */
#ifndef BW_HOST_NET_H
#define BW_HOST_NET_H
#include <stdbool.h>
#include <stddef.h>
#include "model/loc.h"

/* docker-proxy's command line: the published port it forwards and where to. */
struct host_proxy {
	bool set;                /* the process is docker-proxy and named its container */
	char *host_ip, *container_ip;     /* as given; host_ip NULL when absent */
	unsigned host_port, container_port;
	char *proto;             /* -proto, "tcp" by default */
};

/* The process holding a listening socket. */
struct host_proc {
	int pid;                 /* 0: none found (or the kernel's own socket: see host_listener) */
	char *comm;              /* /proc/PID/comm */
	char *exe;               /* /proc/PID/exe's target; NULL when unreadable */
	char *unit;              /* the deepest ".service" of its cgroup path, else the deepest
	                            ".scope" that is not a container's; NULL when none */
	char *container;         /* the 64-hex container id in its cgroup path; NULL when none */
	struct host_proxy proxy;
};

/* A tcp socket in LISTEN state, or an unconnected bound udp socket. */
struct host_listener {
	const char *proto;       /* "tcp", "tcp6", "udp", "udp6" (static) */
	char *addr;              /* printable: "0.0.0.0", "::", "10.0.0.5", "::ffff:10.0.0.5" */
	unsigned port;
	unsigned long inode;     /* 0: a socket the kernel itself holds (nfsd, vxlan, ...) */
	bool loopback;           /* 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 */
	bool any;                /* the wildcard address: every interface */
	struct host_proc proc;   /* pid 0 when no process was found holding it */
	struct loc loc;          /* "/proc/net/tcp" (static) and its line */
};

/* A network interface, from /sys/class/net/NAME. */
struct host_iface {
	char *name;
	unsigned flags;          /* the kernel's own flags (IFF_*), promiscuity set by any means */
	bool port;               /* enslaved to a bridge, bond or switch (it has a master) */
	char *path;              /* /sys/class/net/NAME/flags; loc.path points here */
	struct loc loc;
};

struct host_net {
	bool known;              /* /proc/net was read; rules stay silent otherwise */
	struct host_listener *v; size_t n, cap;
	bool procs_read;         /* /proc/PID/fd was searched */
	size_t fd_denied;        /* processes whose fd directory could not be read */
	bool truncated;          /* a bound (sockets, processes, fds) was hit */
	bool ifaces_known;       /* /sys/class/net was read */
	struct host_iface *ifaces; size_t nifaces, cap_ifaces;
};

void host_net_free(struct host_net *x);
void host_proc_free(struct host_proc *p);
/* "10.0.0.5:80", "[::]:443" (malloc'd). */
char *host_listener_endpoint(const struct host_listener *l);

#endif
