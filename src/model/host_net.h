/* Listening sockets on the host and the processes (and containers) they belong to. Filled by collect/host_net.c, read by the rules in rules/host/. */
#ifndef BW_HOST_NET_H
#define BW_HOST_NET_H
#include <stdbool.h>
#include "model/loc.h"

struct host_net {
	bool known;              /* the collector could tell; rules stay silent otherwise */
};

void host_net_free(struct host_net *x);

#endif
