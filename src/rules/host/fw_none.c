/* No firewall: nothing filters what reaches the host. */
#include "rules/rule.h"
#include "rules/host/fw_util.h"

static void check_fw_none(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_fw *fw = &h->fw;
	if (!fw->known || fw_has_input(fw) || fw_managed_unread(fw))
		return;
	finding_add(out, self, LOC_NONE, NULL, "%s",
	            fw->live_state ? "no firewall: no nftables or iptables chain filters the input "
	                             "hook, so every port the host listens on is reachable"
	                           : "no firewall is loaded at boot: neither /etc/nftables.conf nor "
	                             "/etc/iptables/rules.v4 or rules.v6 defines an input chain, and "
	                             "neither ufw nor firewalld is enabled");
}

const struct rule rule_h_fw_none = {
	.id = "BW-H030",
	.title = "No host firewall",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("FIRE-4590", "FIRE-4512", "FIRE-4540"),
	.rationale = "Without a packet filter on the input hook, every service that listens on a "
	             "non-loopback address is reachable from every network the host is on: a "
	             "debugging port, a database bound to 0.0.0.0, the engine's own TCP socket. A "
	             "container host should accept only what it is meant to serve (SSH from the "
	             "administrators' networks, the published services) and drop the rest. Live, the "
	             "check reads `nft -j list ruleset` and iptables-save; under --root it reads the "
	             "configurations loaded at boot (/etc/nftables.conf and its includes, "
	             "/etc/iptables/rules.v4 and rules.v6, or /etc/sysconfig/iptables), or a captured "
	             "ruleset in run/bulwark/ (nft.json, iptables-save, ip6tables-save).",
	.remediation = "Load a ruleset at boot. With nftables: write /etc/nftables.conf with a "
	               "`table inet filter` whose input chain has `policy drop;` and accepts "
	               "established traffic, loopback and the services meant to be reachable, then "
	               "`systemctl enable --now nftables`. Or enable ufw (`ufw default deny incoming`, "
	               "`ufw allow ssh`, `ufw enable`) or firewalld.",
	.refs = (const char *const[]){ "https://wiki.nftables.org/wiki-nftables/index.php/Simple_ruleset_for_a_server",
	                               "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
	                               NULL },
	.check_host = check_fw_none,
};
