/* Address space layout randomisation. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "kernel.randomize_va_space", 2, 2, "2",
	  "stack, libraries or heap sit at predictable addresses, so memory bugs are easier to "
	  "exploit" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_aslr = {
	.id = "BW-H063",
	.title = "Address space randomisation not full (kernel.randomize_va_space)",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "The setting is kernel-wide, so it decides the layout of every container's "
	             "processes as well as the host's. 2, the default, randomises the stack, mmap "
	             "base, VDSO and heap; 1 leaves the heap fixed and 0 turns randomisation off.",
	.remediation = "Set kernel.randomize_va_space = 2 under /etc/sysctl.d/, or remove the line "
	               "that lowers it, and apply with `sysctl --system`.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/admin-guide/sysctl/kernel.html", NULL },
	.check_host = check,
};
