/* Core dumps of setuid programs. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "fs.suid_dumpable", 0, 0, "0",
	  "setuid and privilege-changing programs leave core dumps that can hold secrets" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_dumps = {
	.id = "BW-H058",
	.title = "Core dumps of setuid programs allowed (fs.suid_dumpable)",
	.severity = SEV_LOW,
	.aliases = ALIASES("KRNL-5820", "KRNL-6000"),
	.rationale = "A crashing setuid program, or one that changed its credentials, dumps memory "
	             "that can hold password hashes, keys or tokens it read as root. With "
	             "fs.suid_dumpable = 1 the dump is owned by the user who ran it; with 2 it is "
	             "written where core_pattern says, which on a container host is often a pipe "
	             "to a helper running on the host.",
	.remediation = "Set fs.suid_dumpable = 0 under /etc/sysctl.d/ and apply with "
	               "`sysctl --system`; also set `* hard core 0` in /etc/security/limits.conf "
	               "where no one needs core dumps.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/admin-guide/sysctl/fs.html", NULL },
	.check_host = check,
};
