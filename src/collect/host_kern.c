/* Kernel settings a container host depends on, loaded modules, time synchronisation and log forwarding. */
#include "collect/host_int.h"

void host_kern_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	(void)h;
	(void)r;
	(void)live;
	(void)errs;
}
