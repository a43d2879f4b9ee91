/* Kernel settings a container host depends on, loaded modules, time synchronisation and log forwarding. Filled by collect/host_kern.c, read by the rules in rules/host/. */
#ifndef BW_HOST_KERN_H
#define BW_HOST_KERN_H
#include <stdbool.h>
#include "model/loc.h"

struct host_kern {
	bool known;              /* the collector could tell; rules stay silent otherwise */
};

void host_kern_free(struct host_kern *x);

#endif
