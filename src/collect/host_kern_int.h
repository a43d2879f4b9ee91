/* The kernel collector's parts: settings and modules (host_kern.c), time synchronisation
 * (host_kern_time.c), log forwarding (host_kern_logs.c). */
#ifndef BW_HOST_KERN_INT_H
#define BW_HOST_KERN_INT_H
#include "collect/host_int.h"

void host_kern_time(struct host_kern *k, const struct hroot *r, bool live, struct findings *errs);
void host_kern_logs(struct host_kern *k, const struct hroot *r, struct findings *errs);
/* The link that enables unit under /etc/systemd/system/<target>.wants/, unless the unit is
 * masked; malloc'd host path, NULL when not enabled. */
char *host_unit_enabled(const struct hroot *r, const char *unit);

#endif
