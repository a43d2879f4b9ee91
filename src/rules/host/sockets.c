/* CIS 3.15, 3.16, 3.23, 3.24: owner and mode of the Docker and containerd API sockets. */
#include "rules/rule.h"
#include "rules/host/h_util.h"

static void check_docker_sock_owner(const struct rule *self, const struct host *h,
                                    struct findings *out)
{
	h_check_owner(self, h, HF_DOCKER_SOCK, true, out);
}

const struct rule rule_h_docker_sock_owner = {
	.id = "BW-F015",
	.title = "Docker socket not owned by root:docker",
	.severity = SEV_HIGH,
	.cis = "3.15",
	.cis8 = "3.15",
	.rationale = "Access to the Docker socket is root on the host. It should belong to root, "
	             "with group docker so that exactly the members of that group get access "
	             "(root:root, which gives access to root alone, passes too). Any other owner "
	             "or group hands the API to that user or group.",
	.remediation = "chown root:docker on the socket the finding names, e.g. chown root:docker "
	               "/var/run/docker.sock. To keep it across restarts, set SocketUser=root and "
	               "SocketGroup=docker in docker.socket, or \"group\": \"docker\" in daemon.json.",
	.check_host = check_docker_sock_owner,
};

static void check_docker_sock_mode(const struct rule *self, const struct host *h,
                                   struct findings *out)
{
	h_check_mode(self, h, HF_DOCKER_SOCK, 0660, out);
}

const struct rule rule_h_docker_sock_mode = {
	.id = "BW-F016",
	.title = "Docker socket permissions wider than 660",
	.severity = SEV_HIGH,
	.cis = "3.16",
	.cis8 = "3.16",
	.rationale = "Connecting to a unix socket needs write permission on it, and a connection "
	             "to the Docker socket is root on the host. Any permission for others (666, "
	             "say) gives every local user and every process, including compromised "
	             "services, root. 660 limits it to root and the docker group.",
	.remediation = "chmod 660 on the socket the finding names, e.g. chmod 660 "
	               "/var/run/docker.sock; to keep it across restarts set SocketMode=0660 in "
	               "docker.socket.",
	.check_host = check_docker_sock_mode,
};

static void check_containerd_sock_owner(const struct rule *self, const struct host *h,
                                        struct findings *out)
{
	h_check_owner(self, h, HF_CONTAINERD_SOCK, false, out);
}

const struct rule rule_h_containerd_sock_owner = {
	.id = "BW-F023",
	.title = "containerd socket not owned by root:root",
	.severity = SEV_HIGH,
	.cis = "3.23",
	.cis8 = "3.23",
	.rationale = "The containerd socket is containerd's full API: whoever can use it can "
	             "start a container with the host's root filesystem mounted. Docker talks to "
	             "it as root, so no one else needs it; it should belong to root:root.",
	.remediation = "chown root:root /run/containerd/containerd.sock; set [grpc] uid = 0 and "
	               "gid = 0 in /etc/containerd/config.toml to keep it so.",
	.check_host = check_containerd_sock_owner,
};

static void check_containerd_sock_mode(const struct rule *self, const struct host *h,
                                       struct findings *out)
{
	h_check_mode(self, h, HF_CONTAINERD_SOCK, 0660, out);
}

const struct rule rule_h_containerd_sock_mode = {
	.id = "BW-F024",
	.title = "containerd socket permissions wider than 660",
	.severity = SEV_HIGH,
	.cis = "3.24",
	.cis8 = "3.24",
	.rationale = "The containerd socket is containerd's full API and so root on the host for "
	             "whoever can connect, which takes write permission. Any permission for "
	             "others opens it to every local user; 660 or stricter keeps it to root.",
	.remediation = "chmod 660 /run/containerd/containerd.sock",
	.check_host = check_containerd_sock_mode,
};
