/* Package sources whose signatures are not checked: whoever can tamper with the mirror or the
 * path to it chooses what the host installs as root. */
#include "rules/rule.h"
#include "model/host.h"

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_patch *p = &h->patch;
	for (size_t i = 0; i < p->nunsigned; i++) {
		const struct hp_unsigned *u = &p->unsigned_srcs[i];
		finding_add(out, self, (struct loc){ u->file, u->line }, u->setting,
		            "%s turns package signature checks off for %s", u->setting, u->repo);
	}
}

const struct rule rule_h_patch_unsigned = {
	.id = "BW-H052",
	.title = "Package signatures not checked for a repository",
	.severity = SEV_HIGH,
	.aliases = ALIASES("PKGS-7387"),
	.rationale = "Package managers install what a repository serves, as root, and the "
	             "signature on the packages or on the repository's index is what ties it to "
	             "the distribution. With gpgcheck=0 (yum, dnf, zypper; in [main] it holds for "
	             "every repository that does not set its own) or apt's [trusted=yes] and "
	             "allow-insecure, a compromised mirror, proxy or network path can hand the "
	             "engine's host any package it likes. Read from /etc/dnf/dnf.conf, "
	             "/etc/yum.conf, /etc/yum.repos.d/*.repo, /etc/zypp/repos.d/*.repo, "
	             "/etc/apt/sources.list and /etc/apt/sources.list.d/*.list and *.sources; a "
	             "file: source is left out (a local directory has no path to tamper with).",
	.remediation = "Set gpgcheck=1 and import the repository's key (rpm --import KEY-URL, or "
	               "gpgkey= in the .repo file); for apt, drop trusted=yes and give the "
	               "repository's key with signed-by=/usr/share/keyrings/NAME.gpg.",
	.refs = (const char *const[]){ "https://dnf.readthedocs.io/en/latest/conf_ref.html",
	                               "https://manpages.debian.org/bookworm/apt/sources.list.5.en.html",
	                               NULL },
	.check_host = check,
};
