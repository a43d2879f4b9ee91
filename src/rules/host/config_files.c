/* CIS 3.17 - 3.22: daemon.json, /etc/default/docker and /etc/sysconfig/docker. */
#include "rules/rule.h"
#include "rules/host/h_util.h"

static void check_daemon_json_owner(const struct rule *self, const struct host *h,
                                    struct findings *out)
{
	h_check_owner(self, h, HF_DAEMON_JSON, false, out);
}

const struct rule rule_h_daemon_json_owner = {
	.id = "BW-F017",
	.title = "daemon.json not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.17",
	.cis8 = "3.17",
	.rationale = "daemon.json configures the daemon: its sockets, TLS, authorization plugins, "
	             "user namespaces and registries. Whoever owns it can, for example, add a TCP "
	             "socket without TLS and get root on the host at the next restart.",
	.remediation = "chown root:root /etc/docker/daemon.json (or the file given with --config- "
	               "file).",
	.check_host = check_daemon_json_owner,
};

static void check_daemon_json_mode(const struct rule *self, const struct host *h,
                                   struct findings *out)
{
	h_check_mode(self, h, HF_DAEMON_JSON, 0644, out);
}

const struct rule rule_h_daemon_json_mode = {
	.id = "BW-F018",
	.title = "daemon.json writable by others than root",
	.severity = SEV_MEDIUM,
	.cis = "3.18",
	.cis8 = "3.18",
	.rationale = "daemon.json configures the root daemon; if anyone but its owner may write "
	             "it, they choose its sockets, TLS and security settings. Mode 644 or "
	             "stricter leaves writing to root.",
	.remediation = "chmod 644 /etc/docker/daemon.json (or the file given with --config-file).",
	.check_host = check_daemon_json_mode,
};

static void check_default_docker_owner(const struct rule *self, const struct host *h,
                                       struct findings *out)
{
	h_check_owner(self, h, HF_DEFAULT_DOCKER, false, out);
}

const struct rule rule_h_default_docker_owner = {
	.id = "BW-F019",
	.title = "/etc/default/docker not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.19",
	.cis8 = "3.19",
	.rationale = "/etc/default/docker sets the daemon's environment and options on Debian- "
	             "style systems; its owner chooses how the root daemon starts.",
	.remediation = "chown root:root /etc/default/docker",
	.check_host = check_default_docker_owner,
};

static void check_default_docker_mode(const struct rule *self, const struct host *h,
                                      struct findings *out)
{
	h_check_mode(self, h, HF_DEFAULT_DOCKER, 0644, out);
}

const struct rule rule_h_default_docker_mode = {
	.id = "BW-F020",
	.title = "/etc/default/docker writable by others than root",
	.severity = SEV_MEDIUM,
	.cis = "3.20",
	.cis8 = "3.20",
	.rationale = "/etc/default/docker sets the daemon's environment and options on Debian- "
	             "style systems; if group or others may write it, they choose how the root "
	             "daemon starts. Mode 644 or stricter leaves writing to root.",
	.remediation = "chmod 644 /etc/default/docker",
	.check_host = check_default_docker_mode,
};

static void check_sysconfig_docker_mode(const struct rule *self, const struct host *h,
                                        struct findings *out)
{
	h_check_mode(self, h, HF_SYSCONFIG_DOCKER, 0644, out);
}

const struct rule rule_h_sysconfig_docker_mode = {
	.id = "BW-F021",
	.title = "/etc/sysconfig/docker writable by others than root",
	.severity = SEV_MEDIUM,
	.cis = "3.21",
	.cis8 = "3.21",
	.rationale = "/etc/sysconfig/docker sets the daemon's options on Red Hat-style systems; "
	             "if group or others may write it, they choose how the root daemon starts. "
	             "Mode 644 or stricter leaves writing to root.",
	.remediation = "chmod 644 /etc/sysconfig/docker",
	.check_host = check_sysconfig_docker_mode,
};

static void check_sysconfig_docker_owner(const struct rule *self, const struct host *h,
                                         struct findings *out)
{
	h_check_owner(self, h, HF_SYSCONFIG_DOCKER, false, out);
}

const struct rule rule_h_sysconfig_docker_owner = {
	.id = "BW-F022",
	.title = "/etc/sysconfig/docker not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.22",
	.cis8 = "3.22",
	.rationale = "/etc/sysconfig/docker sets the daemon's options on Red Hat-style systems; "
	             "its owner chooses how the root daemon starts.",
	.remediation = "chown root:root /etc/sysconfig/docker",
	.check_host = check_sysconfig_docker_owner,
};
