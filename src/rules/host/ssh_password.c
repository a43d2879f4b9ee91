/* sshd accepts passwords. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <string.h>

static char *judge(const struct host *h, const char *v)
{
	(void)h;
	return strcmp(v, "yes") ? NULL : xstrdup("sshd accepts passwords");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_PASSWORD_AUTH, judge, out);
}

const struct rule rule_h_ssh_password = {
	.id = "BW-H020",
	.title = "SSH password authentication enabled",
	.severity = SEV_MEDIUM,
	.rationale = "A host that accepts passwords over SSH can be brute-forced, and a password "
	             "phished or reused elsewhere opens it; keys cannot be guessed and do not leave "
	             "the client. PasswordAuthentication is yes unless sshd_config (or a file it "
	             "includes, first value winning) says no, so a stock install accepts passwords. "
	             "Docker hosts should let only key-based SSH in. A Match block that says yes "
	             "opens passwords for the connections it matches.",
	.remediation = "Install keys for the users who log in, then set `PasswordAuthentication no` "
	               "in a drop-in that sshd reads first (e.g. /etc/ssh/sshd_config.d/"
	               "10-hardening.conf, included at the top of sshd_config) or at the top of "
	               "sshd_config, remove `yes` from Match blocks, check with `sshd -T | grep "
	               "passwordauthentication` and reload sshd.",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#PasswordAuthentication",
	                               NULL },
	.check_host = check,
};
