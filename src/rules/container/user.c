/* The user the container process runs as. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <string.h>

static void check_root(const struct rule *self, const struct cspec *c, struct findings *out)
{
	const char *u = c->user.s;
	/* A live container with no user runs as the image's, which is then root: the engine has
	 * already merged the image's USER into Config.User. */
	if (c->origin == CSPEC_INSPECT && (!u || !*u)) {
		finding_add(out, self, c->loc, NULL, "%s %s runs as root (no user set in the container "
		            "or its image)", c_kind(c), c_name(c));
		return;
	}
	if (!u || !*u || !cs_user_is_root(u))
		return;
	finding_add(out, self, c_at(c, c->user.loc), u, "%s %s runs as root (user: %s)", c_kind(c),
	            c_name(c), u);
}

/* CIS 4.1 ("Ensure that a user for the container has been created") audits exactly this: the
 * container's Config.User being root. An empty user is the image's default, which the image
 * rules judge; this rule reports only a spec that asks for root explicitly. */
const struct rule rule_c_user_root = {
	.id = "BW-C019",
	.title = "Container runs as root",
	.severity = SEV_MEDIUM,
	.cis = "4.1",
	.rationale = "Setting the user to root overrides any non-root USER the image chose. A process "
	             "running as root in the container is root on the host's files it can reach "
	             "and needs only one kernel or runtime bug to become root on the host.",
	.remediation = "Run as an unprivileged user: user: \"1000:1000\" (--user), or remove the "
	               "setting so the image's non-root USER applies.",
	.check_cspec = check_root,
};
