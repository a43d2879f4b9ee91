/* Published ports: which host interfaces and which host port numbers. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"

#define FIRST_UNPRIVILEGED_PORT 1024

/* With the host network the engine discards published ports; BW-C004 reports that instead. */
static bool ports_apply(const struct cspec *c)
{
	return !c_mode_host(&c->network_mode);
}

static bool all_interfaces(const char *ip)
{
	return !ip || !*ip || str_eq(ip, "0.0.0.0") || str_eq(ip, "::") || str_eq(ip, "[::]");
}

static const char *host_port(const struct cs_port *p)
{
	return p->host_port && *p->host_port ? p->host_port : "(random)";
}

static const char *cport(const struct cs_port *p)
{
	return p->container_port ? p->container_port : "?";
}

static void check_bind_all(const struct rule *self, const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; ports_apply(c) && i < c->nports; i++) {
		const struct cs_port *p = &c->ports[i];
		if (!p->published || !all_interfaces(p->host_ip))
			continue;
		finding_add(out, self, c_at(c, p->loc), p->host_ip,
		            "%s %s publishes host port %s (container port %s) on all interfaces",
		            c_kind(c), c_name(c), host_port(p), cport(p));
	}
}

const struct rule rule_c_port_all_interfaces = {
	.id = "BW-C021",
	.title = "Port published on all interfaces",
	.severity = SEV_LOW,
	.cis = "5.14",
	.rationale = "A port published without a host address listens on every interface of the "
	             "host, including public ones, and Docker's iptables rules bypass host firewalls "
	             "such as ufw. A database meant for local use becomes reachable from the network.",
	.remediation = "Bind to a specific address: \"127.0.0.1:8080:80\" (or the internal "
	               "interface's address); put public traffic behind a reverse proxy.",
	.check_cspec = check_bind_all,
};

static void check_privileged_port(const struct rule *self, const struct cspec *c,
                                  struct findings *out)
{
	for (size_t i = 0; ports_apply(c) && i < c->nports; i++) {
		const struct cs_port *p = &c->ports[i];
		long n;
		/* 0 or no host port: the engine picks a free ephemeral one. */
		if (!p->published || !c_parse_port(p->host_port, &n) || n == 0 ||
		    n >= FIRST_UNPRIVILEGED_PORT)
			continue;
		finding_add(out, self, c_at(c, p->loc), p->host_port,
		            "%s %s publishes privileged host port %s", c_kind(c), c_name(c),
		            p->host_port);
	}
}

const struct rule rule_c_privileged_port = {
	.id = "BW-C022",
	.title = "Privileged host port published",
	.severity = SEV_LOW,
	.cis = "5.8",
	.rationale = "Ports below 1024 are where host services such as SSH, DNS and web servers "
	             "live, and clients trust them more. Publishing one from a container can shadow "
	             "a host service and means the container claims a port only root could bind.",
	.remediation = "Publish on a port of 1024 or above (\"8080:80\") and put a reverse proxy or "
	               "load balancer in front where a well-known port is needed.",
	.check_cspec = check_privileged_port,
};
