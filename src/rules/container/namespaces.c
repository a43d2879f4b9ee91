/* Namespaces shared with the host: network, PID, IPC, UTS, user and cgroup. */
#include "rules/rule.h"
#include "rules/container/c_util.h"

static void report_host(const struct rule *self, const struct cspec *c, const struct cs_str *m,
                        const char *what, struct findings *out)
{
	if (!c_mode_host(m))
		return;
	finding_add(out, self, c_at(c, m->loc), m->s, "%s %s shares the host's %s namespace",
	            c_kind(c), c_name(c), what);
}

static void check_net(const struct rule *self, const struct cspec *c, struct findings *out)
{
	report_host(self, c, &c->network_mode, "network", out);
}

const struct rule rule_c_host_network = {
	.id = "BW-C004",
	.title = "Host network namespace shared",
	.severity = SEV_HIGH,
	.cis = "5.10",
	.rationale = "With the host network the container sees every host interface, can bind any "
	             "host port, reach services listening on localhost (including a TCP Docker "
	             "daemon or cloud metadata proxies) and sniff traffic if it has NET_RAW.",
	.remediation = "Remove network_mode: host (--network host); publish the ports the service "
	               "needs on a user-defined network instead.",
	.check_cspec = check_net,
};

static void check_pid(const struct rule *self, const struct cspec *c, struct findings *out)
{
	report_host(self, c, &c->pid_mode, "PID", out);
}

const struct rule rule_c_host_pid = {
	.id = "BW-C005",
	.title = "Host PID namespace shared",
	.severity = SEV_HIGH,
	.cis = "5.16",
	.rationale = "Sharing the host's PID namespace shows every host process to the container, "
	             "leaks their command lines and environment, and lets a root process signal or "
	             "ptrace them, or enter their namespaces through /proc/<pid>/root.",
	.remediation = "Remove pid: host (--pid host).",
	.check_cspec = check_pid,
};

static void check_ipc(const struct rule *self, const struct cspec *c, struct findings *out)
{
	report_host(self, c, &c->ipc_mode, "IPC", out);
}

const struct rule rule_c_host_ipc = {
	.id = "BW-C006",
	.title = "Host IPC namespace shared",
	.severity = SEV_HIGH,
	.cis = "5.17",
	.rationale = "Sharing the host's IPC namespace gives the container the host's System V "
	             "shared memory, semaphores and message queues and /dev/shm, so it can read or "
	             "corrupt data of host processes.",
	.remediation = "Remove ipc: host (--ipc host). To share memory between containers use "
	               "ipc: shareable on one and ipc: service:<name> on the other.",
	.check_cspec = check_ipc,
};

static void check_uts(const struct rule *self, const struct cspec *c, struct findings *out)
{
	report_host(self, c, &c->uts_mode, "UTS", out);
}

const struct rule rule_c_host_uts = {
	.id = "BW-C007",
	.title = "Host UTS namespace shared",
	.severity = SEV_MEDIUM,
	.cis = "5.21",
	.rationale = "Sharing the host's UTS namespace lets the container change the host's "
	             "hostname and domain name, which other services and logs rely on.",
	.remediation = "Remove uts: host (--uts host).",
	.check_cspec = check_uts,
};

static void check_userns(const struct rule *self, const struct cspec *c, struct findings *out)
{
	report_host(self, c, &c->userns_mode, "user", out);
}

const struct rule rule_c_host_userns = {
	.id = "BW-C008",
	.title = "Host user namespace shared",
	.severity = SEV_HIGH,
	.cis = "5.31",
	.rationale = "userns_mode: host opts the container out of the daemon's user namespace "
	             "remapping, so root in the container is root on the host again.",
	.remediation = "Remove userns_mode: host (--userns host) and keep the daemon's userns-remap "
	               "in effect for this container.",
	.check_cspec = check_userns,
};

static void check_cgroupns(const struct rule *self, const struct cspec *c, struct findings *out)
{
	report_host(self, c, &c->cgroupns_mode, "cgroup", out);
}

/* No CIS id: CIS 5.25 is about the cgroup parent (BW-C027), not the cgroup namespace. */
const struct rule rule_c_host_cgroupns = {
	.id = "BW-C026",
	.title = "Host cgroup namespace shared",
	.severity = SEV_MEDIUM,
	.rationale = "With the host cgroup namespace the container sees the host's whole cgroup "
	             "hierarchy, which leaks information about other containers and host services "
	             "and widens the attack surface of cgroup-based escapes.",
	.remediation = "Remove cgroup: host (--cgroupns host); the private cgroup namespace is the "
	               "default on cgroup v2 hosts.",
	.check_cspec = check_cgroupns,
};
