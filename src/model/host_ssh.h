/* The SSH server's effective configuration (sshd -T, or sshd_config read as sshd reads it). Filled by collect/host_ssh.c, read by the rules in rules/host/. */
#ifndef BW_HOST_SSH_H
#define BW_HOST_SSH_H
#include <stdbool.h>
#include "model/loc.h"

struct host_ssh {
	bool known;              /* the collector could tell; rules stay silent otherwise */
};

void host_ssh_free(struct host_ssh *x);

#endif
