/* The daemon collector: daemon.json, the running dockerd's command line (or the unit file's
 * ExecStart) and the engine's answers, merged into the daemon model. */
#ifndef BW_COLLECT_DAEMON_H
#define BW_COLLECT_DAEMON_H
#include <jansson.h>
#include "model/finding.h"
#include "model/daemon.h"

struct daemon_inputs {
	const char *root;          /* prefix for host paths read: "" = live machine; a fixture tree in tests */
	const char *daemon_json;   /* the user's --daemon-json path (read as given), or NULL = root + /etc/docker/daemon.json */
	const char *unit_path;     /* docker.service path, or NULL; prefixed with root when it does not start with it */
	json_t *info, *version;    /* engine answers to /info and /version; NULL when the engine could not be asked */
	const char *endpoint;      /* "unix:///var/run/docker.sock", for messages */
};

/* Fill d (zeroed first). Unreadable or invalid inputs are recorded in errs and the other sources
 * are still used. 0, or -1 after recording errors; never aborts. Free d with daemon_free. */
int daemon_collect(struct daemon *d, const struct daemon_inputs *in, struct findings *errs);
/* Image and container counts from /containers/json?all=1 and /images/json; either may be NULL. */
void daemon_add_counts(struct daemon *d, json_t *containers, json_t *images);
/* Swarm state from /swarm, /nodes, /networks and /secrets; any may be NULL. */
void daemon_add_swarm(struct daemon *d, json_t *swarm, json_t *nodes, json_t *networks,
                      json_t *secrets);
/* The swarm's services from GET /services (a manager's answer); NULL is ignored. */
void daemon_add_services(struct daemon *d, json_t *services);
#endif
