/* Pending updates, reboots and the engine's support status, computed offline. Filled by collect/host_patch.c, read by the rules in rules/host/. */
#ifndef BW_HOST_PATCH_H
#define BW_HOST_PATCH_H
#include <stdbool.h>
#include "model/loc.h"

struct host_patch {
	bool known;              /* the collector could tell; rules stay silent otherwise */
};

void host_patch_free(struct host_patch *x);

#endif
