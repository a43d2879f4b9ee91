/* The SSH server's effective configuration (sshd -T, or sshd_config read as sshd reads it). */
#include "collect/host_int.h"

void host_ssh_collect(struct host *h, const struct hroot *r, bool live, struct findings *errs)
{
	(void)h;
	(void)r;
	(void)live;
	(void)errs;
}
