/* Hard and symbolic links in world-writable directories. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "fs.protected_hardlinks", 1, 1, "1",
	  "users can hard-link files they cannot write, the first step of many link attacks" },
	{ "fs.protected_symlinks", 1, 1, "1",
	  "symlinks in sticky world-writable directories such as /tmp are followed for anyone" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_links = {
	.id = "BW-H056",
	.title = "Link protections off: fs.protected_hardlinks or fs.protected_symlinks",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "Without these protections a local user, or a process in a container that "
	             "shares a host directory, can plant a link in /tmp or another sticky "
	             "world-writable directory and have a privileged program (the daemon, a "
	             "root cron job) write or chmod the file it points at. Both settings default to "
	             "1 on current distributions; 0 means someone turned them off.",
	.remediation = "Set fs.protected_hardlinks = 1 and fs.protected_symlinks = 1 under "
	               "/etc/sysctl.d/ and apply with `sysctl --system`.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/admin-guide/sysctl/fs.html", NULL },
	.check_host = check,
};
