/* sshd allows many authentication attempts per connection. */
#include "rules/host/ssh_util.h"
#include "util/util.h"
#include <stdlib.h>

enum { MAX_TRIES = 4 };

static char *judge(const struct host *h, const char *v)
{
	(void)h;
	long n = strtol(v, NULL, 10);
	return n <= MAX_TRIES ? NULL
	                      : xasprintf("more than %d attempts per connection", MAX_TRIES);
}

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	ssh_check(self, h, SK_MAX_AUTH_TRIES, judge, out);
}

const struct rule rule_h_ssh_max_auth_tries = {
	.id = "BW-H028",
	.title = "SSH MaxAuthTries above 4",
	.severity = SEV_LOW,
	.aliases = ALIASES("SSH-7408"),
	.rationale = "MaxAuthTries bounds the authentication attempts of one connection (sshd "
	             "logs the failures once half are used). The default, 6, lets a guesser try "
	             "more per connection; 4 or fewer slows guessing and gets it logged sooner.",
	.remediation = "Set `MaxAuthTries 4` (or less) where sshd reads it first, and in Match "
	               "blocks that set it. Users with many keys in an agent then name the one to "
	               "use (IdentitiesOnly, IdentityFile).",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd_config#MaxAuthTries", NULL },
	.check_host = check,
};
