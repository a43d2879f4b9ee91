/* sshd lets root log in with a password. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <string.h>

/* no, prohibit-password (without-password) and forced-commands-only all refuse root's password. */
static char *judge(const struct host *h, const char *v)
{
	(void)h;
	return strcmp(v, "yes") ? NULL
	                        : xstrdup("root logs in directly, with a password too");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_PERMIT_ROOT, judge, out);
}

const struct rule rule_h_ssh_root_login = {
	.id = "BW-H023",
	.title = "SSH permits root login with a password",
	.severity = SEV_HIGH,
	.aliases = ALIASES("SSH-7408"),
	.rationale = "PermitRootLogin yes lets anyone who has or guesses root's password in as root, "
	             "the one account every attacker tries, and leaves no trace of which person "
	             "logged in. no, prohibit-password (without-password is its old spelling, and "
	             "sshd's default) and forced-commands-only all refuse root's password; only "
	             "yes is reported.",
	.remediation = "Set `PermitRootLogin no` (or prohibit-password where root must log in with "
	               "a key, e.g. for automation) where sshd reads it first, and remove "
	               "`PermitRootLogin yes` from Match blocks; log in as a user and use sudo.",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#PermitRootLogin", NULL },
	.check_host = check,
};
