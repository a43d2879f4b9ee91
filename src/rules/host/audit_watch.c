/* CIS 1.1.3 - 1.1.18: an audit rule watching each Docker file and directory that exists on the
 * host. Each entry is its file kind; h_check_watch does the work. */
#include "rules/rule.h"
#include "rules/host/h_util.h"

#define WHY(what)                                                                           \
	what " Docker and containerd run as root, so their binaries, configuration and "     \
	"sockets are worth an audit trail: a watch logs every write, attribute change and "  \
	"execution with the user and process behind it. Only files present on the host are " \
	"checked; a watch counts when it names the file itself (or a symlink's target)."

#define FIX(path)                                                                           \
	"Add a watch for the path the finding names (" path " here by default): echo '-w "   \
	path " -k docker' >> /etc/audit/rules.d/docker.rules, then load the rules with "     \
	"augenrules --load (or restart auditd). auditctl -l shows what the kernel has loaded."

static const char *const refs[] = { "https://man7.org/linux/man-pages/man8/auditctl.8.html",
                                    NULL };

static void check_dockerd(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_BIN_DOCKERD, out);
}

const struct rule rule_h_audit_dockerd = {
	.id = "BW-H003",
	.title = "No audit rule for the Docker daemon binary",
	.severity = SEV_LOW,
	.cis = "1.1.3",
	.cis8 = "1.1.3",
	.rationale = WHY("dockerd is the daemon itself, running as root: a replaced or patched binary "
	                 "owns every container and the host."),
	.remediation = FIX("/usr/bin/dockerd"),
	.refs = refs,
	.check_host = check_dockerd,
};

static void check_run_containerd(const struct rule *self, const struct host *h,
                                 struct findings *out)
{
	h_check_watch(self, h, HF_RUN_CONTAINERD, out);
}

const struct rule rule_h_audit_run_containerd = {
	.id = "BW-H004",
	.title = "No audit rule for /run/containerd",
	.severity = SEV_LOW,
	.cis = "1.1.4",
	.cis8 = "1.1.4",
	.rationale = WHY("/run/containerd holds containerd's runtime state and its API socket; changes "
	                 "there alter or hijack running containers."),
	.remediation = FIX("/run/containerd"),
	.refs = refs,
	.check_host = check_run_containerd,
};

static void check_data_root(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_DATA_ROOT, out);
}

const struct rule rule_h_audit_data_root = {
	.id = "BW-H005",
	.title = "No audit rule for the Docker data root",
	.severity = SEV_LOW,
	.cis = "1.1.5",
	.cis8 = "1.1.5",
	.rationale = WHY("The data root holds images, container filesystems, volumes and the daemon's "
	                 "state; writing there changes what containers run."),
	.remediation = FIX("/var/lib/docker"),
	.refs = refs,
	.check_host = check_data_root,
};

static void check_etc_docker(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_ETC_DOCKER, out);
}

const struct rule rule_h_audit_etc_docker = {
	.id = "BW-H006",
	.title = "No audit rule for /etc/docker",
	.severity = SEV_LOW,
	.cis = "1.1.6",
	.cis8 = "1.1.6",
	.rationale = WHY("/etc/docker holds daemon.json, the TLS keys and certificates and the "
	                 "registry certificates: the daemon's configuration and trust."),
	.remediation = FIX("/etc/docker"),
	.refs = refs,
	.check_host = check_etc_docker,
};

static void check_docker_service(const struct rule *self, const struct host *h,
                                 struct findings *out)
{
	h_check_watch(self, h, HF_DOCKER_SERVICE, out);
}

const struct rule rule_h_audit_docker_service = {
	.id = "BW-H007",
	.title = "No audit rule for docker.service",
	.severity = SEV_LOW,
	.cis = "1.1.7",
	.cis8 = "1.1.7",
	.rationale = WHY("The docker.service unit sets the daemon's command line; an edited unit "
	                 "starts the daemon with whatever options an attacker chose."),
	.remediation = FIX("/lib/systemd/system/docker.service"),
	.refs = refs,
	.check_host = check_docker_service,
};

static void check_containerd_sock(const struct rule *self, const struct host *h,
                                  struct findings *out)
{
	h_check_watch(self, h, HF_CONTAINERD_SOCK, out);
}

const struct rule rule_h_audit_containerd_sock = {
	.id = "BW-H008",
	.title = "No audit rule for containerd.sock",
	.severity = SEV_LOW,
	.cis = "1.1.8",
	.cis8 = "1.1.8",
	.rationale = WHY("containerd.sock is containerd's API: whoever can use or replace it controls "
	                 "the containers below Docker."),
	.remediation = FIX("/run/containerd/containerd.sock"),
	.refs = refs,
	.check_host = check_containerd_sock,
};

static void check_docker_sock(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_DOCKER_SOCKET_UNIT, out);
	h_check_watch(self, h, HF_DOCKER_SOCK, out);
}

const struct rule rule_h_audit_docker_sock = {
	.id = "BW-H009",
	.title = "No audit rule for docker.socket or docker.sock",
	.severity = SEV_LOW,
	.cis = "1.1.9",
	.cis8 = "1.1.9",
	.rationale = WHY("The docker.socket unit decides where and with which permissions the "
	                 "API socket is created, and the socket (docker.sock) is the API itself: root "
	                 "access for whoever can use it. Editions of the benchmark name one or the "
	                 "other here, so both are checked."),
	.remediation = FIX("/var/run/docker.sock"),
	.refs = refs,
	.check_host = check_docker_sock,
};

static void check_default_docker(const struct rule *self, const struct host *h,
                                 struct findings *out)
{
	h_check_watch(self, h, HF_DEFAULT_DOCKER, out);
}

const struct rule rule_h_audit_default_docker = {
	.id = "BW-H010",
	.title = "No audit rule for /etc/default/docker",
	.severity = SEV_LOW,
	.cis = "1.1.10",
	.cis8 = "1.1.10",
	.rationale = WHY("/etc/default/docker sets environment and options for the daemon on Debian- "
	                 "style systems."),
	.remediation = FIX("/etc/default/docker"),
	.refs = refs,
	.check_host = check_default_docker,
};

static void check_daemon_json(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_DAEMON_JSON, out);
}

const struct rule rule_h_audit_daemon_json = {
	.id = "BW-H011",
	.title = "No audit rule for daemon.json",
	.severity = SEV_LOW,
	.cis = "1.1.11",
	.cis8 = "1.1.11",
	.rationale = WHY("daemon.json is the daemon's configuration: listening sockets, TLS, user "
	                 "namespaces, authorization plugins, registries."),
	.remediation = FIX("/etc/docker/daemon.json"),
	.refs = refs,
	.check_host = check_daemon_json,
};

static void check_containerd_config(const struct rule *self, const struct host *h,
                                    struct findings *out)
{
	h_check_watch(self, h, HF_CONTAINERD_CONFIG, out);
}

const struct rule rule_h_audit_containerd_config = {
	.id = "BW-H012",
	.title = "No audit rule for /etc/containerd/config.toml",
	.severity = SEV_LOW,
	.cis = "1.1.12",
	.cis8 = "1.1.12",
	.rationale = WHY("config.toml configures containerd: its runtimes, plugins, registries and "
	                 "socket."),
	.remediation = FIX("/etc/containerd/config.toml"),
	.refs = refs,
	.check_host = check_containerd_config,
};

static void check_sysconfig_docker(const struct rule *self, const struct host *h,
                                   struct findings *out)
{
	h_check_watch(self, h, HF_SYSCONFIG_DOCKER, out);
}

const struct rule rule_h_audit_sysconfig_docker = {
	.id = "BW-H013",
	.title = "No audit rule for /etc/sysconfig/docker",
	.severity = SEV_LOW,
	.cis = "1.1.13",
	.cis8 = "1.1.13",
	.rationale = WHY("/etc/sysconfig/docker sets options for the daemon on Red Hat-style systems."),
	.remediation = FIX("/etc/sysconfig/docker"),
	.refs = refs,
	.check_host = check_sysconfig_docker,
};

static void check_containerd(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_BIN_CONTAINERD, out);
}

const struct rule rule_h_audit_containerd = {
	.id = "BW-H014",
	.title = "No audit rule for the containerd binary",
	.severity = SEV_LOW,
	.cis = "1.1.14",
	.cis8 = "1.1.14",
	.rationale = WHY("containerd runs as root and starts every container Docker asks for."),
	.remediation = FIX("/usr/bin/containerd"),
	.refs = refs,
	.check_host = check_containerd,
};

static void check_shim(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_BIN_SHIM, out);
}

const struct rule rule_h_audit_shim = {
	.id = "BW-H015",
	.title = "No audit rule for containerd-shim",
	.severity = SEV_LOW,
	.cis = "1.1.15",
	.cis8 = "1.1.15",
	.rationale = WHY("containerd-shim runs as root as the parent of each container's process."),
	.remediation = FIX("/usr/bin/containerd-shim"),
	.refs = refs,
	.check_host = check_shim,
};

static void check_shim_runc_v1(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_BIN_SHIM_RUNC_V1, out);
}

const struct rule rule_h_audit_shim_runc_v1 = {
	.id = "BW-H016",
	.title = "No audit rule for containerd-shim-runc-v1",
	.severity = SEV_LOW,
	.cis = "1.1.16",
	.cis8 = "1.1.16",
	.rationale = WHY("containerd-shim-runc-v1 runs as root as the parent of each container's "
	                 "process."),
	.remediation = FIX("/usr/bin/containerd-shim-runc-v1"),
	.refs = refs,
	.check_host = check_shim_runc_v1,
};

static void check_shim_runc_v2(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_BIN_SHIM_RUNC_V2, out);
}

const struct rule rule_h_audit_shim_runc_v2 = {
	.id = "BW-H017",
	.title = "No audit rule for containerd-shim-runc-v2",
	.severity = SEV_LOW,
	.cis = "1.1.17",
	.cis8 = "1.1.17",
	.rationale = WHY("containerd-shim-runc-v2 runs as root as the parent of each container's "
	                 "process."),
	.remediation = FIX("/usr/bin/containerd-shim-runc-v2"),
	.refs = refs,
	.check_host = check_shim_runc_v2,
};

static void check_runc(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_watch(self, h, HF_BIN_RUNC, out);
}

const struct rule rule_h_audit_runc = {
	.id = "BW-H018",
	.title = "No audit rule for runc",
	.severity = SEV_LOW,
	.cis = "1.1.18",
	.cis8 = "1.1.18",
	.rationale = WHY("runc creates every container's namespaces and cgroups as root; a replaced "
	                 "runc runs code on the host at each container start."),
	.remediation = FIX("/usr/bin/runc"),
	.refs = refs,
	.check_host = check_runc,
};
