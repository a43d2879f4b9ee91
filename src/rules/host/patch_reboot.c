/* A reboot is due: the flag file packages leave, or a newer kernel installed than the one
 * running. */
#include "rules/rule.h"
#include "model/host.h"
#include "util/util.h"
#include <stdlib.h>

static void check_flag(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_patch *p = &h->patch;
	if (!p->reboot_flag)
		return;
	struct buf b = { 0 };
	for (size_t i = 0; i < p->nreboot_pkgs; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", p->reboot_pkgs[i]);
	char *pkgs = buf_take(&b);
	if (p->nreboot_pkgs)
		finding_add(out, self, (struct loc){ p->reboot_flag, 0 }, pkgs,
		            "A reboot is required (%s exists), asked for by: %s", p->reboot_flag, pkgs);
	else
		finding_add(out, self, (struct loc){ p->reboot_flag, 0 }, NULL,
		            "A reboot is required (%s exists)", p->reboot_flag);
	free(pkgs);
}

static void check_kernel(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_patch *p = &h->patch;
	if (!p->kernel_newer || !h->kernel.v)
		return;
	finding_add(out, self, (struct loc){ p->kernel_newer_from, 0 }, p->kernel_newer,
	            "The running kernel %s is older than the installed kernel %s (%s): the host "
	            "has not been rebooted since the kernel was updated", h->kernel.v,
	            p->kernel_newer, p->kernel_newer_from);
}

const struct rule rule_h_patch_reboot = {
	.id = "BW-H047",
	.title = "Reboot required after updates",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("KRNL-5830"),
	.rationale = "Packages whose fixes only take effect at boot (the kernel, libc, systemd, "
	             "microcode) create /var/run/reboot-required when they are updated, and list "
	             "themselves in /var/run/reboot-required.pkgs. Until the reboot the host still "
	             "runs the vulnerable code the update was meant to replace, while the package "
	             "database says it is patched.",
	.remediation = "Reboot the host in a maintenance window (drain it first in a swarm: "
	               "docker node update --availability drain NODE), or set "
	               "Unattended-Upgrade::Automatic-Reboot \"true\" with a reboot time.",
	.refs = (const char *const[]){ "https://wiki.debian.org/UnattendedUpgrades", NULL },
	.check_host = check_flag,
};

const struct rule rule_h_patch_kernel = {
	.id = "BW-H048",
	.title = "Running kernel older than the newest installed",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("KRNL-5830"),
	.rationale = "Every container shares the host's kernel, so a kernel fix protects them all "
	             "only once it runs. The check compares the running kernel's release "
	             "(/proc/sys/kernel/osrelease) with the kernels installed of the same flavour "
	             "(/boot/vmlinuz-RELEASE and dpkg's linux-image-RELEASE packages), in the "
	             "segment-wise numeric order kernel releases follow: 6.1.0-21-amd64 is newer "
	             "than 6.1.0-18-amd64, 5.15.0-100-generic than 5.15.0-91-generic.",
	.remediation = "Reboot into the new kernel (drain the node first), and remove kernels "
	               "that are no longer needed (apt autoremove --purge).",
	.refs = (const char *const[]){ "https://www.kernel.org/category/releases.html", NULL },
	.check_host = check_kernel,
};
