/* Swarm mode: whether it is used at all, manager count, overlay encryption, secrets, autolock,
 * certificate lifetime. Nothing here applies when the daemon is not in a swarm. */
#include "rules/daemon/d_util.h"
#include <inttypes.h>
#include <string.h>

/* Docker's advice: at most seven managers; more only slows consensus. */
#define MAX_MANAGERS 7
#define DAY_NS (86400LL * 1000000000LL)
#define MAX_CERT_DAYS 90

static void check_unused(const struct rule *self, const struct daemon *d, struct findings *out)
{
	if (!d->swarm_active)
		return;
	if (d->swarm_manager && d->services_known && d->nservices == 0)
		finding_add(out, self, LOC_NONE, NULL, "swarm mode is active and the swarm runs no "
		            "services (docker service ls is empty)");
	else if (!d->swarm_manager && d->tasks_known && d->ntasks == 0)
		finding_add(out, self, LOC_NONE, NULL, "swarm mode is active and this worker holds no "
		            "service tasks (no container has the com.docker.swarm.service.id label)");
}

const struct rule rule_e_swarm_unused = {
	.id = "BW-E022",
	.title = "Swarm mode enabled but not used",
	.severity = SEV_LOW,
	.cis = "5.1",
	.rationale = "A swarm node listens on more ports (2377 on managers, 7946 and 4789 on every "
	             "node), keeps the cluster's keys, and runs whatever tasks the managers send "
	             "it. None of that serves a purpose when no service uses the swarm. A manager "
	             "is judged by the swarm's services (GET /services). A worker cannot list "
	             "services, so it is judged by the tasks it holds itself: its containers, in "
	             "any state, that carry the com.docker.swarm.service.id label. A locked "
	             "manager, or one whose services could not be listed, is not judged.",
	.remediation = "If the host does not need to be part of a swarm, leave it: docker swarm "
	               "leave on a worker; on the last manager, docker swarm leave --force. Else "
	               "deploy the services it is meant to run.",
	.refs = REFS("https://docs.docker.com/reference/cli/docker/swarm/leave/"),
	.check_daemon = check_unused,
};

static void check_managers(const struct rule *self, const struct daemon *d,
                           struct findings *out)
{
	long m = d->swarm_managers;
	if (!d->swarm_active || m <= 0)
		return;
	if (m > MAX_MANAGERS)
		finding_add(out, self, LOC_NONE, NULL, "the swarm has %ld manager nodes, more than "
		            "the %d that Raft consensus needs at most", m, MAX_MANAGERS);
	else if (m % 2 == 0)
		finding_add(out, self, LOC_NONE, NULL, "the swarm has %ld manager nodes: an even "
		            "count tolerates no more failures than %ld, with one more manager to "
		            "protect", m, m - 1);
}

const struct rule rule_s_managers = {
	.id = "BW-S001",
	.title = "Swarm manager count not minimal",
	.severity = SEV_LOW,
	.cis = "7.1",
	.cis8 = "7.1",
	.rationale = "Each manager holds the whole cluster state, secrets included, and can "
	             "change it: every extra manager is one more host whose compromise owns the "
	             "swarm. An odd count of 3, 5 or 7 gives the fault tolerance; an even count "
	             "tolerates no more failures than one manager fewer, and more than 7 only slows "
	             "consensus. Reported on managers (workers do not know the count).",
	.remediation = "Demote the extra managers with docker node demote <node> until an odd "
	               "count of at most 7 remains, as many as the failures you need to survive "
	               "require (3 tolerate 1, 5 tolerate 2).",
	.refs = REFS("https://docs.docker.com/engine/swarm/admin_guide/"),
	.check_daemon = check_managers,
};

static void check_overlays(const struct rule *self, const struct daemon *d,
                           struct findings *out)
{
	for (size_t i = 0; d->swarm_active && i < d->noverlays; i++) {
		const struct d_network *n = &d->overlays[i];
		if (!n->encrypted)
			finding_add(out, self, LOC_NONE, n->name, "overlay network \"%s\"%s does not "
			            "encrypt its traffic (no \"encrypted\" option)", n->name,
			            !strcmp(n->name, "ingress")
			                ? " (the routing mesh)" : "");
	}
}

const struct rule rule_s_overlay_encryption = {
	.id = "BW-S002",
	.title = "Swarm overlay network not encrypted",
	.severity = SEV_MEDIUM,
	.cis = "7.3",
	.cis8 = "7.3",
	.rationale = "Overlay traffic between nodes travels as plain VXLAN: anyone on the network "
	             "between the hosts can read and inject the containers' packets. The "
	             "\"encrypted\" option puts it in IPsec tunnels. The swarm's control plane is "
	             "encrypted regardless; this is about the containers' data.",
	.remediation = "Create overlay networks with docker network create -d overlay --opt "
	               "encrypted <name> (or driver_opts: {encrypted: \"\"} in a stack file) and "
	               "move services to them; the ingress network can be recreated the same way "
	               "after removing it. Allow IP protocol 50 (ESP) between the nodes.",
	.refs = REFS("https://docs.docker.com/engine/network/drivers/overlay/"),
	.check_daemon = check_overlays,
};

static void check_secrets(const struct rule *self, const struct daemon *d, struct findings *out)
{
	if (d->swarm_active && d->secrets_known && d->nsecrets == 0)
		finding_add(out, self, LOC_NONE, NULL, "the swarm holds no secrets (docker secret "
		            "ls is empty): services that need credentials get them some other way");
}

const struct rule rule_s_secrets = {
	.id = "BW-S003",
	.title = "Swarm secrets not used",
	.severity = SEV_INFO,
	.cis = "7.4",
	.cis8 = "7.4",
	.rationale = "Swarm secrets are encrypted in the Raft log and given only to the services "
	             "granted them, on an in-memory filesystem. Credentials passed instead as "
	             "environment variables or files in images show up in docker inspect, image "
	             "layers and logs. A swarm with no secrets at all suggests that is happening; "
	             "it is information, since some swarms need none.",
	.remediation = "Store credentials with docker secret create and grant them to services "
	               "(docker service create --secret, or secrets: in a stack file); remove them "
	               "from environment variables and images.",
	.refs = REFS("https://docs.docker.com/engine/swarm/secrets/"),
	.check_daemon = check_secrets,
};

static void check_autolock(const struct rule *self, const struct daemon *d,
                           struct findings *out)
{
	if (d->swarm_active && d->swarm_spec && !d->autolock)
		finding_add(out, self, LOC_NONE, NULL, "swarm managers are not auto-locked "
		            "(Spec.EncryptionConfig.AutoLockManagers is false)");
}

const struct rule rule_s_autolock = {
	.id = "BW-S004",
	.title = "Swarm autolock not enabled",
	.severity = SEV_MEDIUM,
	.cis = "7.5",
	.cis8 = "7.5",
	.rationale = "A manager keeps the key that decrypts the Raft log (with every secret) and "
	             "its TLS key on its own disk. Without autolock, a copy of that disk or a "
	             "stolen backup is enough to read them; with it, a restarted manager needs the "
	             "unlock key, which is kept elsewhere.",
	.remediation = "Run docker swarm update --autolock=true on a manager, store the printed "
	               "unlock key outside the cluster (a password manager), and unlock restarted "
	               "managers with docker swarm unlock.",
	.refs = REFS("https://docs.docker.com/engine/swarm/swarm_manager_locking/"),
	.check_daemon = check_autolock,
};

static void check_cert_expiry(const struct rule *self, const struct daemon *d,
                              struct findings *out)
{
	int64_t days = d->node_cert_expiry / DAY_NS;
	if (!d->swarm_active || !d->swarm_spec || d->node_cert_expiry <= MAX_CERT_DAYS * DAY_NS)
		return;
	finding_add(out, self, LOC_NONE, NULL, "swarm node certificates are valid for %" PRId64
	            " days (Spec.CAConfig.NodeCertExpiry), more than %d", days, MAX_CERT_DAYS);
}

const struct rule rule_s_cert_expiry = {
	.id = "BW-S005",
	.title = "Swarm node certificates rotated too rarely",
	.severity = SEV_LOW,
	.cis = "7.7",
	.cis8 = "7.7",
	.rationale = "Node certificates are rotated automatically before they expire; the "
	             "lifetime is how long a stolen node certificate keeps working. Swarm's "
	             "default is 90 days; longer lifetimes are reported.",
	.remediation = "Run docker swarm update --cert-expiry 720h (or shorter, as your policy "
	               "requires) on a manager.",
	.refs = REFS("https://docs.docker.com/reference/cli/docker/swarm/update/"),
	.check_daemon = check_cert_expiry,
};
