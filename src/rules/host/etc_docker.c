/* CIS 3.5 - 3.8: the /etc/docker directory and the registry certificates below it. */
#include "rules/rule.h"
#include "rules/host/h_util.h"

static void check_etc_docker_owner(const struct rule *self, const struct host *h,
                                   struct findings *out)
{
	h_check_owner(self, h, HF_ETC_DOCKER, false, out);
}

const struct rule rule_h_etc_docker_owner = {
	.id = "BW-F005",
	.title = "/etc/docker not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.5",
	.cis8 = "3.5",
	.rationale = "/etc/docker holds daemon.json, the daemon's TLS keys and certificates and "
	             "the certificates it trusts for registries. The owner of the directory can "
	             "replace any of them.",
	.remediation = "chown root:root /etc/docker",
	.check_host = check_etc_docker_owner,
};

static void check_etc_docker_mode(const struct rule *self, const struct host *h,
                                  struct findings *out)
{
	h_check_mode(self, h, HF_ETC_DOCKER, 0755, out);
}

const struct rule rule_h_etc_docker_mode = {
	.id = "BW-F006",
	.title = "/etc/docker writable by others than root",
	.severity = SEV_MEDIUM,
	.cis = "3.6",
	.cis8 = "3.6",
	.rationale = "/etc/docker holds the daemon's configuration, keys and trusted "
	             "certificates. If group or others may write the directory they can add, "
	             "rename or replace files in it. Mode 755 or stricter (700 is fine) leaves "
	             "that to root.",
	.remediation = "chmod 755 /etc/docker",
	.check_host = check_etc_docker_mode,
};

static void check_certs_owner(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_owner(self, h, HF_REGISTRY_CERT, false, out);
}

const struct rule rule_h_certs_owner = {
	.id = "BW-F007",
	.title = "Registry certificate not owned by root:root",
	.severity = SEV_MEDIUM,
	.cis = "3.7",
	.cis8 = "3.7",
	.rationale = "Files in /etc/docker/certs.d/<registry>/ decide which registry servers the "
	             "daemon trusts and which client certificate it presents. Whoever owns one "
	             "can swap in their own CA and serve tampered images to the daemon.",
	.remediation = "chown root:root /etc/docker/certs.d/<registry>/* for the file the finding "
	               "names, e.g. chown root:root "
	               "/etc/docker/certs.d/registry.example.com:5000/ca.crt.",
	.check_host = check_certs_owner,
};

static void check_certs_mode(const struct rule *self, const struct host *h, struct findings *out)
{
	h_check_mode(self, h, HF_REGISTRY_CERT, 0444, out);
}

const struct rule rule_h_certs_mode = {
	.id = "BW-F008",
	.title = "Registry certificate permissions wider than 444",
	.severity = SEV_MEDIUM,
	.cis = "3.8",
	.cis8 = "3.8",
	.rationale = "Files in /etc/docker/certs.d/<registry>/ decide which registries the daemon "
	             "trusts. Any write bit lets that user (or group) replace the trusted CA; "
	             "read-only (444 or stricter, 400 for a client key) keeps them fixed.",
	.remediation = "chmod 444 on the file the finding names (chmod 400 for a client .key), "
	               "e.g. chmod 444 /etc/docker/certs.d/registry.example.com:5000/ca.crt.",
	.check_host = check_certs_mode,
};
