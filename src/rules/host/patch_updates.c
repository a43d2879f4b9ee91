/* Pending updates, computed offline from the dpkg database and the apt lists on disk. */
#include "rules/rule.h"
#include "rules/host/patch_util.h"
#include "model/host.h"
#include <stdlib.h>

static void check(const struct rule *self, const struct host *h, bool sec, struct findings *out)
{
	const struct host_patch *p = &h->patch;
	size_t n = sec ? p->nsecurity : p->nups - p->nsecurity;
	if (!p->known || !p->updates_known || n == 0)
		return;
	char *list = patch_list(p, sec);
	finding_add(out, self, (struct loc){ p->db, 0 }, list,
	            "%zu %s pending against the package lists in %s: %s", n,
	            sec ? (n == 1 ? "security update" : "security updates")
	            : p->security_unknown ? (n == 1 ? "update (the indexes do not mark security "
	                                              "ones)" : "updates (the indexes do not mark "
	                                              "security ones)")
	            : (n == 1 ? "update (not a security one)" : "updates (not security ones)"),
	            p->index_dir, list);
	free(list);
}

static void check_security(const struct rule *self, const struct host *h, struct findings *out)
{
	check(self, h, true, out);
}

static void check_other(const struct rule *self, const struct host *h, struct findings *out)
{
	check(self, h, false, out);
}

#define HOW "The check is offline: every installed package in /var/lib/dpkg/status is compared " \
	"(with dpkg's version ordering) with the versions the package lists under " \
	"/var/lib/apt/lists offer for its architecture, as apt last downloaded them; the candidate " \
	"is the highest version offered, as apt picks it when every source has the default " \
	"priority. Lists marked NotAutomatic (experimental, backports) are left out, as apt's " \
	"default priorities do for packages not installed from them; pins in " \
	"/etc/apt/preferences are not read. An update is a security one when its " \
	"candidate comes from a security pocket (Suite ending in -security or /updates, or a " \
	"Label or Origin naming Security). The lists are as fresh as the last apt-get update. " \
	"Alpine hosts: /lib/apk/db/installed against the APKINDEX files apk cached (they mark no " \
	"security fixes, so every update counts as one of unknown kind). rpm hosts: the rpm " \
	"database against the primary metadata dnf, yum or zypper cached, with security told " \
	"from the repositories' updateinfo advisories, as dnf tells it."

const struct rule rule_h_patch_security = {
	.id = "BW-H045",
	.title = "Security updates pending",
	.severity = SEV_HIGH,
	.aliases = ALIASES("PKGS-7392"),
	.rationale = "Docker guidance starts at the host: containers share its kernel and its "
	             "libraries run the engine, so a known, fixed vulnerability left unpatched on "
	             "the host is a way out of every container. Security updates are the ones the "
	             "distribution published to close such holes. " HOW,
	.remediation = "Refresh the lists and install the updates: apt-get update && apt-get "
	               "upgrade (or apt-get install --only-upgrade PACKAGE for the ones listed), "
	               "then restart the services that use them (needrestart tells which) and "
	               "reboot when a kernel or libc is among them. Enable unattended-upgrades so "
	               "that security updates no longer wait for a person. On rpm hosts: dnf "
	               "upgrade --security (zypper patch --category security), and dnf-automatic "
	               "for the unattended part.",
	.refs = (const char *const[]){ "https://www.debian.org/doc/manuals/securing-debian-manual/security-update.en.html",
	                               "https://ubuntu.com/server/docs/package-management", NULL },
	.check_host = check_security,
};

const struct rule rule_h_patch_updates = {
	.id = "BW-H046",
	.title = "Updates pending",
	.severity = SEV_LOW,
	.aliases = ALIASES("PKGS-7394"),
	.rationale = "Updates that are not security fixes still carry bug fixes, and a host that "
	             "falls behind its distribution's point releases makes the next security "
	             "update larger and riskier to apply. " HOW,
	.remediation = "apt-get update && apt-get upgrade (apk upgrade, dnf upgrade, zypper "
	               "update) at the next maintenance window; keep the host at its "
	               "distribution's current point release.",
	.refs = (const char *const[]){ "https://www.debian.org/doc/manuals/debian-reference/ch02.en.html#_upgrading_a_system", NULL },
	.check_host = check_other,
};
