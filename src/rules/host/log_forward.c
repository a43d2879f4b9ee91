/* Logs sent off the host. */
#include "rules/rule.h"
#include "model/host.h"

static void check(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_kern *k = &h->kern;
	if (!k->logs_known || k->logs.what)
		return;
	finding_add(out, self, (struct loc){ k->logs_at, 0 }, "no forwarding",
	            "logs stay on this host: none of the %s sends them elsewhere", k->logs_checked);
}

const struct rule rule_h_log_forward = {
	.id = "BW-H067",
	.title = "Logs are not forwarded off the host",
	.severity = SEV_LOW,
	.aliases = ALIASES("LOGG-2154"),
	.rationale = "Someone who gets root on the host, from a container escape or otherwise, "
	             "can erase the local journal and syslog files, and with them the evidence of "
	             "how they got in. Logs already sent to another machine survive that, and a "
	             "host that dies keeps its last words. The check reads rsyslog's configuration "
	             "(/etc/rsyslog.conf and /etc/rsyslog.d/*.conf: `@host`, `@@host`, omfwd or "
	             "omrelp actions), syslog-ng's (a destination with a network, syslog, tcp or "
	             "udp driver) and systemd-journal-upload (enabled, with a URL). Journald alone "
	             "keeps logs local: with ForwardToSyslog=yes or rsyslog's imjournal, the syslog "
	             "daemon's forwarding is what sends them. Container logs sent by a log driver "
	             "(syslog, gelf, fluentd) are the daemon rules' concern.",
	.remediation = "Forward to a log host, for example with rsyslog: a file "
	               "/etc/rsyslog.d/90-forward.conf holding `*.* @@loghost.example:514` (TCP; use "
	               "omfwd with TLS where the network is not trusted), then `systemctl restart "
	               "rsyslog`. Or enable systemd-journal-upload with URL= in "
	               "/etc/systemd/journal-upload.conf.",
	.refs = (const char *const[]){ "https://www.rsyslog.com/doc/configuration/modules/omfwd.html",
	                               "https://www.freedesktop.org/software/systemd/man/latest/systemd-journal-upload.service.html",
	                               NULL },
	.check_host = check,
};
