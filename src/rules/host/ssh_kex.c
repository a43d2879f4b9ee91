/* sshd offers weak key exchanges. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* SHA-1 key exchanges (group1 is also a 1024-bit group): every *-sha1 and gss-*-sha1-*. */
static bool weak(const char *name)
{
	return str_suffix(name, "-sha1") || strstr(name, "-sha1-") || strstr(name, "group1-");
}

static char *judge(const struct host *h, const char *v)
{
	(void)h;
	return ssh_pick(v, weak, "key exchange algorithms");
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_KEX, judge, out);
}

const struct rule rule_h_ssh_kex = {
	.id = "BW-H026",
	.title = "SSH offers weak key exchange algorithms",
	.severity = SEV_MEDIUM,
	.rationale = "The key exchange makes the session keys. diffie-hellman-group1-sha1 uses a "
	             "1024-bit group within reach of precomputation (Logjam), and the SHA-1 "
	             "exchanges (group14-sha1, group-exchange-sha1, the GSSAPI sha1 ones) rest on a "
	             "hash with practical collisions. OpenSSH has dropped them from its defaults; "
	             "they come back through a KexAlgorithms line or an old sshd.",
	.remediation = "Remove the weak names from KexAlgorithms (or the line, for OpenSSH's "
	               "defaults: sntrup761x25519, curve25519, ECDH, DH group14/16/18 with SHA-2) and "
	               "reload sshd; check with `sshd -T | grep ^kexalgorithms`.",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#KexAlgorithms",
	                               "https://weakdh.org/", NULL },
	.check_host = check,
};
