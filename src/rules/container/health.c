/* Health checks. */
#include "rules/rule.h"
#include "rules/container/c_util.h"

static void check_disabled(const struct rule *self, const struct cspec *c, struct findings *out)
{
	if (!c->healthcheck.disabled)
		return;
	finding_add(out, self, c_at(c, c->healthcheck.loc), NULL,
	            "%s %s disables its health check", c_kind(c), c_name(c));
}

/* CIS 5.27 asks that container health be checked at runtime; an explicitly disabled check is
 * the one case a spec can show. A missing healthcheck is not reported: the image may define one. */
const struct rule rule_c_healthcheck_disabled = {
	.id = "BW-C028",
	.title = "Health check disabled",
	.severity = SEV_LOW,
	.cis = "5.27",
	.rationale = "Disabling the health check (including one the image defines) leaves the engine, "
	             "orchestrators and monitoring unable to tell a hung or hijacked service from a "
	             "working one, so it is neither restarted nor taken out of rotation.",
	.remediation = "Remove healthcheck.disable: true (--no-healthcheck) and define a test that "
	               "exercises the service, e.g. test: [\"CMD\", \"curl\", \"-f\", "
	               "\"http://localhost/health\"].",
	.check_cspec = check_disabled,
};
