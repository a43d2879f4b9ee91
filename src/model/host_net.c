#include "model/host_net.h"

void host_net_free(struct host_net *x)
{
	(void)x;
}
