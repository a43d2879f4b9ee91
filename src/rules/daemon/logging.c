/* The daemon's own log level and where container logs go. */
#include "rules/daemon/d_util.h"
#include "util/util.h"
#include <stdio.h>

static void check_log_level(const struct rule *self, const struct daemon *d,
                            struct findings *out)
{
	const struct d_setting *lvl = daemon_get(d, "log-level");
	char what[160];
	if (!d_known(d))
		return;
	/* Debug mode logs at debug level whatever log-level says. */
	if (daemon_bool(d, "debug", false)) {
		d_check_bool(self, d, "debug", false, true, "the daemon runs in debug mode", out);
		return;
	}
	if (!lvl || !lvl->value || str_ieq(lvl->value, "info"))
		return;
	snprintf(what, sizeof what, "the daemon's log level is \"%s\", not \"info\"", lvl->value);
	d_report(out, self, lvl, lvl->value, what);
}

const struct rule rule_e_log_level = {
	.id = "BW-E003",
	.title = "Daemon log level not \"info\"",
	.severity = SEV_LOW,
	.cis = "2.3",
	.cis8 = "2.3",
	.rationale = "At \"info\" the daemon logs the events an investigation needs (containers "
	             "started, images pulled, API errors). Lower levels (warn, error, fatal) drop "
	             "them; \"debug\" (or debug mode) logs request details that can include "
	             "secrets, and grows the logs quickly.",
	.remediation = "Remove \"log-level\" and \"debug\" from /etc/docker/daemon.json (or set "
	               "\"log-level\": \"info\"; drop the -l/--log-level and -D/--debug flags) and "
	               "restart the daemon.",
	.refs = REFS(DOCKERD_REF),
	.check_daemon = check_log_level,
};

/* Drivers that keep logs on this host only. */
static const char *const local_drivers[] = { "json-file", "local", "journald", "none",
                                             "etwlogs" };

static void check_remote_logging(const struct rule *self, const struct daemon *d,
                                 struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "log-driver");
	const char *drv = s && s->value ? s->value : "json-file";
	char what[200];
	bool local = false;
	if (!d_known(d))
		return;
	for (size_t i = 0; i < sizeof local_drivers / sizeof *local_drivers; i++)
		local |= str_eq(drv, local_drivers[i]);
	if (!local)
		return;
	snprintf(what, sizeof what, str_eq(drv, "none")
	                                ? "container logs are discarded (log driver \"%s\")"
	                                : "container logs stay on this host (log driver \"%s\")",
	         drv);
	d_report(out, self, s, drv, what);
}

const struct rule rule_e_remote_logging = {
	.id = "BW-E014",
	.title = "Container logs not sent to a central log service",
	.severity = SEV_LOW,
	.cis = "2.13",
	.cis8 = "2.14",
	.rationale = "Logs kept only on the host (json-file, local, journald) are lost with the "
	             "host and can be altered or erased by whoever compromises it; a central "
	             "service keeps them out of an attacker's reach and lets them be correlated. "
	             "Any remote driver passes: syslog, gelf, fluentd, awslogs, splunk, gcplogs, "
	             "logentries. If journald or the files are shipped by an agent, suppress this "
	             "finding with that reason.",
	.remediation = "Set \"log-driver\" (and its \"log-opts\", such as \"syslog-address\": "
	               "\"tcp+tls://logs.example.com:6514\") in /etc/docker/daemon.json, or pass "
	               "--log-driver/--log-opt to dockerd, and restart the daemon; or ship the "
	               "local logs with a log agent.",
	.refs = REFS("https://docs.docker.com/engine/logging/configure/"),
	.check_daemon = check_remote_logging,
};
