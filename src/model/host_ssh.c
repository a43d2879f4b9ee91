#include "model/host_ssh.h"

void host_ssh_free(struct host_ssh *x)
{
	(void)x;
}
