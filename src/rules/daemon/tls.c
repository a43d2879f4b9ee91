/* The engine API on TCP: anyone who can connect controls the host unless TLS with client
 * certificates stands in the way. */
#include "rules/daemon/d_util.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

/* "tcp://host:port", or an address without a scheme, which dockerd takes as TCP. */
static bool tcp_host(const char *h)
{
	return str_prefix(h, "tcp://") || (!strstr(h, "://") && *h);
}

static void check_tcp(const struct rule *self, const struct daemon *d, bool want_tls,
                      struct findings *out)
{
	const struct d_setting *hosts = daemon_get(d, "hosts");
	bool verify = daemon_bool(d, "tlsverify", false);
	bool tls = verify || daemon_bool(d, "tls", false);
	char what[400];
	if (tls != want_tls || verify)
		return;
	for (size_t i = 0; hosts && i < hosts->nitems; i++) {
		const char *h = hosts->items[i];
		if (!tcp_host(h))
			continue;
		if (tls)
			snprintf(what, sizeof what, "the Docker API on %s uses TLS but does not verify "
			         "client certificates (tlsverify: %s)", h,
			         daemon_origin(daemon_get(d, "tlsverify")));
		else
			snprintf(what, sizeof what, "the Docker API listens on %s without TLS", h);
		d_report(out, self, hosts, h, what);
	}
}

static void check_no_tls(const struct rule *self, const struct daemon *d, struct findings *out)
{
	check_tcp(self, d, false, out);
}

const struct rule rule_e_tcp_no_tls = {
	.id = "BW-E007",
	.title = "Docker API on TCP without TLS",
	.severity = SEV_CRITICAL,
	.cis = "2.7",
	.cis8 = "2.8",
	.rationale = "The Docker API has no authentication of its own: whoever can connect can "
	             "start a privileged container that mounts the host's root filesystem, which is "
	             "root on the host. Without TLS that is anyone who can reach the port, and "
	             "every request, credentials included, crosses the network in clear. Even a "
	             "loopback address is open to every local user and to containers on the host "
	             "network.",
	.remediation = "Remove the tcp:// entry from \"hosts\" in /etc/docker/daemon.json (or the "
	               "-H flag) and use the unix socket or docker -H ssh://user@host. If TCP is "
	               "needed, set \"tlsverify\": true with \"tlscacert\", \"tlscert\" and "
	               "\"tlskey\", listen on port 2376, issue client certificates from that CA "
	               "only to those who may administer the host, and restart the daemon.",
	.refs = REFS("https://docs.docker.com/engine/security/protect-access/"),
	.check_daemon = check_no_tls,
};

static void check_no_verify(const struct rule *self, const struct daemon *d,
                            struct findings *out)
{
	check_tcp(self, d, true, out);
}

const struct rule rule_e_tcp_no_verify = {
	.id = "BW-E008",
	.title = "Docker API on TCP with TLS but without client verification",
	.severity = SEV_HIGH,
	.cis = "2.7",
	.cis8 = "2.8",
	.rationale = "With \"tls\" but not \"tlsverify\" the connection is encrypted but any "
	             "client is accepted: anyone who can reach the port has full control of the "
	             "daemon, and through it root on the host.",
	.remediation = "Set \"tlsverify\": true and \"tlscacert\" (the CA that signs client "
	               "certificates) in /etc/docker/daemon.json, or pass --tlsverify "
	               "--tlscacert=..., and restart the daemon; issue client certificates only to "
	               "those who may administer the host.",
	.refs = REFS("https://docs.docker.com/engine/security/protect-access/"),
	.check_daemon = check_no_verify,
};
