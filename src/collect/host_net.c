/* Listening sockets on the host and the processes (and containers) they belong to.
 * The socket tables (/proc/net/tcp and the rest) show the network namespace of the process
 * reading them: run in a container with a network of its own, the audit sees that container's
 * sockets, not the host's. */
#include "collect/host_net_int.h"
#include <stdlib.h>

static const char *const TABLES[] = { "/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp",
                                      "/proc/net/udp6" };

/* Live, these are the running kernel's; under a root, a copy may hold them (fixture trees do),
 * and without one the sockets are a live-only fact that was not read. */
void host_net_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	struct host_net *n = &h->net;
	host_net_ifaces(n, r, live, errs);
	for (size_t i = 0; i < sizeof TABLES / sizeof *TABLES; i++) {
		char *text = host_read(r, TABLES[i], errs);
		if (!text)
			continue;
		n->known = true;
		host_net_parse(n, text, TABLES[i], errs);
		free(text);
	}
	if (!n->known) {
		if (!live)
			host_skipped(errs, "listening sockets");
		return;
	}
	host_net_procs(n, r);
}
