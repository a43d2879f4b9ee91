/* A published container port that docker-proxy listens for on every address of the host. */
#include "rules/rule.h"
#include "model/host.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static bool is_proxy(const struct host_listener *l)
{
	const struct host_proc *p = &l->proc;
	const char *exe = p->exe ? strrchr(p->exe, '/') : NULL;
	return p->proxy.set || (exe && str_prefix(exe + 1, "docker-proxy")) ||
	       (!p->exe && p->comm && !strcmp(p->comm, "docker-proxy"));
}

static void check_net_published(const struct rule *self, const struct host *h,
                                struct findings *out)
{
	const struct host_net *n = &h->net;
	for (size_t i = 0; n->known && i < n->n; i++) {
		const struct host_listener *l = &n->v[i];
		if (!l->any || !is_proxy(l))
			continue;
		const struct host_proxy *x = &l->proc.proxy;
		char *ep = host_listener_endpoint(l);
		char *to = x->set ? xasprintf("container %s port %u/%s", x->container_ip,
		                              x->container_port, x->proto)
		                  : xstrdup("a container (docker-proxy's arguments were unreadable)");
		finding_add(out, self, l->loc, ep,
		            "Published port %s/%s (docker-proxy, pid %d) listens on every address of "
		            "the host and forwards to %s", ep, l->proto, l->proc.pid, to);
		free(to);
		free(ep);
	}
}

const struct rule rule_h_net_published = {
	.id = "BW-H041",
	.title = "Published container port listens on every host address",
	.severity = SEV_INFO,
	.aliases = ALIASES("NETW-3012"),
	.rationale = "`-p 8080:80` publishes a container port on every address of the host, "
	             "public ones included, unless an address is given (`-p 127.0.0.1:8080:80`). "
	             "Docker's userland proxy, docker-proxy, then holds a listening socket on the "
	             "wildcard address; its command line names the container address and port it "
	             "forwards to. Packets to the port are also forwarded by Docker's own firewall "
	             "rules, ahead of the host firewall's (the firewall rules report that). This "
	             "finding lists what is exposed so that each exposure is a decision.",
	.remediation = "Publish on the address that should serve the port: `-p 127.0.0.1:8080:80` "
	               "(compose: \"127.0.0.1:8080:80\") for local use or behind a reverse proxy, or "
	               "the one interface's address. To make that the default, set \"ip\": "
	               "\"127.0.0.1\" in /etc/docker/daemon.json.",
	.refs = (const char *const[]){
		"https://docs.docker.com/engine/network/packet-filtering-firewalls/", NULL },
	.check_host = check_net_published,
};
