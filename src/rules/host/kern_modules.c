/* Kernel modules a container host rarely needs, loaded. */
#include "rules/rule.h"
#include "model/host.h"

/* Network protocols any user can make the kernel load with socket(2), each with a history of
 * privilege escalations; filesystems for removable or legacy media (CIS Linux 1.1.1.x); and
 * hardware a server has no use for. squashfs is left out: snap packages mount it. */
static const struct { const char *name, *what; } UNNEEDED[] = {
	{ "dccp", "network protocol" }, { "sctp", "network protocol" },
	{ "rds", "network protocol" }, { "tipc", "network protocol" },
	{ "cramfs", "filesystem" }, { "freevxfs", "filesystem" }, { "jffs2", "filesystem" },
	{ "hfs", "filesystem" }, { "hfsplus", "filesystem" }, { "udf", "filesystem" },
	{ "usb_storage", "USB mass storage" }, { "bluetooth", "Bluetooth" },
};

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	for (size_t i = 0; i < sizeof UNNEEDED / sizeof *UNNEEDED; i++) {
		const struct host_module *m = host_kern_module(&h->kern, UNNEEDED[i].name);
		if (m)
			finding_add(out, self, (struct loc){ h->kern.modules_path, m->line }, m->name,
			            "kernel module %s (%s) is loaded; a container host rarely needs it",
			            m->name, UNNEEDED[i].what);
	}
}

const struct rule rule_h_kern_modules = {
	.id = "BW-H064",
	.title = "Kernel module a container host rarely needs is loaded",
	.severity = SEV_LOW,
	.aliases = ALIASES("KRNL-5726", "NETW-3200"),
	.rationale = "Every loaded module is kernel code that every container can reach. DCCP, "
	             "SCTP, RDS and TIPC are loaded on demand when any process opens such a socket, "
	             "and each has had remotely or locally exploitable bugs; cramfs, freevxfs, jffs2, "
	             "hfs, hfsplus and udf parse untrusted disk images; USB storage and Bluetooth "
	             "open the machine to whoever is near it. A server that runs containers needs "
	             "none of them as a rule. The list is short on purpose: only modules that are "
	             "rarely wanted and often exploited. Read from /proc/modules.",
	.remediation = "Unload the module (`modprobe -r NAME`) and keep it from loading again with "
	               "`install NAME /bin/false` and `blacklist NAME` in a file under "
	               "/etc/modprobe.d/. If a workload needs one (SCTP for telecom software, say), "
	               "suppress the finding for this host.",
	.refs = (const char *const[]){
		"https://man7.org/linux/man-pages/man5/modprobe.d.5.html", NULL },
	.check_host = check,
};
