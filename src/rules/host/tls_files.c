/* CIS 3.9 - 3.14: the daemon's TLS CA certificate, server certificate and key (the files its
 * tlscacert, tlscert and tlskey settings name). */
#include "rules/rule.h"
#include "rules/host/h_util.h"

static void check_tls_ca_owner(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_owner(self, h, HF_TLS_CA, false, out);
}

const struct rule rule_h_tls_ca_owner = {
	.id = "BW-F009",
	.title = "TLS CA certificate not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.9",
	.cis8 = "3.9",
	.rationale = "The CA certificate named by tlscacert decides which client certificates the "
	             "daemon accepts on its TCP socket. Whoever owns the file can add their own "
	             "CA and sign a client certificate that reaches the API: root on the host.",
	.remediation = "chown root:root on the file the tlscacert setting names, e.g. chown "
	               "root:root /etc/docker/ca.pem.",
	.check_host = check_tls_ca_owner,
};

static void check_tls_ca_mode(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_mode(self, h, HF_TLS_CA, 0444, out);
}

const struct rule rule_h_tls_ca_mode = {
	.id = "BW-F010",
	.title = "TLS CA certificate permissions wider than 444",
	.severity = SEV_MEDIUM,
	.cis = "3.10",
	.cis8 = "3.10",
	.rationale = "The CA certificate named by tlscacert decides which clients the daemon "
	             "trusts. Any write bit lets that user or group add a CA of their own; 444 or "
	             "stricter keeps it fixed.",
	.remediation = "chmod 444 on the file the tlscacert setting names, e.g. chmod 444 "
	               "/etc/docker/ca.pem.",
	.check_host = check_tls_ca_mode,
};

static void check_tls_cert_owner(const struct rule *self, const struct host *h,
                                 struct findings *out)
{
	h_check_owner(self, h, HF_TLS_CERT, false, out);
}

const struct rule rule_h_tls_cert_owner = {
	.id = "BW-F011",
	.title = "Docker server certificate not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.11",
	.cis8 = "3.11",
	.rationale = "The server certificate named by tlscert is what clients check to know they "
	             "talk to the real daemon. Whoever owns it can replace it (with the key) and "
	             "stand in for the daemon.",
	.remediation = "chown root:root on the file the tlscert setting names, e.g. chown "
	               "root:root /etc/docker/server-cert.pem.",
	.check_host = check_tls_cert_owner,
};

static void check_tls_cert_mode(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_mode(self, h, HF_TLS_CERT, 0444, out);
}

const struct rule rule_h_tls_cert_mode = {
	.id = "BW-F012",
	.title = "Docker server certificate permissions wider than 444",
	.severity = SEV_MEDIUM,
	.cis = "3.12",
	.cis8 = "3.12",
	.rationale = "The server certificate named by tlscert identifies the daemon to its "
	             "clients. Any write bit lets that user or group replace it; 444 or stricter "
	             "keeps it fixed.",
	.remediation = "chmod 444 on the file the tlscert setting names, e.g. chmod 444 "
	               "/etc/docker/server-cert.pem.",
	.check_host = check_tls_cert_mode,
};

static void check_tls_key_owner(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_owner(self, h, HF_TLS_KEY, false, out);
}

const struct rule rule_h_tls_key_owner = {
	.id = "BW-F013",
	.title = "Docker server key not owned by root:root",
	.severity = SEV_HIGH,
	.cis = "3.13",
	.cis8 = "3.13",
	.rationale = "The private key named by tlskey is the daemon's identity on the network. "
	             "Its owner can read it and impersonate the daemon to every client, capturing "
	             "their credentials and the images and secrets they send.",
	.remediation = "chown root:root on the file the tlskey setting names, e.g. chown "
	               "root:root /etc/docker/server-key.pem.",
	.check_host = check_tls_key_owner,
};

static void check_tls_key_mode(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_mode(self, h, HF_TLS_KEY, 0400, out);
}

const struct rule rule_h_tls_key_mode = {
	.id = "BW-F014",
	.title = "Docker server key readable by others than root",
	.severity = SEV_HIGH,
	.cis = "3.14",
	.cis8 = "3.14",
	.rationale = "The private key named by tlskey must stay secret: anyone who can read it "
	             "can impersonate the daemon to its clients. Mode 400 lets only its owner, "
	             "root, read it.",
	.remediation = "chmod 400 on the file the tlskey setting names, e.g. chmod 400 "
	               "/etc/docker/server-key.pem.",
	.check_host = check_tls_key_mode,
};
