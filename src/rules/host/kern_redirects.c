/* ICMP redirects and source routing. IP forwarding itself is not here: Docker needs it. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "net.ipv4.conf.all.accept_redirects", 0, 0, "0",
	  "ICMP redirects from the network can rewrite the host's routes" },
	{ "net.ipv4.conf.all.send_redirects", 0, 0, "0",
	  "the host, which forwards for its containers, tells neighbours to route through it" },
	{ "net.ipv4.conf.default.send_redirects", 0, 0, "0",
	  "new interfaces (every container network's bridge) send ICMP redirects" },
	{ "net.ipv4.conf.all.accept_source_route", 0, 0, "0",
	  "source-routed packets choose their own path through the host" },
	{ "net.ipv6.conf.all.accept_redirects", 0, 0, "0",
	  "ICMPv6 redirects from the network can rewrite the host's routes" },
	{ "net.ipv6.conf.all.accept_source_route", 0, 0, "0",
	  "source-routed packets choose their own path through the host" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_redirects = {
	.id = "BW-H062",
	.title = "ICMP redirects or source routing accepted or sent",
	.severity = SEV_LOW,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "A Docker host is a router: the daemon turns on IP forwarding so containers "
	             "reach the network, and that is expected (not reported). What a router should "
	             "not do is let a neighbour redirect its traffic (accept_redirects), advertise "
	             "itself as a better path to hosts on the same link (send_redirects) or honour "
	             "source routes chosen by the sender. An attacker on the link uses these to "
	             "sit in the middle of the host's or the containers' traffic. send_redirects "
	             "counts per interface too, so its default is checked as well.",
	.remediation = "Under /etc/sysctl.d/ set net.ipv4.conf.all.accept_redirects = 0, "
	               "net.ipv4.conf.all.send_redirects = 0, net.ipv4.conf.default.send_redirects = "
	               "0, net.ipv4.conf.all.accept_source_route = 0, "
	               "net.ipv6.conf.all.accept_redirects = 0 and "
	               "net.ipv6.conf.all.accept_source_route = 0; apply with `sysctl --system`. "
	               "Leave net.ipv4.ip_forward alone: Docker needs it.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html", NULL },
	.check_host = check,
};
