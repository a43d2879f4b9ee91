/* Docker Content Trust in the environment the audit runs in (the docker CLI reads it). */
#include "rules/daemon/d_util.h"
#include "util/util.h"

/* The docker CLI enables trust for any non-empty value that strconv.ParseBool does not read
 * as false. */
static bool trust_on(const char *v)
{
	return v && *v && d_parse_bool(v) != 0;
}

static void check_trust(const struct rule *self, const struct daemon *d, struct findings *out)
{
	if (!d_known(d) || trust_on(d->content_trust))
		return;
	if (d->content_trust && *d->content_trust)
		finding_add(out, self, LOC_NONE, d->content_trust,
		            "DOCKER_CONTENT_TRUST is \"%s\" in the environment of this audit, which "
		            "turns content trust off", d->content_trust);
	else
		finding_add(out, self, LOC_NONE, NULL,
		            "DOCKER_CONTENT_TRUST is not set in the environment of this audit");
}

const struct rule rule_e_content_trust = {
	.id = "BW-E020",
	.title = "Docker Content Trust not enabled",
	.severity = SEV_LOW,
	.cis = "4.5",
	.cis8 = "4.5",
	.aliases = ALIASES("CIS-DI-0005"),
	.rationale = "With DOCKER_CONTENT_TRUST=1 the docker CLI pulls, runs and builds only from "
	             "signed image tags and signs what it pushes, so a tampered or substituted "
	             "image in a registry is refused. It is a client setting: this checks the "
	             "environment the audit runs in, which should match how images are pulled "
	             "here (shell profiles, CI jobs).",
	.remediation = "export DOCKER_CONTENT_TRUST=1 in the environment of every user and job "
	               "that pulls or runs images on this host (for example in /etc/environment "
	               "or the CI configuration), and sign the images you push.",
	.refs = REFS("https://docs.docker.com/engine/security/trust/"),
	.check_daemon = check_trust,
};
