/* sshd offers weak ciphers. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* CBC modes (plaintext recovery, CVE-2008-5161), RC4, DES and 3DES (64-bit blocks), none. */
static bool weak(const char *name)
{
	return strstr(name, "-cbc") || str_prefix(name, "arcfour") || str_prefix(name, "3des") ||
	       str_prefix(name, "des") || str_prefix(name, "blowfish") ||
	       str_prefix(name, "cast128") || !strcmp(name, "none");
}

static char *judge(const struct host *h, const char *v)
{
	(void)h;
	return ssh_pick(v, weak, "ciphers");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_CIPHERS, judge, out);
}

const struct rule rule_h_ssh_ciphers = {
	.id = "BW-H024",
	.title = "SSH offers weak ciphers",
	.severity = SEV_MEDIUM,
	.rationale = "A cipher sshd offers can be chosen by a client, or forced by an attacker in "
	             "the middle of a downgrade. CBC-mode ciphers allow plaintext recovery in SSH "
	             "(CVE-2008-5161), arcfour (RC4) is broken, and 3DES, Blowfish and CAST128 have "
	             "64-bit blocks (Sweet32). None of them is in OpenSSH's default list; they come "
	             "back through a Ciphers line (\"+aes256-cbc\" for an old client, say).",
	.remediation = "Remove the weak names from Ciphers, or remove the Ciphers line to get "
	               "OpenSSH's defaults (chacha20-poly1305, AES-GCM, AES-CTR); check with "
	               "`sshd -T | grep ^ciphers`. Upgrade the clients that need old ciphers.",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#Ciphers",
	                               "https://nvd.nist.gov/vuln/detail/CVE-2008-5161", NULL },
	.check_host = check,
};
