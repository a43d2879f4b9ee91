/* Network interfaces and their flags, from sysfs: /sys/class/net/NAME/flags is the kernel's own
 * flags word, where IFF_PROMISC stays set while anything (a packet socket, `ip link set
 * promisc on`, a bridge) keeps the interface promiscuous. */
#include "collect/host_net_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char SYS_NET[] = "/sys/class/net";

static void add_iface(struct host_net *n, const struct hroot *r, const char *name)
{
	size_t len;
	char *path = xasprintf("%s/%s/flags", SYS_NET, name);
	char *text = host_net_read(r, path, &len), *end;
	unsigned long flags = text ? strtoul(text, &end, 16) : 0;
	if (!text || end == text) {
		free(text);
		free(path);
		return;
	}
	free(text);
	char *master = xasprintf("%s/%s/master", SYS_NET, name);
	char *brport = xasprintf("%s/%s/brport", SYS_NET, name);
	GROW(n->ifaces, n->cap_ifaces, n->nifaces);
	struct host_iface *f = &n->ifaces[n->nifaces++];
	*f = (struct host_iface){ xstrdup(name), (unsigned)flags,
	                          hfs_exists(r, master) || hfs_exists(r, brport), path, { 0 } };
	f->loc = (struct loc){ f->path, 0 };
	free(master);
	free(brport);
}

void host_net_ifaces(struct host_net *n, const struct hroot *r, bool live, struct findings *errs)
{
	size_t k;
	char **names = hfs_list(r, SYS_NET, HOST_MAX_ENTRIES, &k);
	if (!names) {
		if (!live)
			host_skipped(errs, "promiscuous interfaces");
		return;
	}
	n->ifaces_known = true;
	for (size_t i = 0; i < k; i++)
		add_iface(n, r, names[i]);
	hfs_list_free(names, k);
}
