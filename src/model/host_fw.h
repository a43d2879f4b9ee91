/* The host firewall: the nftables ruleset, the iptables rules and Docker's own chains. Filled by collect/host_fw.c, read by the rules in rules/host/. */
#ifndef BW_HOST_FW_H
#define BW_HOST_FW_H
#include <stdbool.h>
#include "model/loc.h"

struct host_fw {
	bool known;              /* the collector could tell; rules stay silent otherwise */
};

void host_fw_free(struct host_fw *x);

#endif
