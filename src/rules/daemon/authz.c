/* Authorization plugins: the only way to allow some API calls and not others. */
#include "rules/daemon/d_util.h"

static void check_authz(const struct rule *self, const struct daemon *d, struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "authorization-plugins");
	if (d_known(d) && (!s || !s->nitems))
		d_report(out, self, s, NULL, "no authorization plugin is enabled "
		                             "(authorization-plugins)");
}

const struct rule rule_e_authz = {
	.id = "BW-E013",
	.title = "No authorization plugin for the Docker API",
	.severity = SEV_LOW,
	.cis = "2.12",
	.cis8 = "2.13",
	.rationale = "Docker's own access control is all or nothing: anyone who can reach the "
	             "socket (members of the docker group, TLS clients) can do everything, "
	             "including starting privileged containers. An authorization plugin can allow "
	             "each user only the API calls they need and log every request.",
	.remediation = "Install an authorization plugin (for example Open Policy Agent's "
	               "opa-docker-authz), list it in \"authorization-plugins\" in "
	               "/etc/docker/daemon.json (or pass --authorization-plugin) and restart the "
	               "daemon. Where every API user is a full administrator anyway, suppress this "
	               "finding with that reason.",
	.refs = REFS("https://docs.docker.com/engine/extend/plugins_authorization/"),
	.check_daemon = check_authz,
};
