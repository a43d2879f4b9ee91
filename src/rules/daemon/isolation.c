/* Kernel isolation defaults: user namespaces and seccomp. */
#include "rules/daemon/d_util.h"
#include "util/util.h"
#include <stdio.h>

static void check_userns(const struct rule *self, const struct daemon *d, struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "userns-remap");
	/* A rootless daemon gives containers the same protection: root inside is not root on
	 * the host. */
	if (!d_known(d) || d->rootless || (s && s->value && *s->value))
		return;
	d_report(out, self, s, NULL, "user namespace remapping is off (userns-remap)");
}

const struct rule rule_e_userns = {
	.id = "BW-E010",
	.title = "User namespace remapping not enabled",
	.severity = SEV_MEDIUM,
	.cis = "2.9",
	.cis8 = "2.10",
	.rationale = "Without user namespace remapping, root in a container is root (uid 0) on the "
	             "host: a process that escapes the container, or writes through a host mount, "
	             "does so with full host privileges. Remapping maps container root to an "
	             "unprivileged host uid range. A rootless daemon counts as enabled, it gives "
	             "the same protection.",
	.remediation = "Set \"userns-remap\": \"default\" in /etc/docker/daemon.json (or run "
	               "dockerd with --userns-remap=default), which creates the dockremap user and "
	               "its /etc/subuid and /etc/subgid ranges, and restart the daemon; or run "
	               "Docker in rootless mode. Images and volumes must be re-pulled or re-owned "
	               "for the new uid range.",
	.refs = REFS("https://docs.docker.com/engine/security/userns-remap/",
	             "https://docs.docker.com/engine/security/rootless/"),
	.check_daemon = check_userns,
};

static void check_seccomp(const struct rule *self, const struct daemon *d, struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "seccomp-profile");
	if (s && str_eq(s->value, "unconfined"))
		d_report(out, self, s, s->value, "containers run without a seccomp filter by "
		                                 "default (seccomp-profile \"unconfined\")");
	else if (d->seccomp_absent)
		finding_add(out, self, LOC_NONE, NULL,
		            "the engine lists no seccomp among its SecurityOptions: containers run "
		            "without a seccomp filter");
}

const struct rule rule_e_seccomp = {
	.id = "BW-E018",
	.title = "Daemon-wide seccomp profile disabled",
	.severity = SEV_HIGH,
	.cis = "2.17",
	.cis8 = "2.18",
	.rationale = "Docker's default seccomp profile blocks more than 40 system calls containers "
	             "rarely need (kexec_load, open_by_handle_at, keyctl, add_key, ...), some of "
	             "which have been the way out of a container. \"seccomp-profile\": \"unconfined\" "
	             "removes that filter from every container that does not set its own; so does "
	             "a kernel or engine built without seccomp. A custom profile passes.",
	.remediation = "Remove \"seccomp-profile\" from /etc/docker/daemon.json (or the "
	               "--seccomp-profile flag), or point it at a reviewed custom profile, and "
	               "restart the daemon; on a kernel without CONFIG_SECCOMP, move to one with it.",
	.refs = REFS("https://docs.docker.com/engine/security/seccomp/"),
	.check_daemon = check_seccomp,
};
