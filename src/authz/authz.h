/* Enforcement: a Docker Engine authorization plugin. Requests are decoded, classified into
 * actions, checked against a policy (roles per identity) and, for container creation, against
 * the same container rules the audit and compose lint use. */
#ifndef BW_AUTHZ_H
#define BW_AUTHZ_H
#include <stdbool.h>
#include <stddef.h>
#include "model/finding.h"

struct authz_policy;

/* A policy file (YAML), validated: NULL after recording errors (file and line) in errs. */
struct authz_policy *authz_policy_load(const char *path, struct findings *errs);
/* The built-in policy, and its text as a starting file (`bulwark authz policy --default`). */
struct authz_policy *authz_policy_default(void);
const char *authz_policy_default_text(void);
void authz_policy_free(struct authz_policy *p);

struct authz_decision {
	bool allow;
	char *msg;      /* for a denial: "bulwark: denied by BW-C001 (privileged container) for role
	                   developer: remove --privileged"; NULL when allowed */
	char *rule;     /* the rule id or "role" / "policy" / "request" that decided; NULL when allowed */
	char *user, *role, *action, *target;   /* for the audit log; may be NULL */
};
/* One AuthZPlugin.AuthZReq body (the engine's JSON: User, UserAuthNMethod, RequestMethod,
 * RequestURI, RequestBody base64, RequestHeaders). Never fails: anything it cannot parse or
 * classify is denied with a reason. Thread-safe for concurrent calls on one policy. */
void authz_decide(const struct authz_policy *p, const char *req, size_t len,
                  struct authz_decision *d);
void authz_decision_free(struct authz_decision *d);

/* The named volumes the plugin has seen created (authz/volumes.c), shared by the server's
 * threads. A container create that mounts a named volume is judged by what the volume binds;
 * a volume neither recorded here nor defined by the request itself cannot be told apart from a
 * host bind, and is denied. */
struct authz_volumes;
struct authz_volumes *authz_volumes_new(void);
void authz_volumes_free(struct authz_volumes *v);
/* authz_decide that also records volume.create and volume.delete requests in vols and looks
 * create requests' volumes up there; authz_decide is this with vols NULL (nothing known). */
void authz_decide_seen(const struct authz_policy *p, struct authz_volumes *vols, const char *req,
                       size_t len, struct authz_decision *d);
/* One AuthZPlugin.AuthZRes body: the engine's answer to a volume.create is recorded. */
void authz_volumes_response(struct authz_volumes *v, const char *res, size_t len);

/* `authz check`: the request file decided under the policy file (NULL: the built-in one) and the
 * decision printed; 1 allowed, 0 denied, -1 when the files cannot be read. */
int authz_check_file(const char *policy, const char *req, bool as_json);
/* `authz lint`: whether the policy file is valid; its errors are printed. */
bool authz_lint_file(const char *path);
#endif
