/* Storage drivers CIS advises against, and the devicemapper base device size. */
#include "rules/daemon/d_util.h"
#include "util/util.h"
#include <stdio.h>

static void check_driver(const struct rule *self, const struct daemon *d, const char *bad,
                         struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "storage-driver");
	char what[100];
	if (!s || !str_eq(s->value, bad))
		return;
	snprintf(what, sizeof what, "the storage driver is %s", bad);
	d_report(out, self, s, bad, what);
}

static void check_aufs(const struct rule *self, const struct daemon *d, struct findings *out)
{
	check_driver(self, d, "aufs", out);
}

const struct rule rule_e_aufs = {
	.id = "BW-E006",
	.title = "aufs storage driver in use",
	.severity = SEV_MEDIUM,
	.cis = "2.6",
	.cis8 = "2.6",
	.rationale = "aufs is an out-of-tree filesystem that mainstream kernels no longer carry; "
	             "it has had kernel crashes and security bugs that get few fixes, and Docker "
	             "removed it in Engine 24. A daemon still on aufs runs an old engine on a "
	             "patched kernel.",
	.remediation = "Move to overlay2: save what you need (docker save, volumes), set "
	               "\"storage-driver\": \"overlay2\" in /etc/docker/daemon.json (or remove the "
	               "setting, overlay2 is the default), restart the daemon and pull or load the "
	               "images again.",
	.refs = REFS("https://docs.docker.com/engine/storage/drivers/select-storage-driver/"),
	.check_daemon = check_aufs,
};

static void check_devicemapper(const struct rule *self, const struct daemon *d,
                               struct findings *out)
{
	check_driver(self, d, "devicemapper", out);
}

const struct rule rule_e_devicemapper = {
	.id = "BW-E021",
	.title = "devicemapper storage driver in use",
	.severity = SEV_LOW,
	.cis8 = "2.7",
	.rationale = "devicemapper is deprecated and was removed in Docker Engine 25; its "
	             "loop-lvm mode is slow and fragile, and it gets no fixes. A daemon on "
	             "devicemapper is an old, unsupported engine. (CIS v1.8.0 only; v1.6.0 has no "
	             "such item.)",
	.remediation = "Move to overlay2: save what you need, set \"storage-driver\": \"overlay2\" "
	               "in /etc/docker/daemon.json (or remove the setting), restart the daemon and "
	               "pull or load the images again.",
	.refs = REFS("https://docs.docker.com/engine/storage/drivers/select-storage-driver/"),
	.check_daemon = check_devicemapper,
};

static void check_basesize(const struct rule *self, const struct daemon *d,
                           struct findings *out)
{
	const struct d_setting *s = daemon_get(d, "storage-opts");
	char what[300];
	/* dm.basesize means nothing to the other drivers. */
	if (!str_eq(daemon_str(d, "storage-driver"), "devicemapper"))
		return;
	for (size_t i = 0; s && i < s->nitems; i++) {
		if (!str_iprefix(s->items[i], "dm.basesize="))
			continue;
		snprintf(what, sizeof what, "the devicemapper base device size is changed (%s)",
		         s->items[i]);
		d_report(out, self, s, s->items[i], what);
	}
}

const struct rule rule_e_basesize = {
	.id = "BW-E012",
	.title = "devicemapper base device size changed",
	.severity = SEV_LOW,
	.cis = "2.11",
	.cis8 = "2.12",
	.rationale = "dm.basesize sets how large every container's root filesystem may grow. "
	             "Raising it daemon-wide lets any container fill the thin pool and starve the "
	             "others and the host, and shrinking it later is not possible without "
	             "recreating the pool. Only reported on the devicemapper driver, the only one "
	             "that reads it.",
	.remediation = "Remove dm.basesize from \"storage-opts\" in /etc/docker/daemon.json (or "
	               "the --storage-opt flag) unless a workload needs it; give individual "
	               "containers more space with docker run --storage-opt size=... instead.",
	.refs = REFS(DOCKERD_REF),
	.check_daemon = check_basesize,
};
