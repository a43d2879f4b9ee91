/* CIS 3.1 - 3.4: owner and mode of the docker.service and docker.socket unit files. */
#include "rules/rule.h"
#include "rules/host/h_util.h"

static void check_service_owner(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_owner(self, h, HF_DOCKER_SERVICE, false, out);
}

const struct rule rule_h_service_owner = {
	.id = "BW-F001",
	.title = "docker.service not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.1",
	.cis8 = "3.1",
	.rationale = "The docker.service unit holds the daemon's command line and environment. "
	             "Whoever owns it, or is in its group when the group may write, can make the "
	             "daemon start with a TCP socket without TLS, without user namespaces or with "
	             "any other option: root on the host at the next restart.",
	.remediation = "chown root:root on the unit file the finding names (systemctl show -p "
	               "FragmentPath docker.service prints it), e.g. chown root:root "
	               "/lib/systemd/system/docker.service.",
	.check_host = check_service_owner,
};

static void check_service_mode(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_mode(self, h, HF_DOCKER_SERVICE, 0644, out);
}

const struct rule rule_h_service_mode = {
	.id = "BW-F002",
	.title = "docker.service writable by others than root",
	.severity = SEV_MEDIUM,
	.cis = "3.2",
	.cis8 = "3.2",
	.rationale = "The docker.service unit holds the daemon's command line and environment; if "
	             "anyone but root may write it, they choose how the root daemon starts. Mode "
	             "644 or stricter leaves it writable by its owner only.",
	.remediation = "chmod 644 on the unit file the finding names, e.g. chmod 644 "
	               "/lib/systemd/system/docker.service, then systemctl daemon-reload.",
	.check_host = check_service_mode,
};

static void check_socket_owner(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_owner(self, h, HF_DOCKER_SOCKET_UNIT, false, out);
}

const struct rule rule_h_socket_owner = {
	.id = "BW-F003",
	.title = "docker.socket not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.3",
	.cis8 = "3.3",
	.rationale = "The docker.socket unit decides where the API socket is created and with "
	             "which owner, group and mode. Whoever controls it can make the socket world- "
	             "writable, giving every local user root.",
	.remediation = "chown root:root on the unit file the finding names (systemctl show -p "
	               "FragmentPath docker.socket), e.g. chown root:root "
	               "/lib/systemd/system/docker.socket.",
	.check_host = check_socket_owner,
};

static void check_socket_mode(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_mode(self, h, HF_DOCKER_SOCKET_UNIT, 0644, out);
}

const struct rule rule_h_socket_mode = {
	.id = "BW-F004",
	.title = "docker.socket writable by others than root",
	.severity = SEV_MEDIUM,
	.cis = "3.4",
	.cis8 = "3.4",
	.rationale = "The docker.socket unit decides where the API socket is created and with "
	             "which permissions; if anyone but root may write it, they can open the API "
	             "to everyone. Mode 644 or stricter leaves it writable by its owner only.",
	.remediation = "chmod 644 on the unit file the finding names, e.g. chmod 644 "
	               "/lib/systemd/system/docker.socket, then systemctl daemon-reload.",
	.check_host = check_socket_mode,
};
