#include "model/host_patch.h"

void host_patch_free(struct host_patch *x)
{
	(void)x;
}
