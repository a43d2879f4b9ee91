/* IPv4 is filtered on the input hook but IPv6 is not. */
#include "rules/rule.h"
#include "rules/host/fw_util.h"

static void check_fw_ipv6(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_fw *fw = &h->fw;
	if (!fw->known || fw->ipv6_disabled || fw_managed_unread(fw) ||
	    !fw_input_filtered(fw, false) || fw_input_filtered(fw, true))
		return;
	finding_add(out, self, LOC_NONE, NULL,
	            "IPv4 input is filtered but no input chain filters IPv6 (no ip6 or inet chain "
	            "with policy drop or a rule that drops or rejects): services listening on IPv6 "
	            "addresses are reachable");
}

const struct rule rule_h_fw_ipv6 = {
	.id = "BW-H033",
	.title = "IPv6 input not filtered while IPv4 is",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("FIRE-4508"),
	.rationale = "iptables only filters IPv4; ip6tables, and nftables tables of family ip, "
	             "filter one family each. A host with a careful iptables ruleset and nothing in "
	             "ip6tables accepts every IPv6 connection, and most services listen on [::] as "
	             "well as 0.0.0.0. With a global IPv6 address there is no NAT in front of the "
	             "host to hide them either. The check is left out when IPv6 is disabled "
	             "(net.ipv6.conf.all.disable_ipv6 = 1).",
	.remediation = "Filter both families with one nftables table of family inet, or mirror the "
	               "iptables rules in ip6tables (/etc/iptables/rules.v6) with an input policy of "
	               "DROP; or disable IPv6 if the host does not use it.",
	.refs = (const char *const[]){ "https://wiki.nftables.org/wiki-nftables/index.php/Nftables_families",
	                               NULL },
	.check_host = check_fw_ipv6,
};
