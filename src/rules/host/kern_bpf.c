/* eBPF for unprivileged users. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "kernel.unprivileged_bpf_disabled", 1, 2, "1 or 2",
	  "any user can load eBPF programs into the shared kernel" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_bpf = {
	.id = "BW-H059",
	.title = "Unprivileged eBPF allowed (kernel.unprivileged_bpf_disabled)",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "The eBPF verifier is a large attack surface: many local privilege escalations "
	             "of recent years went through it, and a process in a container reaches it "
	             "through bpf(2) whenever unprivileged use is allowed (Docker's default seccomp "
	             "profile blocks bpf, but --privileged, seccomp=unconfined or a custom profile "
	             "do not). Containers that need eBPF for tracing or networking get it through "
	             "CAP_BPF or CAP_SYS_ADMIN, not through this setting.",
	.remediation = "Set kernel.unprivileged_bpf_disabled = 1 (cannot be undone until reboot) or "
	               "2 under /etc/sysctl.d/ and apply with `sysctl --system`.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/admin-guide/sysctl/kernel.html", NULL },
	.check_host = check,
};
