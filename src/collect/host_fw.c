/* The host firewall: the nftables ruleset, the iptables rules and Docker's own chains. */
#include "collect/host_int.h"

void host_fw_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	(void)h;
	(void)r;
	(void)live;
	(void)errs;
}
