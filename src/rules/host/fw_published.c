/* Published container ports bypass the host firewall unless DOCKER-USER restricts them. */
#include "rules/rule.h"
#include "rules/host/fw_util.h"

static void check_fw_published(const struct rule *self, const struct host *h,
                               struct findings *out)
{
	const struct host_fw *fw = &h->fw;
	char port[32];
	for (size_t i = 0; i < fw->nports; i++) {
		const struct fw_port *p = &fw->ports[i];
		if (p->loopback || fw_port_restricted(fw, p))
			continue;
		finding_add(out, self, p->loc, fw_port_text(p, port, sizeof port),
		            "published port %s/%s (%s%s) reaches container %s through Docker's DNAT "
		            "rule, ahead of the host's input rules, and no DOCKER-USER rule restricts it",
		            fw_port_text(p, port, sizeof port), p->proto, p->v6 ? "IPv6, " : "",
		            p->host_addr ? p->host_addr : "every host address", p->to);
	}
}

const struct rule rule_h_fw_published = {
	.id = "BW-H032",
	.title = "Published container port bypasses the host firewall",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("FIRE-4590"),
	.rationale = "`docker run -p 8080:80` makes Docker add a DNAT rule in the nat table's "
	             "PREROUTING path: the packet's destination becomes the container's address "
	             "before filtering, so it goes through the FORWARD hook, not INPUT. ufw and "
	             "firewalld rules, and a hand-written input chain, never see it; Docker's own "
	             "FORWARD chains accept it. Administrators who `ufw deny 8080` and see the port "
	             "answer anyway are regularly caught by this. Docker's answer is the DOCKER-USER "
	             "chain, which FORWARD consults before Docker's chains: a DROP or REJECT there "
	             "(by port, by source, or for all traffic from the outside interface) is the "
	             "place to restrict published ports. The check reads the DOCKER chain of the nat "
	             "table (iptables-save and ip6tables-save live; under --root a captured "
	             "run/bulwark/iptables-save, or /etc/iptables/rules.v4 when someone saved Docker's "
	             "rules there) and reports each port published on an address other than "
	             "loopback that no DOCKER-USER rule restricts: a DROP, REJECT or jump to another "
	             "chain whose protocol and ports (--dport: the container's port after DNAT; "
	             "--ctorigdstport: the published one) cover it, before any unconditional RETURN.",
	.remediation = "Publish on loopback when only the host needs the port (`-p 127.0.0.1:8080:80`), "
	               "or on one interface's address. Otherwise restrict it in DOCKER-USER, e.g. "
	               "`iptables -I DOCKER-USER -i eth0 ! -s 192.0.2.0/24 -p tcp -m conntrack "
	               "--ctorigdstport 8080 --ctdir ORIGINAL -j DROP`, and save the rule so it is "
	               "loaded at boot.",
	.refs = (const char *const[]){ "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
	                               "https://docs.docker.com/engine/network/port-publishing/",
	                               NULL },
	.check_host = check_fw_published,
};
