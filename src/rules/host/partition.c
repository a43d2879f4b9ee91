/* CIS 1.1.1: the data root on a filesystem of its own. */
#include "rules/rule.h"
#include "model/host.h"
#include <string.h>

static void check_partition(const struct rule *self, const struct host *h, struct findings *out)
{
	const struct host_part *p = &h->part;
	if (!p->known || strcmp(p->mount_point, "/") != 0)
		return;
	finding_add(out, self, (struct loc){ h->data_root, 0 }, p->device,
	            "Docker data root %s is not on a filesystem of its own: it lies on the root "
	            "filesystem (%s, %s)", h->data_root, p->device, p->fstype);
}

const struct rule rule_h_partition = {
	.id = "BW-H001",
	.title = "Docker data root shares the root filesystem",
	.severity = SEV_LOW,
	.cis = "1.1.1",
	.cis8 = "1.1.1",
	.rationale = "Images, container layers, volumes and logs all live under the data root "
	             "(/var/lib/docker by default). On the root filesystem, one container that "
	             "writes without limit, or a pile of unused images, fills the disk the host "
	             "itself needs, and the host stops working. A filesystem of its own confines "
	             "that to Docker. The check reads /proc/self/mountinfo: the mount whose mount "
	             "point is the longest prefix of the data root holds it.",
	.remediation = "Give the data root its own filesystem: on a new host, a partition or LVM "
	               "volume mounted at /var/lib/docker (listed in /etc/fstab); on a running host, "
	               "stop Docker (systemctl stop docker docker.socket), create and mount the new "
	               "volume, copy the old content over (rsync -aHAX) and start Docker again. "
	               "Alternatively set \"data-root\" in /etc/docker/daemon.json to a directory on "
	               "a dedicated filesystem.",
	.refs = (const char *const[]){ "https://docs.docker.com/engine/daemon/#daemon-data-directory",
	                               NULL },
	.check_host = check_partition,
};
