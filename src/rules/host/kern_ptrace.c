/* Yama: who may ptrace whom. */
#include "rules/host/kern_util.h"

static const struct kern_want WANT[] = {
	{ "kernel.yama.ptrace_scope", 1, 3, "1 to 3",
	  "any process can attach to every other process of the same user" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	kern_check(self, h, WANT, sizeof WANT / sizeof *WANT, out);
}

const struct rule rule_h_kern_ptrace = {
	.id = "BW-H060",
	.title = "Yama ptrace restrictions off (kernel.yama.ptrace_scope = 0)",
	.severity = SEV_LOW,
	.aliases = ALIASES("KRNL-6000"),
	.rationale = "With ptrace_scope 0 one compromised process can read the memory of, and "
	             "inject code into, every process running as the same user: an agent's "
	             "credentials, an ssh-agent, a shell with a docker login. Scope 1 limits "
	             "attaching to a process's own descendants, which debuggers started from a "
	             "shell still work with. The setting exists only where the Yama LSM is built in.",
	.remediation = "Set kernel.yama.ptrace_scope = 1 (or 2: CAP_SYS_PTRACE only) under "
	               "/etc/sysctl.d/ and apply with `sysctl --system`.",
	.refs = (const char *const[]){
		"https://www.kernel.org/doc/html/latest/admin-guide/LSM/Yama.html", NULL },
	.check_host = check,
};
