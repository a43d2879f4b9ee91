/* An authorized_keys file anyone may write to. */
#include "rules/rule.h"
#include "model/host.h"
#include "util/util.h"

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_ssh *x = &h->ssh;
	if (!x->known)
		return;
	bool strict = !str_eq(x->eff[SK_STRICT_MODES].v, "no");
	for (size_t i = 0; i < x->nkeyfiles; i++) {
		const struct ssh_keyfile *f = &x->keyfiles[i];
		finding_add(out, self, (struct loc){ f->path, 0 }, NULL,
		            "%s, the authorized_keys file of %s, is world-writable (mode %04o): any "
		            "local user can %s", f->path, f->user, f->mode,
		            strict ? "replace its keys (sshd refuses the file while StrictModes is "
		                     "yes, so key logins fail)"
		                   : "add a key and log in as that user (StrictModes is no, so sshd "
		                     "uses the file)");
	}
}

const struct rule rule_h_ssh_authorized_keys = {
	.id = "BW-H029",
	.title = "authorized_keys file world-writable",
	.severity = SEV_HIGH,
	.rationale = "Whoever can write a user's authorized_keys can add a key and log in as that "
	             "user; for root's, as root. With StrictModes yes (the default) sshd refuses a "
	             "file that others can write, so the keys stop working, but the file's mode is "
	             "still a sign of a mistake or of tampering, and one `StrictModes no` makes it a "
	             "way in. The files checked are AuthorizedKeysFile's names (global and in Match "
	             "blocks) for root and every account in /etc/passwd.",
	.remediation = "chmod 600 the file (and check its content for keys nobody put there), "
	               "chmod go-w the .ssh directory and the home directory above it, and keep "
	               "StrictModes yes.",
	.refs = (const char *const[]){ "https://man.openbsd.org/sshd#AUTHORIZED_KEYS_FILE_FORMAT",
	                               NULL },
	.check_host = check,
};
