/* CIS 1.2.1 made concrete: a host that runs Docker runs little else. Every service listening on
 * an address other than loopback, besides Docker, sshd and the host's own network and time
 * agents, is a finding: one per service, naming its process, unit and addresses. */
#include "rules/rule.h"
#include "model/host.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

enum { MAX_SHOWN = 6 };

/* Listeners a container host is expected to have. proto NULL: any; port 0: any. */
static const struct allowed { const char *name, *proto; unsigned port, port2; } ALLOWED[] = {
	{ "dockerd", NULL, 0, 0 },          /* its API (rules 2.x judge its TLS), swarm ports */
	{ "docker-proxy", NULL, 0, 0 },     /* published container ports: BW-H041 */
	{ "containerd", NULL, 0, 0 },
	{ "sshd", NULL, 0, 0 },             /* administration; its settings are the ssh rules' */
	{ "chronyd", "udp", 123, 0 },       /* time synchronisation, which the host needs */
	{ "ntpd", "udp", 123, 0 },
	/* DHCP clients must bind the wildcard address: v4 client port 68, v6 client port 546 */
	{ "dhclient", "udp", 68, 546 },
	{ "dhcpcd", "udp", 68, 546 },
	{ "udhcpc", "udp", 68, 546 },
	{ "systemd-networkd", "udp", 68, 546 },
	{ "systemd-network", "udp", 68, 546 },    /* comm: 15 characters of systemd-networkd */
	{ "NetworkManager", "udp", 68, 546 },
	{ "kernel", "udp", 4789, 0 },       /* VXLAN, the data plane of Docker overlay networks */
};

/* The program: the binary's name (a process may rename itself, not its binary), except for
 * multi-call binaries; the kernel for sockets no process holds. */
static const char *program(const struct host_listener *l)
{
	const struct host_proc *p = &l->proc;
	if (!l->inode)
		return "kernel";
	if (!p->pid)
		return NULL;
	const char *exe = p->exe ? strrchr(p->exe, '/') : NULL;
	exe = exe ? exe + 1 : NULL;
	if (exe && !str_prefix(exe, "busybox") && !str_prefix(exe, "toybox"))
		return exe;
	return p->comm;
}

static bool same_program(const char *prog, const char *name)
{
	size_t n = strlen(name);
	/* "sshd (deleted)" after an upgrade replaced the binary */
	return !strncmp(prog, name, n) && (!prog[n] || prog[n] == ' ');
}

static bool allowed(const struct host_listener *l)
{
	const char *prog = program(l);
	if (!prog)
		return false;
	for (size_t i = 0; i < sizeof ALLOWED / sizeof *ALLOWED; i++) {
		const struct allowed *a = &ALLOWED[i];
		if (!same_program(prog, a->name) || (a->proto && !str_prefix(l->proto, a->proto)))
			continue;
		if (!a->port || l->port == a->port || l->port == a->port2)
			return true;
	}
	return false;
}

/* Reported: off loopback, not allowed, not in a container (host-network containers are the
 * container rules' business). */
static bool reported(const struct host_listener *l)
{
	return !l->loopback && !l->proc.container && !allowed(l);
}

/* Listeners of one service share this key: the unit, else the program, else "?". */
static const char *service_key(const struct host_listener *l)
{
	const char *prog = program(l);
	return l->proc.unit ? l->proc.unit : prog ? prog : "unidentified process";
}

static char *who(const struct host_net *n, const struct host_listener *l)
{
	const struct host_proc *p = &l->proc;
	if (!l->inode)
		return xstrdup("The kernel itself (nfsd, a tunnel or another in-kernel service)");
	if (!p->pid)
		return n->fd_denied
		       ? xasprintf("A process this audit could not see (the open files of %zu "
		                   "process%s were unreadable)", n->fd_denied,
		                   n->fd_denied == 1 ? "" : "es")
		       : xstrdup("A process that could not be found");
	const char *prog = program(l);
	return xasprintf("%s (pid %d%s%s%s%s)", prog, p->pid, p->unit ? ", unit " : "",
	                 p->unit ? p->unit : "", p->exe ? ", " : "", p->exe ? p->exe : "");
}

static void report_service(const struct rule *self, const struct host_net *n, size_t first,
                           struct findings *out)
{
	const char *key = service_key(&n->v[first]);
	struct buf b = { 0 };
	size_t shown = 0, more = 0;
	for (size_t i = first; i < n->n; i++) {
		const struct host_listener *l = &n->v[i];
		if (!reported(l) || strcmp(service_key(l), key))
			continue;
		if (shown == MAX_SHOWN) {
			more++;
			continue;
		}
		char *ep = host_listener_endpoint(l);
		buf_printf(&b, "%s%s/%s", shown++ ? ", " : "", ep, l->proto);
		free(ep);
	}
	if (more)
		buf_printf(&b, " and %zu more", more);
	char *w = who(n, &n->v[first]), *eps = buf_take(&b);
	finding_add(out, self, n->v[first].loc, key,
	            "%s listens on %s: a service besides Docker, sshd and the host's network and "
	            "time agents, reachable from the network", w, eps);
	free(w);
	free(eps);
}

static void check_net_services(const struct rule *self, const struct host *h,
                               struct findings *out)
{
	const struct host_net *n = &h->net;
	if (!n->known)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (!reported(&n->v[i]))
			continue;
		bool seen = false;    /* reported with an earlier listener of the same service */
		for (size_t j = 0; j < i && !seen; j++)
			seen = reported(&n->v[j]) && !strcmp(service_key(&n->v[j]),
			                                     service_key(&n->v[i]));
		if (!seen)
			report_service(self, n, i, out);
	}
}

const struct rule rule_h_net_services = {
	.id = "BW-H040",
	.title = "Host runs a network service besides Docker and sshd",
	.severity = SEV_MEDIUM,
	.cis = "1.2.1",
	.cis8 = "1.2.1",
	.aliases = ALIASES("NETW-3012"),
	.rationale = "A container host is hardened by running Docker and little else: every other "
	             "service that listens on the network is one more way in, and whoever gets in "
	             "on the host is next to the Docker socket and every container. The check "
	             "reads the kernel's socket tables (/proc/net/tcp, tcp6, udp, udp6): tcp "
	             "sockets in LISTEN state and unconnected udp sockets bound to an address other "
	             "than loopback. It finds the process holding each through /proc/PID/fd and its "
	             "systemd unit and container through /proc/PID/cgroup. Not reported: loopback "
	             "listeners; dockerd, containerd and docker-proxy; sshd; DHCP clients on their "
	             "client ports (udp 68 and 546); chronyd and ntpd on udp 123; the kernel's "
	             "VXLAN port (udp 4789, Docker overlay networks); processes in containers "
	             "(host networking is a container finding). Only the network namespace the "
	             "audit runs in is seen: run it on the host, not in a container with a network "
	             "of its own.",
	.remediation = "Stop and disable the service if the host does not need it (systemctl "
	               "disable --now UNIT), or move it into a container. If it must stay, bind it "
	               "to loopback or to the one interface it serves, and restrict it in the host "
	               "firewall.",
	.refs = (const char *const[]){ "https://www.cisecurity.org/benchmark/docker", NULL },
	.check_host = check_net_services,
};
