/* Daemon runtime behaviour: live restore and experimental features. */
#include "rules/daemon/d_util.h"

static void check_live_restore(const struct rule *self, const struct daemon *d,
                               struct findings *out)
{
	/* Swarm mode does not support live restore, so CIS counts it as not applicable. */
	if (d->swarm_active)
		return;
	d_check_bool(self, d, "live-restore", false, false,
	             "containers stop whenever the daemon stops or restarts", out);
}

const struct rule rule_e_live_restore = {
	.id = "BW-E016",
	.title = "Live restore not enabled",
	.severity = SEV_LOW,
	.cis = "2.15",
	.cis8 = "2.16",
	.rationale = "Without live restore every daemon restart, including the one a security "
	             "update needs, stops all containers. That makes updates disruptive, so they "
	             "get postponed. With it, containers keep running while the daemon is upgraded "
	             "or restarted. Not applicable, and not reported, in swarm mode.",
	.remediation = "Set \"live-restore\": true in /etc/docker/daemon.json (or run dockerd "
	               "with --live-restore) and reload the daemon (systemctl reload docker).",
	.refs = REFS("https://docs.docker.com/engine/daemon/live-restore/"),
	.check_daemon = check_live_restore,
};

static void check_experimental(const struct rule *self, const struct daemon *d,
                               struct findings *out)
{
	d_check_bool(self, d, "experimental", false, true, "experimental features are enabled",
	             out);
}

const struct rule rule_e_experimental = {
	.id = "BW-E019",
	.title = "Experimental daemon features enabled",
	.severity = SEV_LOW,
	.cis = "2.18",
	.cis8 = "2.19",
	.rationale = "Experimental features are unfinished: they may change or go away, have had "
	             "less review and testing, and add attack surface that production does not "
	             "need.",
	.remediation = "Remove \"experimental\": true from /etc/docker/daemon.json (or the "
	               "--experimental flag) and restart the daemon.",
	.refs = REFS(DOCKERD_REF),
	.check_daemon = check_experimental,
};
