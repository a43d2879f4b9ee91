/* What the engine is: reported, not judged, so the version can be checked against Docker's
 * supported releases and the kernel against the distribution's security updates. */
#include "rules/daemon/d_util.h"

static const char *or_unknown(const char *s)
{
	return s && *s ? s : "unknown";
}

static void check_facts(const struct rule *self, const struct daemon *d, struct findings *out)
{
	if (!d->engine)
		return;
	finding_add(out, self, LOC_NONE, NULL,
	            "Docker Engine %s (API %s, %s/%s) on %s, kernel %s", or_unknown(d->version),
	            or_unknown(d->api_version), or_unknown(d->os_type), or_unknown(d->arch),
	            or_unknown(d->os), or_unknown(d->kernel));
}

const struct rule rule_e_facts = {
	.id = "BW-E001",
	.title = "Docker Engine version and host kernel",
	.severity = SEV_INFO,
	.cis = "1.2.2",
	.cis8 = "1.2.2",
	.rationale = "Container escapes are usually fixed in the engine, containerd, runc or the "
	             "kernel, and every container shares the host's kernel. Knowing exactly which "
	             "Docker Engine, API and kernel versions run here is the first step to telling "
	             "whether published fixes are installed. This finding reports them whenever "
	             "the engine answered; it is information, not a verdict.",
	.remediation = "Compare the reported Docker Engine version with Docker's currently "
	               "maintained releases and the kernel with your distribution's latest security "
	               "update; upgrade the docker-ce (or distribution) packages and the kernel, then "
	               "restart the daemon and reboot.",
	.refs = REFS("https://docs.docker.com/engine/release-notes/"),
	.check_daemon = check_facts,
};
