/* sshd offers weak MACs. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* MD5, RIPEMD-160, tags truncated to 96 bits, and SHA-1 in encrypt-and-MAC mode (not -etm). */
static bool weak(const char *name)
{
	return strstr(name, "md5") || strstr(name, "ripemd") || strstr(name, "-96") ||
	       !strcmp(name, "hmac-sha1");
}

static char *judge(const struct host *h, const char *v)
{
	(void)h;
	return ssh_pick(v, weak, "MACs");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_MACS, judge, out);
}

const struct rule rule_h_ssh_macs = {
	.id = "BW-H025",
	.title = "SSH offers weak MACs",
	.severity = SEV_LOW,
	.rationale = "The MAC protects every packet's integrity. MD5 and RIPEMD-160 are obsolete, "
	             "96-bit truncated tags are short, and SHA-1 in SSH's original encrypt-and-MAC "
	             "mode (hmac-sha1, as opposed to hmac-sha1-etm@openssh.com) is SHA-1 and MACs "
	             "the plaintext. None is broken in practice as an HMAC today, so the severity is "
	             "low, but hardening baselines (CIS, BSI) drop them; OpenSSH's default list "
	             "still ends with hmac-sha1, so a stock sshd is reported.",
	.remediation = "Set `MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
	               "umac-128-etm@openssh.com,hmac-sha2-512,hmac-sha2-256` (or `MACs -hmac-sha1,"
	               "*md5*,*-96*` to remove them from the default list) and reload sshd; check "
	               "with `sshd -T | grep ^macs`.",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#MACs", NULL },
	.check_host = check,
};
