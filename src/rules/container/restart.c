/* Restart policy: restarting forever instead of giving up after a few failures. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

#define MAX_RETRIES 5

/* Retries of an on-failure policy: restart_max, or the N of an unsplit "on-failure:N".
 * 0 means unlimited, as in the engine. */
static long on_failure_retries(const struct cspec *c)
{
	const char *colon = strchr(c->restart.s, ':');
	if (c->restart_max.set)
		return c->restart_max.v > 0 ? (long)c->restart_max.v : 0;
	return colon ? strtol(colon + 1, NULL, 10) : 0;
}

static void check_restart(const struct rule *self, const struct cspec *c, struct findings *out)
{
	const char *p = c->restart.s;
	long n;
	if (!p)
		return;
	if (str_ieq(p, "always") || str_ieq(p, "unless-stopped") || str_ieq(p, "any")) {
		finding_add(out, self, c_at(c, c->restart.loc), p,
		            "%s %s restarts forever (restart policy %s)", c_kind(c), c_name(c), p);
		return;
	}
	if (!str_iprefix(p, "on-failure"))
		return;
	n = on_failure_retries(c);
	if (n > 0 && n <= MAX_RETRIES)
		return;
	if (n <= 0)
		finding_add(out, self, c_at(c, c->restart.loc), p,
		            "%s %s restarts on failure without a retry limit", c_kind(c), c_name(c));
	else
		finding_add(out, self, c_at(c, c->restart.loc), p,
		            "%s %s restarts on failure up to %ld times (more than %d)", c_kind(c),
		            c_name(c), n, MAX_RETRIES);
}

const struct rule rule_c_restart_policy = {
	.id = "BW-C018",
	.title = "Restart policy not limited",
	.severity = SEV_LOW,
	.cis = "5.15",
	.rationale = "A container that crashes because it is being attacked, or that keeps failing, "
	             "is restarted forever with always, unless-stopped or on-failure without a "
	             "limit: an exploit gets unlimited attempts and a crash loop hides a problem "
	             "while consuming host resources. Capping retries makes failures visible.",
	.remediation = "Use restart: on-failure:5 (--restart on-failure:5), or in swarm mode "
	               "deploy.restart_policy with condition: on-failure and max_attempts: 5.",
	.check_cspec = check_restart,
};
