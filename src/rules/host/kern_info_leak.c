/* The kernel's log and its addresses, kept from unprivileged users. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "kernel.dmesg_restrict", 1, 1, "1",
	  "any user can read the kernel log, with its addresses and hardware details" },
	{ "kernel.kptr_restrict", 1, 2, "1 or 2",
	  "kernel addresses are shown to unprivileged users, which defeats KASLR" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_info_leak = {
	.id = "BW-H055",
	.title = "Kernel log or kernel addresses readable by unprivileged users",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "Every container shares the host's kernel, so a kernel exploit from inside a "
	             "container is an escape to the host. Such exploits start by learning where the "
	             "kernel is in memory: kernel.kptr_restrict hides kernel pointers in /proc "
	             "(kallsyms, modules) from unprivileged users, and kernel.dmesg_restrict keeps "
	             "the kernel log, which prints addresses and driver state, to CAP_SYSLOG. The "
	             "values are read from /proc/sys on the live machine, or from a copy's proc/sys.",
	.remediation = "Set kernel.dmesg_restrict = 1 and kernel.kptr_restrict = 1 (or 2) in a file "
	               "under /etc/sysctl.d/ (for example 60-hardening.conf) and apply it with "
	               "`sysctl --system`.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/admin-guide/sysctl/kernel.html", NULL },
	.check_host = check,
};
