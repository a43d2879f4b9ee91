/* The authorization plugin's server side: the HTTP endpoints on a unix socket and the audit log. */
#ifndef BW_AUTHZ_SERVER_H
#define BW_AUTHZ_SERVER_H
#include "authz/authz.h"

struct authz_server_opts {
	const char *socket;      /* default /run/docker/plugins/bulwark.sock */
	const char *policy;      /* NULL: the built-in default */
	const char *audit_log;   /* NULL: stderr */
	unsigned threads;        /* 0: one per core */
};
/* Serves until SIGTERM or SIGINT (SIGHUP reloads the policy); returns an exit status. */
int authz_server_run(const struct authz_server_opts *o);

struct audit_log;
/* path NULL: stderr. NULL on error (message printed). Starts the log's writer thread. */
struct audit_log *audit_open(const char *path);
void audit_write(struct audit_log *a, const struct authz_decision *d);
void audit_close(struct audit_log *a);        /* flushes */
/* Writes DIR/bulwark-authz.service running this binary on sock with policy (NULL: built-in) and
 * prints what to do next; 0, or -1 after printing why it could not be written. */
int authz_install(const char *sock, const char *policy, const char *dir);
#endif
