/* The default bridge and the host's packet filtering: icc, iptables, the userland proxy. */
#include "rules/daemon/d_util.h"
#include "util/util.h"

static void check_icc(const struct rule *self, const struct daemon *d, struct findings *out)
{
	/* With "bridge": "none" there is no default bridge, and nothing to restrict on it. */
	if (str_eq(daemon_str(d, "bridge"), "none") || d->no_default_bridge)
		return;
	d_check_bool(self, d, "icc", true, true,
	             "containers on the default bridge can reach each other", out);
}

const struct rule rule_e_icc = {
	.id = "BW-E002",
	.title = "Inter-container traffic allowed on the default bridge",
	.severity = SEV_MEDIUM,
	.cis = "2.2",
	.cis8 = "2.2",
	.rationale = "By default every container on the default bridge (docker0) can open "
	             "connections to every port of every other container on it, whether or not "
	             "the ports are published. One compromised container can then probe and attack "
	             "all the others. Passes when the default bridge is disabled (\"bridge\": "
	             "\"none\").",
	.remediation = "Set \"icc\": false in /etc/docker/daemon.json (or run dockerd with "
	               "--icc=false) and restart the daemon; containers that must talk to each "
	               "other then share a user-defined network, or use --link on the default one.",
	.refs = REFS("https://docs.docker.com/engine/network/drivers/bridge/", DOCKERD_REF),
	.check_daemon = check_icc,
};

static void check_iptables(const struct rule *self, const struct daemon *d, struct findings *out)
{
	d_check_bool(self, d, "iptables", true, false, "Docker may not manage iptables rules",
	             out);
}

const struct rule rule_e_iptables = {
	.id = "BW-E004",
	.title = "Docker not allowed to manage iptables",
	.severity = SEV_MEDIUM,
	.cis = "2.4",
	.cis8 = "2.4",
	.rationale = "Docker writes the iptables rules that isolate its networks and enforce "
	             "icc=false and published-port bindings. With iptables disabled those rules are "
	             "left to hand-written configuration, which rarely keeps up with containers "
	             "coming and going, so networks end up more open (or broken) than intended.",
	.remediation = "Remove \"iptables\": false from /etc/docker/daemon.json (or the "
	               "--iptables=false flag) so the default true applies, and restart the daemon.",
	.refs = REFS("https://docs.docker.com/engine/network/packet-filtering-firewalls/"),
	.check_daemon = check_iptables,
};

static void check_userland_proxy(const struct rule *self, const struct daemon *d,
                                 struct findings *out)
{
	d_check_bool(self, d, "userland-proxy", true, true,
	             "published ports go through the userland proxy (docker-proxy)", out);
}

const struct rule rule_e_userland_proxy = {
	.id = "BW-E017",
	.title = "Userland proxy enabled",
	.severity = SEV_LOW,
	.cis = "2.16",
	.cis8 = "2.17",
	.rationale = "With the userland proxy on, every published port also has a docker-proxy "
	             "process listening on the host. It is extra code handling untrusted traffic "
	             "and hides the real client address from the container. Kernel NAT (hairpin "
	             "mode) does the same forwarding on any kernel Docker supports today.",
	.remediation = "Set \"userland-proxy\": false in /etc/docker/daemon.json (or run dockerd "
	               "with --userland-proxy=false) and restart the daemon.",
	.refs = REFS(DOCKERD_REF),
	.check_daemon = check_userland_proxy,
};
