/* Registries the daemon talks to without verifying TLS. */
#include "rules/daemon/d_util.h"
#include <stdio.h>

static void check_insecure(const struct rule *self, const struct daemon *d, struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "insecure-registries");
	char what[300];
	for (size_t i = 0; s && i < s->nitems; i++) {
		snprintf(what, sizeof what, "registry \"%s\" is used without TLS verification",
		         s->items[i]);
		d_report(out, self, s, s->items[i], what);
	}
}

const struct rule rule_e_insecure_registry = {
	.id = "BW-E005",
	.title = "Insecure registry allowed",
	.severity = SEV_HIGH,
	.cis = "2.5",
	.cis8 = "2.5",
	.rationale = "For an insecure registry the daemon accepts plain HTTP or any TLS "
	             "certificate. Anyone on the network path can then serve their own image for a "
	             "pull, and it runs here as if it were yours, or read the credentials sent on "
	             "push. The engine's built-in loopback entries (127.0.0.0/8, ::1/128) are not "
	             "reported.",
	.remediation = "Remove the entry from \"insecure-registries\" in /etc/docker/daemon.json "
	               "(or the --insecure-registry flag) and restart the daemon. Give the registry "
	               "a certificate; for a private CA, put it in "
	               "/etc/docker/certs.d/<registry:port>/ca.crt.",
	.refs = REFS("https://docs.docker.com/engine/security/certificates/", DOCKERD_REF),
	.check_daemon = check_insecure,
};
