/* An input hook chain that accepts everything: policy accept and no rule that filters. */
#include "rules/rule.h"
#include "rules/host/fw_util.h"

static void check_fw_accept(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_fw *fw = &h->fw;
	/* Filtered on either family: the other is BW-H033's; another chain filtering: harmless. */
	if (!fw->known || fw_managed_unread(fw) || fw_input_filtered(fw, false) ||
	    fw_input_filtered(fw, true))
		return;
	for (size_t i = 0; i < fw->nchains; i++) {
		const struct fw_chain *c = &fw->chains[i];
		if (c->hook != FWH_INPUT)
			continue;
		finding_add(out, self, c->loc, c->name,
		            "input chain %s %s %s (%s) has policy accept and %zu rule%s, none of which "
		            "drops or rejects: nothing reaching the host is filtered",
		            fw_family_name(c->family), c->table, c->name, fw_chain_origin(c), c->nrules,
		            c->nrules == 1 ? "" : "s");
	}
}

const struct rule rule_h_fw_accept = {
	.id = "BW-H031",
	.title = "Firewall input chain accepts everything",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("FIRE-4508", "FIRE-4512", "FIRE-4540"),
	.rationale = "A firewall that is loaded but whose input chains have policy accept and no "
	             "rule that drops or rejects filters nothing: it is the distribution's empty "
	             "template (Debian's /etc/nftables.conf is one) or a ruleset half set up. It looks "
	             "like protection in a listing and gives none; every listening service is "
	             "reachable. Chains that only accept (established traffic, ssh) change nothing "
	             "under an accept policy. The finding names each such chain, and is left out "
	             "when some chain on the input hook filters (chains on one hook all see every "
	             "packet, so one that drops is enough).",
	.remediation = "Give the input chain `policy drop;` (nft) or `-P INPUT DROP` (iptables) "
	               "after rules that accept established and related traffic, the loopback "
	               "interface, and the services meant to be reachable; or add a final rule that "
	               "drops the rest.",
	.refs = (const char *const[]){ "https://wiki.nftables.org/wiki-nftables/index.php/Configuring_chains",
	                               NULL },
	.check_host = check_fw_accept,
};
