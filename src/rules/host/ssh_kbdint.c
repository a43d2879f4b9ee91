/* sshd asks for passwords through keyboard-interactive (PAM). */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <string.h>

/* Without PAM, Linux's sshd has no keyboard-interactive device to ask with. */
static char *judge(const struct host *h, const char *v)
{
	if (strcmp(v, "yes") || !str_eq(h->ssh.eff[SK_USE_PAM].v, "yes"))
		return NULL;
	return xstrdup("with UsePAM yes, PAM asks for passwords through "
	               "keyboard-interactive authentication");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_KBDINT_AUTH, judge, out);
}

const struct rule rule_h_ssh_kbdint = {
	.id = "BW-H021",
	.title = "SSH keyboard-interactive (challenge-response) authentication enabled",
	.severity = SEV_MEDIUM,
	.rationale = "KbdInteractiveAuthentication (ChallengeResponseAuthentication is its old "
	             "name; the first of the two that is set wins) lets PAM hold a dialogue with "
	             "the client, which with the usual PAM stack is a password prompt: turning "
	             "PasswordAuthentication off alone still leaves passwords in this way. sshd's "
	             "default is yes. With UsePAM no sshd on Linux has nothing to ask with, so the "
	             "rule fires only when UsePAM is yes (Debian and Ubuntu set it).",
	.remediation = "Set `KbdInteractiveAuthentication no` where sshd reads it first (a drop-in "
	               "included at the top of sshd_config, or the top of sshd_config), and remove "
	               "`yes` from Match blocks; unless a second factor through PAM is wanted, in "
	               "which case require keys too (AuthenticationMethods publickey,"
	               "keyboard-interactive).",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#KbdInteractiveAuthentication",
	                               NULL },
	.check_host = check,
};
