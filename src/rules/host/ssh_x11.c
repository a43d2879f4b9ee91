/* sshd forwards X11. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <string.h>

static char *judge(const struct host *h, const char *v)
{
	(void)h;
	return strcmp(v, "yes") ? NULL : xstrdup("sshd forwards X11 connections");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_X11, judge, out);
}

const struct rule rule_h_ssh_x11 = {
	.id = "BW-H027",
	.title = "SSH X11 forwarding enabled",
	.severity = SEV_LOW,
	.aliases = ALIASES("SSH-7408"),
	.rationale = "A server that runs containers has no display: X11 forwarding only adds a "
	             "channel through which a compromised host account can reach the X server of "
	             "the administrator's workstation (keystrokes, screen). sshd's default is no, "
	             "but Debian's and Ubuntu's sshd_config set it to yes.",
	.remediation = "Set `X11Forwarding no` where sshd reads it first (or remove the yes line), "
	               "including in Match blocks.",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#X11Forwarding", NULL },
	.check_host = check,
};
