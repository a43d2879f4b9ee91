/* The host collector: reads the Docker host's files (through a root prefix, so tests and
 * fixtures can stand in for the machine) into the host model. */
#ifndef BW_COLLECT_HOST_H
#define BW_COLLECT_HOST_H
#include <stdbool.h>
#include "model/finding.h"
#include "model/host.h"

struct host_inputs {
	/* Prefix for every host path read: "" = the live machine; a fixture tree in tests. */
	const char *root;
	/* The daemon's data root (/info DockerRootDir); NULL = /var/lib/docker. */
	const char *data_root;
	/* daemon.json path; not prefixed when the user gave it. NULL = /etc/docker/daemon.json. */
	const char *daemon_json;
	/* The daemon's TLS files (from its settings), NULL when none. */
	const char *tls_ca, *tls_cert, *tls_key;
	/* Unix socket paths the daemon listens on, NULL-terminated; NULL = /var/run/docker.sock. */
	const char *const *sockets;
	/* Target name; NULL = from root/etc/hostname or gethostname. */
	const char *hostname;
	/* True only for the real machine: may run `auditctl -l` when it exists. */
	bool live;
	/* Tests and fixtures: a file (on this machine) of "PATH TYPE UID GID MODE" lines, TYPE one
	 * of file, dir, socket, symlink, absent, MODE octal. Listed Docker files take these values
	 * instead of what lstat says: git keeps neither owners nor most mode bits, nor sockets. */
	const char *stat_overrides;
};

/* Fill h (zeroed first). Unreadable or malformed inputs are recorded in errs with the path read
 * and the collector goes on; missing optional files are not errors. 0, or -1 after recording
 * errors; never aborts. Free h with host_free either way. */
int host_collect(struct host *h, const struct host_inputs *in, struct findings *errs);

/* The systemd unit file for NAME ("docker.service", "docker.socket", "containerd.service"): the
 * first of /etc/systemd/system, /run/systemd/system, /lib/systemd/system, /usr/lib/systemd/system
 * under root that exists (a symlink counts). Returns the host path without the root prefix
 * ("/lib/systemd/system/docker.service"; read it as root + path), malloc'd; NULL when none. */
char *host_unit_path(const char *root, const char *name);

#endif
