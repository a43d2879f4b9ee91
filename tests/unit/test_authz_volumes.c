/* The plugin's memory of named volumes: volume.create requests and the engine's answers to
 * them decide what a later container create's volume is; an unknown volume is denied. */
#include "test.h"
#include "authz/authz.h"
#include "util/util.h"
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

static char *b64(const char *json)
{
	size_t n = strlen(json);
	char *out = xmalloc(4 * (n / 3 + 1) + 1);
	EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)json, (int)n);
	return out;
}

/* One request on the unix socket; returns allow, copies the rule and the message. */
static bool ask(const struct authz_policy *p, struct authz_volumes *v, const char *method,
                const char *uri, const char *body, char *rule, size_t cap, char **msg)
{
	char *enc = body ? b64(body) : NULL;
	char *req = enc ? xasprintf("{\"RequestMethod\":\"%s\",\"RequestUri\":\"%s\","
	                            "\"RequestBody\":\"%s\"}", method, uri, enc)
	                : xasprintf("{\"RequestMethod\":\"%s\",\"RequestUri\":\"%s\"}", method, uri);
	struct authz_decision d;
	authz_decide_seen(p, v, req, strlen(req), &d);
	snprintf(rule, cap, "%s", d.rule ? d.rule : "");
	if (msg)
		*msg = xstrdup(d.msg);
	bool allow = d.allow;
	authz_decision_free(&d);
	free(req);
	free(enc);
	return allow;
}

/* The engine's answer to a volume.create, as AuthZRes forwards it. */
static void answer(struct authz_volumes *v, const char *volume_json)
{
	char *enc = b64(volume_json);
	char *res = xasprintf("{\"RequestMethod\":\"POST\",\"RequestUri\":\"/v1.47/volumes/create\","
	                      "\"ResponseStatusCode\":201,\"ResponseBody\":\"%s\"}", enc);
	authz_volumes_response(v, res, strlen(res));
	free(res);
	free(enc);
}

#define CREATE "/v1.47/containers/create"
#define HARDENED "\"Image\":\"app:1\",\"User\":\"1000\""

static char *create_body(const char *hostconfig)
{
	return xasprintf("{" HARDENED ",\"HostConfig\":{\"CapDrop\":[\"ALL\"],"
	                 "\"SecurityOpt\":[\"no-new-privileges\"],\"ReadonlyRootfs\":true,"
	                 "\"Memory\":268435456,\"PidsLimit\":100,%s}}", hostconfig);
}

static bool create_with(const struct authz_policy *p, struct authz_volumes *v,
                        const char *hostconfig, char *rule, size_t cap, char **msg)
{
	char *body = create_body(hostconfig);
	bool allow = ask(p, v, "POST", CREATE, body, rule, cap, msg);
	free(body);
	return allow;
}

TEST(authz_volume_seen_as_bind)
{
	struct authz_policy *p = authz_policy_default();
	struct authz_volumes *v = authz_volumes_new();
	char rule[32];
	char *msg = NULL;
	CHECK(ask(p, v, "POST", "/v1.47/volumes/create",
	          "{\"Name\":\"dockersock\",\"Driver\":\"local\",\"DriverOpts\":{\"type\":\"none\","
	          "\"o\":\"bind\",\"device\":\"/var/run/docker.sock\"}}", rule, sizeof rule, NULL));
	CHECK(!create_with(p, v, "\"Binds\":[\"dockersock:/var/run/docker.sock\"]", rule,
	                   sizeof rule, &msg));
	CHECK_STR(rule, "BW-C009");
	free(msg);
	/* the same volume through Mounts */
	CHECK(!create_with(p, v, "\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"dockersock\","
	                   "\"Target\":\"/s\"}]", rule, sizeof rule, NULL));
	CHECK_STR(rule, "BW-C009");
	/* a plain volume seen created is allowed */
	CHECK(ask(p, v, "POST", "/v1.47/volumes/create", "{\"Name\":\"data\"}", rule, sizeof rule,
	          NULL));
	answer(v, "{\"Name\":\"data\",\"Driver\":\"local\",\"Options\":null,\"Scope\":\"local\"}");
	CHECK(create_with(p, v, "\"Binds\":[\"data:/data\"]", rule, sizeof rule, NULL));
	/* removed through the engine: unknown again */
	CHECK(ask(p, v, "DELETE", "/v1.47/volumes/data", NULL, rule, sizeof rule, NULL));
	CHECK(!create_with(p, v, "\"Binds\":[\"data:/data\"]", rule, sizeof rule, NULL));
	CHECK_STR(rule, "volume");
	authz_volumes_free(v);
	authz_policy_free(p);
}

TEST(authz_volume_unknown_denied)
{
	struct authz_policy *p = authz_policy_default();
	struct authz_volumes *v = authz_volumes_new();
	char rule[32];
	char *msg = NULL;
	CHECK(!create_with(p, v, "\"Binds\":[\"mystery:/data\"]", rule, sizeof rule, &msg));
	CHECK_STR(rule, "volume");
	CHECK(msg && strstr(msg, "volume mystery was not created while this plugin ran"));
	free(msg);
	/* without any memory (authz check) the same */
	CHECK(!create_with(p, NULL, "\"Binds\":[\"mystery:/data\"]", rule, sizeof rule, NULL));
	CHECK_STR(rule, "volume");
	/* anonymous volumes and host paths need no memory */
	CHECK(create_with(p, NULL, "\"Binds\":[\"/srv/app:/app:ro\"],\"Mounts\":[{\"Type\":"
	                  "\"volume\",\"Target\":\"/cache\"}]", rule, sizeof rule, NULL));
	authz_volumes_free(v);
	authz_policy_free(p);
}

TEST(authz_volume_engine_answer)
{
	struct authz_policy *p = authz_policy_default();
	struct authz_volumes *v = authz_volumes_new();
	char rule[32];
	/* a create without options of a name that already exists: the engine answers with the
	 * volume it kept, which binds /etc */
	CHECK(ask(p, v, "POST", "/v1.47/volumes/create", "{\"Name\":\"cfg\"}", rule, sizeof rule,
	          NULL));
	answer(v, "{\"Name\":\"cfg\",\"Driver\":\"local\",\"Options\":{\"type\":\"none\","
	          "\"o\":\"bind,ro\",\"device\":\"/etc\"},\"Scope\":\"local\"}");
	CHECK(!create_with(p, v, "\"Binds\":[\"cfg:/host-etc\"]", rule, sizeof rule, NULL));
	CHECK_STR(rule, "BW-C010");
	/* an NFS volume is no host bind */
	answer(v, "{\"Name\":\"share\",\"Driver\":\"local\",\"Options\":{\"type\":\"nfs\","
	          "\"o\":\"addr=10.0.0.5,rw\",\"device\":\":/etc\"}}");
	CHECK(create_with(p, v, "\"Binds\":[\"share:/etc/remote\"]", rule, sizeof rule, NULL));
	authz_volumes_free(v);
	authz_policy_free(p);
}

TEST(authz_volume_driver_config)
{
	struct authz_policy *p = authz_policy_default();
	char rule[32];
	/* --mount type=volume,volume-opt=...: the request itself defines the bind */
	CHECK(!create_with(p, NULL, "\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"s\",\"Target\":"
	                   "\"/s\",\"VolumeOptions\":{\"DriverConfig\":{\"Name\":\"local\","
	                   "\"Options\":{\"type\":\"none\",\"o\":\"rbind\",\"device\":"
	                   "\"/run/docker.sock\"}}}}]", rule, sizeof rule, NULL));
	CHECK_STR(rule, "BW-C009");
	/* a subpath of a volume that binds / is that directory of the host, no more */
	CHECK(create_with(p, NULL, "\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"r\",\"Target\":"
	                  "\"/app\",\"VolumeOptions\":{\"Subpath\":\"srv/app\",\"DriverConfig\":"
	                  "{\"Options\":{\"type\":\"none\",\"o\":\"bind\",\"device\":\"/\"}}}}]",
	                  rule, sizeof rule, NULL));
	CHECK(!create_with(p, NULL, "\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"r\",\"Target\":"
	                   "\"/e\",\"VolumeOptions\":{\"Subpath\":\"etc\",\"DriverConfig\":"
	                   "{\"Options\":{\"type\":\"none\",\"o\":\"bind\",\"device\":\"/\"}}}}]",
	                   rule, sizeof rule, NULL));
	CHECK_STR(rule, "BW-C010");
	authz_policy_free(p);
}
