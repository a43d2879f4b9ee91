/* CIS 1.1.2: who is in the docker group, and so root on the host. */
#include "rules/rule.h"
#include "model/host.h"
#include "util/util.h"
#include <stdlib.h>

static void check_group(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_group *g = &h->docker_group;
	struct buf b = { 0 };
	if (!g->exists || g->nmembers == 0)
		return;
	for (size_t i = 0; i < g->nmembers; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", g->members[i]);
	finding_add(out, self, g->loc, b.s,
	            "the docker group (gid %u) has %zu member%s, each of whom can control the Docker "
	            "daemon and so is root on this host: %s",
	            g->gid, g->nmembers, g->nmembers == 1 ? "" : "s", b.s);
	free(b.s);
}

const struct rule rule_h_docker_group = {
	.id = "BW-H002",
	.title = "Users in the docker group",
	.severity = SEV_INFO,
	.cis = "1.1.2",
	.cis8 = "1.1.2",
	.rationale = "Members of the docker group may use the Docker socket, and whoever can use "
	             "it can start a privileged container that mounts the host's root filesystem: "
	             "membership is root access without sudo, a password prompt or a log entry of "
	             "its own. The list (members in /etc/group plus users whose primary group it "
	             "is in /etc/passwd) should name only people trusted with root.",
	.remediation = "Review the members and remove everyone who should not be root: gpasswd -d "
	               "USER docker. Give others sudo rules for the docker commands they need, or a "
	               "rootless Docker daemon of their own.",
	.refs = (const char *const[]){
		"https://docs.docker.com/engine/security/#docker-daemon-attack-surface", NULL },
	.check_host = check_group,
};
