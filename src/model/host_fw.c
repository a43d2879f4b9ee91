#include "model/host_fw.h"

void host_fw_free(struct host_fw *x)
{
	(void)x;
}
