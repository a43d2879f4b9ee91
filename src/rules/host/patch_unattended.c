/* Security updates install themselves: unattended-upgrades installed and enabled. */
#include "rules/rule.h"
#include "model/host.h"

#define AUTO_CONF "/etc/apt/apt.conf.d/20auto-upgrades"

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_patch *p = &h->patch;
	if (!p->known || !p->uu_known || p->uu_enabled)
		return;
	struct loc loc = { p->uu_conf ? p->uu_conf : AUTO_CONF, p->uu_conf ? p->uu_line : 0 };
	if (!p->uu_installed)
		finding_add(out, self, (struct loc){ p->db, 0 }, NULL,
		            "unattended-upgrades is not installed: security updates wait for someone "
		            "to run apt");
	else if (p->uu_periodic_off)
		finding_add(out, self, loc, "APT::Periodic::Enable \"0\"",
		            "unattended-upgrades is installed but APT::Periodic::Enable \"0\" turns "
		            "apt's daily jobs off");
	else if (p->uu_value)
		finding_add(out, self, loc, p->uu_value,
		            "unattended-upgrades is installed but disabled: "
		            "APT::Periodic::Unattended-Upgrade is \"%s\"", p->uu_value);
	else
		finding_add(out, self, loc, NULL,
		            "unattended-upgrades is installed but never runs: "
		            "APT::Periodic::Unattended-Upgrade is not set");
}

const struct rule rule_h_patch_unattended = {
	.id = "BW-H049",
	.title = "Automatic security updates off",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("PKGS-7420"),
	.rationale = "Security updates that wait for a person arrive late or never; on a Docker "
	             "host, whose kernel every container shares, that delay is exposure for all of "
	             "them. On Debian and Ubuntu, unattended-upgrades installs security updates "
	             "daily when apt's periodic job runs it: APT::Periodic::Unattended-Upgrade set "
	             "to a positive interval (\"1\") and APT::Periodic::Enable not \"0\". The check "
	             "reads /etc/apt/apt.conf.d/ in name order and then /etc/apt/apt.conf, as apt "
	             "does, the last value winning.",
	.remediation = "apt-get install unattended-upgrades, then dpkg-reconfigure -plow "
	               "unattended-upgrades, which writes /etc/apt/apt.conf.d/20auto-upgrades with "
	               "APT::Periodic::Update-Package-Lists \"1\"; and "
	               "APT::Periodic::Unattended-Upgrade \"1\";. Consider "
	               "Unattended-Upgrade::Automatic-Reboot for kernel updates.",
	.refs = (const char *const[]){ "https://wiki.debian.org/UnattendedUpgrades",
	                               "https://ubuntu.com/server/docs/package-management", NULL },
	.check_host = check,
};
