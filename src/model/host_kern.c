#include "model/host_kern.h"

void host_kern_free(struct host_kern *x)
{
	(void)x;
}
