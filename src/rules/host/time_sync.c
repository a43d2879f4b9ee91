/* Time synchronisation running. */
#include "rules/rule.h"
#include "model/host.h"

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_kern *k = &h->kern;
	if (!k->time_known || k->time.what)
		return;
	if (k->time_from_procs)
		finding_add(out, self, (struct loc){ "/proc", 0 }, "no time daemon",
		            "no time synchronisation runs: no chronyd, ntpd, openntpd or "
		            "systemd-timesyncd process");
	else
		finding_add(out, self, (struct loc){ "/etc/systemd/system", 0 }, "no time unit",
		            "no time synchronisation is enabled: no chrony, ntp, ntpsec, openntpd or "
		            "systemd-timesyncd unit under /etc/systemd/system/*.wants");
}

const struct rule rule_h_time_sync = {
	.id = "BW-H066",
	.title = "No time synchronisation",
	.severity = SEV_MEDIUM,
	.aliases = ALIASES("TIME-3104"),
	.rationale = "Containers read the host's clock. A clock that drifts breaks TLS (registry "
	             "pulls, the daemon's TLS socket, swarm's mutual TLS and certificate rotation "
	             "all check validity periods), makes tokens expire early or late, and leaves "
	             "logs that cannot be lined up with other machines' during an incident. On the "
	             "live machine the check looks for a running chronyd, ntpd, openntpd or "
	             "systemd-timesyncd; under --root, where processes cannot be seen, for such a "
	             "service enabled under /etc/systemd/system, what would run after a boot. A "
	             "guest whose clock the hypervisor keeps (ptp_kvm with chrony) still runs one "
	             "of these.",
	.remediation = "Install and enable one: `apt install chrony` (or systemd-timesyncd), "
	               "`systemctl enable --now chrony`; check with `chronyc tracking` or "
	               "`timedatectl`.",
	.refs = (const char *const[]){ "https://chrony-project.org/documentation.html", NULL },
	.check_host = check,
};
