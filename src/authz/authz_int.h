/* Internals of the authorization engine: the decoded request, its action, the loaded policy. */
#ifndef BW_AUTHZ_INT_H
#define BW_AUTHZ_INT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "authz/authz.h"

/* Requests are bounded: the engine forwards bodies up to 1 MiB, base64 makes them 4/3 larger. */
#define AUTHZ_MAX_REQUEST (2u * 1024 * 1024 * 4 / 3 + 64 * 1024)

struct authz_req {
	json_t *root;              /* owns the strings below */
	const char *user;          /* NULL or "" for unix-socket requests */
	const char *method, *uri;
	char *path;                /* URI without /vX.Y and query */
	char *query;               /* after '?', or NULL */
	unsigned char *body;       /* decoded; NULL when the engine did not forward one */
	size_t body_len;
};
/* false with *why set (static string) when the request is malformed. */
bool authz_req_decode(struct authz_req *r, const char *buf, size_t len, const char **why);
void authz_req_free(struct authz_req *r);
/* One query parameter, URL-decoded; NULL when absent. Caller frees. */
char *authz_query_get(const char *query, const char *key);
/* Standard base64 (padding optional); NULL on a bad character. */
unsigned char *authz_b64_decode(const char *s, size_t len, size_t *out_len);

struct authz_action {
	const char *name;          /* "container.create"; static */
	char *target;              /* container, image, volume... name or id; may be NULL */
	char *registry;            /* image.pull / image.push: "docker.io", "ghcr.io" */
};
/* false when the method and path name no known action. */
bool authz_classify(const char *method, const char *path, const char *query,
                    struct authz_action *a);
void authz_action_free(struct authz_action *a);
/* Whether a pattern ("container.*", "*", "image.pull") can match some known action. */
bool authz_action_known(const char *pattern);
bool authz_action_match(const char *pattern, const char *action);
/* The registry of an image reference: the first component when it has '.' or ':' or is
 * "localhost", else "docker.io". Caller frees. */
char *authz_image_registry(const char *ref);

/* Whether action's request body is one the plugin judges (create, update, exec, plugin
 * privileges, volume create), and the first field of it whose JSON type the engine would not
 * read as the plugin does: "HostConfig.CapAdd: expected an array of strings, got a string".
 * NULL when every judged field fits (null counts as absent, as in the engine); caller frees. */
bool authz_body_judged(const char *action);
char *authz_body_shape(const char *action, json_t *body);

/* authz/volumes.c: device NULL records a volume that binds no host path. get: 1 a bind
 * (*device is then a copy), 0 no bind, -1 unknown. */
void authz_volumes_set(struct authz_volumes *t, const char *name, const char *device, bool ro);
void authz_volumes_forget(struct authz_volumes *t, const char *name);
int authz_volumes_get(struct authz_volumes *t, const char *name, char **device, bool *ro);
/* What an allowed request tells about volumes: volume.create bodies, volume.delete targets. */
void authz_volumes_request(struct authz_volumes *t, const char *action, const char *target,
                           json_t *body);

struct authz_grant {
	char *action;              /* pattern */
	char **names;              /* NULL-terminated globs on the target, or NULL: any */
	char **registries;         /* image.pull/push: allowed registries (globs), or NULL: any */
	char **labels;             /* container.create: "key=value-glob" the request must carry */
};
struct authz_role {
	char *name;
	struct authz_grant *allow, *deny; size_t nallow, ndeny;
	char **exempt;             /* rule ids, canonical ("BW-C004") */
	size_t nexempt;
	int block_severity;        /* -1: the policy's */
};
struct authz_ident { char *user; struct authz_role *role; };
struct authz_policy {
	char *path;
	int block_severity;        /* default SEV_HIGH */
	bool allow_missing_body;
	bool block_privileged_exec, block_root_exec, block_plugin_privileges;
	struct authz_role *roles; size_t nroles;
	struct authz_ident *idents; size_t nidents;
	struct authz_role *no_identity, *default_role;
};
struct authz_policy *authz_policy_parse(const char *path, const char *text, size_t len,
                                        struct findings *errs);
const struct authz_role *authz_role_for(const struct authz_policy *p, const char *user);
#endif
