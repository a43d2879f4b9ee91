/* Defaults the daemon applies to every container: ulimits, cgroup parent, no-new-privileges. */
#include "rules/daemon/d_util.h"
#include "util/util.h"
#include <stdio.h>

static void check_ulimits(const struct rule *self, const struct daemon *d, struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "default-ulimits");
	if (d_known(d) && !d->default_ulimits)
		d_report(out, self, s, NULL, "no default ulimits are set for containers "
		                             "(default-ulimits)");
}

const struct rule rule_e_default_ulimits = {
	.id = "BW-E009",
	.title = "No default ulimits for containers",
	.severity = SEV_INFO,
	.cis = "2.8",
	.cis8 = "2.9",
	.rationale = "Without default-ulimits containers inherit the daemon's own limits, which "
	             "under systemd are often unlimited open files and processes, so one container "
	             "can exhaust them for the host. It is information only: CIS rates this item "
	             "manual because the right limits depend on the workloads, and a limit set too "
	             "low breaks them (per-container --ulimit and pids-limit also cover it).",
	.remediation = "Add limits that fit your workloads to /etc/docker/daemon.json, for "
	               "example \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", "
	               "\"Soft\": 65536, \"Hard\": 65536}, \"nproc\": {\"Name\": \"nproc\", "
	               "\"Soft\": 4096, \"Hard\": 8192}} (or --default-ulimit nofile=65536:65536), "
	               "and restart the daemon.",
	.refs = REFS(DOCKERD_REF),
	.check_daemon = check_ulimits,
};

static void check_cgroup_parent(const struct rule *self, const struct daemon *d,
                                struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "cgroup-parent");
	char what[300];
	/* The defaults of the cgroupfs and systemd cgroup drivers. */
	if (!s || !s->value || !*s->value || str_eq(s->value, "/docker") ||
	    str_eq(s->value, "system.slice"))
		return;
	snprintf(what, sizeof what, "containers are placed under cgroup parent \"%s\"", s->value);
	d_report(out, self, s, s->value, what);
}

const struct rule rule_e_cgroup_parent = {
	.id = "BW-E011",
	.title = "Default cgroup parent changed",
	.severity = SEV_LOW,
	.cis = "2.10",
	.cis8 = "2.11",
	.rationale = "The cgroup parent decides whose resource limits and accounting contain every "
	             "container. Placing them under another group can escape the limits meant for "
	             "containers, or starve whatever else lives in that group; a change should be "
	             "deliberate and confirmed.",
	.remediation = "If the change is not intended, remove \"cgroup-parent\" from "
	               "/etc/docker/daemon.json (or the --cgroup-parent flag) and restart the "
	               "daemon; if it is, suppress this finding with the reason.",
	.refs = REFS(DOCKERD_REF),
	.check_daemon = check_cgroup_parent,
};

static void check_nnp(const struct rule *self, const struct daemon *d, struct findings *out)
{
	d_check_bool(self, d, "no-new-privileges", false, false,
	             "containers can gain privileges through setuid binaries by default", out);
}

const struct rule rule_e_no_new_privileges = {
	.id = "BW-E015",
	.title = "no-new-privileges not the daemon default",
	.severity = SEV_MEDIUM,
	.cis = "2.14",
	.cis8 = "2.15",
	.rationale = "no-new-privileges stops a process from gaining privileges through setuid or "
	             "setgid binaries and file capabilities, a common step from a compromised "
	             "non-root process to root inside the container. Setting it daemon-wide "
	             "protects every container, including those started without "
	             "--security-opt no-new-privileges.",
	.remediation = "Set \"no-new-privileges\": true in /etc/docker/daemon.json (or run dockerd "
	               "with --no-new-privileges) and restart the daemon; a container that really "
	               "needs setuid can opt out with --security-opt no-new-privileges=false.",
	.refs = REFS(DOCKERD_REF),
	.check_daemon = check_nnp,
};
