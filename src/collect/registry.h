/* A registry client (the OCI distribution API, which Docker's registry speaks): references,
 * credentials as the docker CLI keeps them, token or basic authentication, manifests and blobs
 * over HTTPS. One client talks to one registry and one repository. */
#ifndef BW_COLLECT_REGISTRY_H
#define BW_COLLECT_REGISTRY_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "collect/layer.h"

/* "docker://HOST[:PORT]/NAME[:TAG][@DIGEST]" without the scheme, or a Docker Hub short form
 * ("alpine", "library/alpine:3.20"). */
struct reg_ref {
	char *host;        /* "127.0.0.1:5000"; Docker Hub: "registry-1.docker.io" */
	char *name;        /* "library/alpine" */
	char *reference;   /* the digest if given, else the tag ("latest" when none) */
};
/* 0, or -1 with *err (malloc'd) saying what is wrong with s. */
int reg_ref_parse(const char *s, struct reg_ref *r, char **err);
void reg_ref_free(struct reg_ref *r);
/* The host is this machine: "localhost", 127.0.0.0/8 or ::1, with any port. */
bool reg_host_loopback(const char *host);

struct reg_opts {
	const char *ca;         /* CA file; NULL: /etc/docker/certs.d/HOST/ca.crt, else the system's */
	const char *certs_d;    /* NULL: /etc/docker/certs.d */
	bool insecure;          /* plain HTTP; allowed only for a loopback host */
	double timeout;         /* seconds per request without progress; 0: 30 */
};

/* WWW-Authenticate: the scheme ("bearer", "basic", lower case) and the parameters a token
 * request needs. Pure, for the fuzzer. */
struct reg_challenge { char scheme[16]; char *realm, *service; };
bool reg_challenge_parse(const char *header, struct reg_challenge *c);
void reg_challenge_free(struct reg_challenge *c);

/* The credentials docker login left for host in config.json ($DOCKER_CONFIG or ~/.docker):
 * credHelpers[host] or credsStore (a docker-credential-NAME helper), else auths[host].auth
 * (base64 "user:password") or identitytoken. 1 found, 0 none, -1 with *err. */
int reg_credentials(const char *host, char **user, char **secret, char **err);

struct reg_client;
/* Connects (GET /v2/) and authenticates for pulling ref's repository. NULL with *err. */
struct reg_client *reg_open(const struct reg_ref *ref, const struct reg_opts *o, char **err);
/* The manifest or index of reference (a tag or digest), parsed; *digest (malloc'd) the digest
 * of its bytes, which must match reference when it is one. NULL with *err. */
json_t *reg_manifest(struct reg_client *c, const char *reference, char **digest, char **err);
/* reg_manifest, but *missing says the registry answered 404 (no such tag or digest). */
json_t *reg_manifest_opt(struct reg_client *c, const char *reference, char **digest,
                         bool *missing, char **err);
/* A small blob (a config), parsed as JSON, its digest checked. NULL with *err. */
json_t *reg_blob_json(struct reg_client *c, const char *digest, char **err);
/* A small blob's exact bytes (*n of them), its sha256 digest checked, refused over max bytes
 * (at most 8 MiB). NULL with *err. */
unsigned char *reg_blob_bytes(struct reg_client *c, const char *digest, size_t max, size_t *n,
                              char **err);
/* A blob as a stream of bytes, pulled by the layer reader; NULL with *err. */
struct layer_input *reg_blob_open(struct reg_client *c, const char *digest, char **err);
void reg_blob_close(struct layer_input *in);
void reg_close(struct reg_client *c);
#endif
