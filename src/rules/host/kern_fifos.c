/* FIFOs and regular files created in world-writable directories. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "fs.protected_fifos", 1, 2, "1 or 2",
	  "a privileged process opening a name in /tmp can be handed another user's FIFO" },
	{ "fs.protected_regular", 1, 2, "1 or 2",
	  "a privileged process opening a name in /tmp can be handed another user's file" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_fifos = {
	.id = "BW-H057",
	.title = "O_CREAT protections off: fs.protected_fifos or fs.protected_regular",
	.severity = SEV_LOW,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "With these settings at 0, a process that opens a predictable name in a sticky "
	             "world-writable directory with O_CREAT writes into a FIFO or file another user "
	             "placed there first. This takes a program with that mistake, so it weighs less "
	             "than the link protections (BW-H056); systemd sets both to 1 by default.",
	.remediation = "Set fs.protected_fifos = 1 and fs.protected_regular = 1 (2 is stricter) "
	               "under /etc/sysctl.d/ and apply with `sysctl --system`.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/admin-guide/sysctl/fs.html", NULL },
	.check_host = check,
};
