/* What only a live container shows: the processes it runs, its health as the engine sees it,
 * the network it is attached to, and the limits it runs with. Compose specs and create
 * requests carry none of these facts, so these rules stay silent for them. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <string.h>

static const char *const ssh_servers[] = { "sshd", "dropbear" };

static void check_sshd(const struct rule *self, const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; i < c->nprocs; i++)
		for (size_t k = 0; k < sizeof ssh_servers / sizeof *ssh_servers; k++)
			if (!strcmp(c->procs[i], ssh_servers[k])) {
				finding_add(out, self, c->loc, c->procs[i],
				            "%s %s runs an SSH server (%s)", c_kind(c), c_name(c),
				            c->procs[i]);
				return;
			}
}

const struct rule rule_c_sshd = {
	.id = "BW-C032",
	.title = "SSH server running in container",
	.severity = SEV_MEDIUM,
	.cis = "5.7",
	.rationale = "An SSH server in a container is one more network service with credentials to "
	             "manage, keys to rotate and vulnerabilities to patch, and it lets people change "
	             "a running container by hand, outside any build or audit. docker exec already "
	             "gives operators a shell, through the engine's access control.",
	.remediation = "Remove the SSH server from the image and stop starting it; use docker exec "
	               "(or kubectl exec) for interactive access.",
	.check_cspec = check_sshd,
};

/* Only running containers have a health state; a stopped one has nothing to monitor. */
static void check_health(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (c->origin != CSPEC_INSPECT || !str_eq(c->state, "running") || c->healthcheck.disabled)
		return;
	if (!c->health_status)
		finding_add(out, self, c->loc, NULL, "%s %s runs without a health check", c_kind(c),
		            c_name(c));
	else if (str_eq(c->health_status, "unhealthy"))
		finding_add(out, self, c->loc, c->health_status, "%s %s is unhealthy", c_kind(c),
		            c_name(c));
}

const struct rule rule_c_health_runtime = {
	.id = "BW-C033",
	.title = "Container health not monitored",
	.severity = SEV_LOW,
	.cis = "5.27",
	.rationale = "Without a health check the engine only knows that the process exists. A hung "
	             "or compromised service keeps running and receiving traffic. An unhealthy "
	             "container that keeps running is already failing its users. (A container whose "
	             "health check is explicitly disabled is BW-C028's finding.)",
	.remediation = "Give the image a HEALTHCHECK, or start the container with --health-cmd "
	               "(compose: healthcheck.test); investigate and replace unhealthy containers.",
	.check_cspec = check_health,
};

static bool default_bridge(const struct cspec *c)
{
	const char *m = c->network_mode.s;
	if (str_eq(m, "bridge") || (c->origin == CSPEC_INSPECT && str_eq(m, "default")))
		return true;
	for (size_t i = 0; i < c->nnetworks; i++)
		if (!strcmp(c->networks[i], "bridge"))
			return true;
	return false;
}

static void check_bridge(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (default_bridge(c))
		finding_add(out, self, c_at(c, c->network_mode.loc), c->network_mode.s,
		            "%s %s is attached to the default bridge network", c_kind(c), c_name(c));
}

const struct rule rule_c_default_bridge = {
	.id = "BW-C034",
	.title = "Default bridge network used",
	.severity = SEV_LOW,
	.cis = "5.30",
	.rationale = "Every container on the default bridge (docker0) can reach every other one "
	             "unless the daemon disables icc, and the default bridge offers no name-based "
	             "isolation. A user-defined network per application limits who can talk to "
	             "whom.",
	.remediation = "Create a network per application (docker network create app) and attach "
	               "containers to it with --network app; compose does this by default unless "
	               "network_mode: bridge is set.",
	.check_cspec = check_bridge,
};

/* Docker's defaults (inherited from the daemon) allow a process to open ~1M files and fork
 * without bound, so a container should lower them, or the daemon should set default-ulimits. */
static void check_ulimits(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (!c->engine || c->engine->default_ulimits || c->nulimits > 0)
		return;
	finding_add(out, self, c->loc, NULL, "%s %s runs with the daemon's unrestricted ulimits",
	            c_kind(c), c_name(c));
}

const struct rule rule_c_ulimits = {
	.id = "BW-C035",
	.title = "No ulimit set",
	.severity = SEV_INFO,
	.cis = "5.19",
	.rationale = "Resource limits per process (open files, processes) bound what a runaway or "
	             "hostile process can take from the host. When neither the container nor the "
	             "daemon (default-ulimits) sets them, the engine's very high defaults apply.",
	.remediation = "Start the container with --ulimit nofile=1024:2048 --ulimit nproc=512 "
	               "(compose: ulimits), or set \"default-ulimits\" in daemon.json for every "
	               "container.",
	.check_cspec = check_ulimits,
};
