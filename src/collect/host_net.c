/* Listening sockets on the host and the processes (and containers) they belong to. */
#include "collect/host_int.h"

void host_net_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	(void)h;
	(void)r;
	(void)live;
	(void)errs;
}
