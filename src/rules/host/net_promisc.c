/* A network interface in promiscuous mode, other than the ports of a bridge or bond. */
#include "rules/rule.h"
#include "model/host.h"
#include <net/if.h>

static void check_net_promisc(const struct rule *self, const struct host *h,
                              struct findings *out)
{
	const struct host_net *n = &h->net;
	for (size_t i = 0; n->ifaces_known && i < n->nifaces; i++) {
		const struct host_iface *f = &n->ifaces[i];
		if (!(f->flags & IFF_PROMISC) || f->port)
			continue;
		finding_add(out, self, f->loc, f->name,
		            "Interface %s is in promiscuous mode (flags 0x%x): every frame on its link "
		            "reaches the host, and whatever asked for it can read them", f->name,
		            f->flags);
	}
}

const struct rule rule_h_net_promisc = {
	.id = "BW-H042",
	.title = "Network interface in promiscuous mode",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("NETW-3015"),
	.rationale = "An interface in promiscuous mode hands the host every frame on its link, "
	             "including traffic meant for other machines and for containers on it. A packet "
	             "capture left running, or a sniffer planted by an intruder, is the usual cause. "
	             "Ports of a Linux bridge (the veth ends of containers on docker0 and other "
	             "Docker networks), of a bond or of a switch are promiscuous by design and are "
	             "not reported: Lynis's promiscuity test flags each of them on a Docker host. "
	             "The check reads /sys/class/net/NAME/flags, whose IFF_PROMISC bit is set while "
	             "anything keeps the interface promiscuous.",
	.remediation = "Find what holds it (ss -0 -p lists packet sockets; `ip -d link show NAME` "
	               "shows the promiscuity count), stop it if it is not wanted, or turn the "
	               "mode off with `ip link set NAME promisc off` if it was set by hand.",
	.check_host = check_net_promisc,
};
