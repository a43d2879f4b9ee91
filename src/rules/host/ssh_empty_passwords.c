/* sshd lets accounts with an empty password in. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <string.h>

static char *judge(const struct host *h, const char *v)
{
	(void)h;
	return strcmp(v, "yes") ? NULL
	                        : xstrdup("an account with an empty password logs in "
	                                  "without one");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_PERMIT_EMPTY, judge, out);
}

const struct rule rule_h_ssh_empty_passwords = {
	.id = "BW-H022",
	.title = "SSH permits empty passwords",
	.severity = SEV_HIGH,
	.rationale = "With PermitEmptyPasswords yes, any account whose password is empty can log in "
	             "over SSH with nothing at all, from anywhere the port is reachable. The "
	             "default is no; yes is always a mistake on a server.",
	.remediation = "Remove `PermitEmptyPasswords yes` (or set it to no) everywhere sshd reads "
	               "it, Match blocks included; lock accounts without a password (passwd -l).",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#PermitEmptyPasswords",
	                               NULL },
	.check_host = check,
};
