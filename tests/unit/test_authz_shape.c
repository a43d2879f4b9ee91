/* Request bodies of the wrong JSON types: every field the plugin judges, given every JSON type,
 * is denied naming the field unless the type fits or is null (absent, as in the engine). The
 * list below is written from the Engine API (v1.47 ContainerConfig, HostConfig, Resources,
 * ExecConfig, PluginPrivilege, VolumeCreateOptions), not from the plugin's own table, so a judged
 * field the table forgets fails here. */
#include "test.h"
#include "authz/authz_int.h"
#include "util/util.h"
#include <openssl/evp.h>
#include <stdlib.h>

/* Paths: "." between fields, "[]" one element of an array, "{}" one value of a map (key "k"). */
static const struct { const char *action, *path, *type; } judged[] = {
	{ "container.create", "", "object" },
	{ "container.create", "Image", "string" },
	{ "container.create", "User", "string" },
	{ "container.create", "Env", "array" },
	{ "container.create", "Env[]", "string" },
	{ "container.create", "Labels", "object" },
	{ "container.create", "Labels{}", "string" },
	{ "container.create", "Healthcheck", "object" },
	{ "container.create", "Healthcheck.Test", "array" },
	{ "container.create", "Healthcheck.Test[]", "string" },
	{ "container.create", "ExposedPorts", "object" },
	{ "container.create", "ExposedPorts{}", "object" },
	{ "container.create", "HostConfig", "object" },
	{ "container.create", "HostConfig.Privileged", "boolean" },
	{ "container.create", "HostConfig.ReadonlyRootfs", "boolean" },
	{ "container.create", "HostConfig.CapAdd", "array" },
	{ "container.create", "HostConfig.CapAdd[]", "string" },
	{ "container.create", "HostConfig.CapDrop", "array" },
	{ "container.create", "HostConfig.CapDrop[]", "string" },
	{ "container.create", "HostConfig.SecurityOpt", "array" },
	{ "container.create", "HostConfig.SecurityOpt[]", "string" },
	{ "container.create", "HostConfig.NetworkMode", "string" },
	{ "container.create", "HostConfig.PidMode", "string" },
	{ "container.create", "HostConfig.IpcMode", "string" },
	{ "container.create", "HostConfig.UTSMode", "string" },
	{ "container.create", "HostConfig.UsernsMode", "string" },
	{ "container.create", "HostConfig.CgroupnsMode", "string" },
	{ "container.create", "HostConfig.CpusetCpus", "string" },
	{ "container.create", "HostConfig.CgroupParent", "string" },
	{ "container.create", "HostConfig.Memory", "integer" },
	{ "container.create", "HostConfig.MemorySwap", "integer" },
	{ "container.create", "HostConfig.MemoryReservation", "integer" },
	{ "container.create", "HostConfig.CpuShares", "integer" },
	{ "container.create", "HostConfig.NanoCpus", "integer" },
	{ "container.create", "HostConfig.CpuQuota", "integer" },
	{ "container.create", "HostConfig.CpuPeriod", "integer" },
	{ "container.create", "HostConfig.PidsLimit", "integer" },
	{ "container.create", "HostConfig.RestartPolicy", "object" },
	{ "container.create", "HostConfig.RestartPolicy.Name", "string" },
	{ "container.create", "HostConfig.RestartPolicy.MaximumRetryCount", "integer" },
	{ "container.create", "HostConfig.Devices", "array" },
	{ "container.create", "HostConfig.Devices[]", "object" },
	{ "container.create", "HostConfig.Devices[].PathOnHost", "string" },
	{ "container.create", "HostConfig.Devices[].PathInContainer", "string" },
	{ "container.create", "HostConfig.Devices[].CgroupPermissions", "string" },
	{ "container.create", "HostConfig.Ulimits", "array" },
	{ "container.create", "HostConfig.Ulimits[]", "object" },
	{ "container.create", "HostConfig.Ulimits[].Name", "string" },
	{ "container.create", "HostConfig.Ulimits[].Soft", "integer" },
	{ "container.create", "HostConfig.Ulimits[].Hard", "integer" },
	{ "container.create", "HostConfig.Sysctls", "object" },
	{ "container.create", "HostConfig.Sysctls{}", "string" },
	{ "container.create", "HostConfig.Binds", "array" },
	{ "container.create", "HostConfig.Binds[]", "string" },
	{ "container.create", "HostConfig.Mounts", "array" },
	{ "container.create", "HostConfig.Mounts[]", "object" },
	{ "container.create", "HostConfig.Mounts[].Type", "string" },
	{ "container.create", "HostConfig.Mounts[].Source", "string" },
	{ "container.create", "HostConfig.Mounts[].Target", "string" },
	{ "container.create", "HostConfig.Mounts[].ReadOnly", "boolean" },
	{ "container.create", "HostConfig.Mounts[].BindOptions", "object" },
	{ "container.create", "HostConfig.Mounts[].BindOptions.Propagation", "string" },
	{ "container.create", "HostConfig.Tmpfs", "object" },
	{ "container.create", "HostConfig.Tmpfs{}", "string" },
	{ "container.create", "HostConfig.PortBindings", "object" },
	{ "container.create", "HostConfig.PortBindings{}", "array" },
	{ "container.create", "HostConfig.PortBindings{}[]", "object" },
	{ "container.create", "HostConfig.PortBindings{}[].HostIp", "string" },
	{ "container.create", "HostConfig.PortBindings{}[].HostPort", "string" },
	{ "container.update", "", "object" },
	{ "container.update", "CpusetCpus", "string" },
	{ "container.update", "CgroupParent", "string" },
	{ "container.update", "Memory", "integer" },
	{ "container.update", "MemorySwap", "integer" },
	{ "container.update", "MemoryReservation", "integer" },
	{ "container.update", "CpuShares", "integer" },
	{ "container.update", "NanoCpus", "integer" },
	{ "container.update", "CpuQuota", "integer" },
	{ "container.update", "CpuPeriod", "integer" },
	{ "container.update", "PidsLimit", "integer" },
	{ "container.update", "RestartPolicy", "object" },
	{ "container.update", "RestartPolicy.Name", "string" },
	{ "container.update", "RestartPolicy.MaximumRetryCount", "integer" },
	{ "container.update", "Devices", "array" },
	{ "container.update", "Devices[]", "object" },
	{ "container.update", "Devices[].PathOnHost", "string" },
	{ "container.update", "Devices[].PathInContainer", "string" },
	{ "container.update", "Devices[].CgroupPermissions", "string" },
	{ "container.update", "Ulimits", "array" },
	{ "container.update", "Ulimits[]", "object" },
	{ "container.update", "Ulimits[].Name", "string" },
	{ "container.update", "Ulimits[].Soft", "integer" },
	{ "container.update", "Ulimits[].Hard", "integer" },
	{ "container.exec", "", "object" },
	{ "container.exec", "User", "string" },
	{ "container.exec", "Privileged", "boolean" },
	{ "plugin.install", "", "array" },
	{ "plugin.install", "[]", "object" },
	{ "plugin.install", "[].Name", "string" },
	{ "plugin.install", "[].Value", "array" },
	{ "plugin.install", "[].Value[]", "string" },
	{ "volume.create", "", "object" },
	{ "volume.create", "Name", "string" },
	{ "volume.create", "Driver", "string" },
	{ "volume.create", "DriverOpts", "object" },
	{ "volume.create", "DriverOpts{}", "string" },
	{ "volume.create", "Labels", "object" },
	{ "volume.create", "Labels{}", "string" },
};

/* One value of each JSON type, and its type's name as the list above spells it. */
static const struct { const char *json, *type; } values[] = {
	{ "\"x\"", "string" }, { "7", "integer" }, { "true", "boolean" }, { "{}", "object" },
	{ "[]", "array" }, { "null", "null" }, { "1.5", "real" },
};

static const char *uri(const char *action)
{
	static const char *const u[][2] = {
		{ "container.create", "/v1.47/containers/create?name=web" },
		{ "container.update", "/v1.47/containers/web/update" },
		{ "container.exec", "/v1.47/containers/web/exec" },
		{ "plugin.install", "/v1.47/plugins/pull?remote=vieux/sshfs:latest" },
		{ "volume.create", "/v1.47/volumes/create" },
	};
	for (size_t i = 0; i < sizeof u / sizeof *u; i++)
		if (!strcmp(u[i][0], action))
			return u[i][1];
	return "/";
}

/* The body holding v at path, and in *name the path as a denial names it. */
static json_t *build(const char *path, json_t *v, struct buf *name)
{
	if (!*path)
		return v;
	if (*path == '.')
		return build(path + 1, v, name);
	if (!strncmp(path, "[]", 2)) {
		buf_adds(name, "[0]");
		return json_pack("[o]", build(path + 2, v, name));
	}
	if (!strncmp(path, "{}", 2)) {
		buf_adds(name, "[\"k\"]");
		return json_pack("{s:o}", "k", build(path + 2, v, name));
	}
	size_t n = strcspn(path, ".[{");
	char *key = xstrndup(path, n);
	buf_printf(name, "%s%s", name->len ? "." : "", key);
	json_t *o = json_pack("{s:o}", key, build(path + n, v, name));
	free(key);
	return o;
}

static void decide_body(const char *action, const char *body, struct authz_decision *d)
{
	static struct authz_policy *p;
	if (!p)
		p = authz_policy_default();
	size_t n = strlen(body);
	char *b64 = xmalloc(4 * (n / 3 + 1) + 1);
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)body, (int)n);
	char *req = xasprintf("{\"RequestMethod\":\"POST\",\"RequestUri\":\"%s\","
	                      "\"RequestBody\":\"%s\"}", uri(action), b64);
	authz_decide(p, req, strlen(req), d);
	free(req);
	free(b64);
}

static bool fits(const char *want, const char *have)
{
	return !strcmp(want, have) || !strcmp(have, "null");
}

TEST(authz_shape_every_field_every_type)
{
	size_t denials = 0;
	for (size_t i = 0; i < sizeof judged / sizeof *judged; i++)
		for (size_t k = 0; k < sizeof values / sizeof *values; k++) {
			struct buf name = { 0 };
			json_t *body = build(judged[i].path, json_loads(values[k].json,
			                     JSON_DECODE_ANY, NULL), &name);
			char *text = json_dumps(body, JSON_ENCODE_ANY | JSON_COMPACT);
			struct authz_decision d;
			decide_body(judged[i].action, text, &d);
			bool shape = d.msg && strstr(d.msg, "does not fit the Engine API");
			/* The whole body may not be null: that is no request at all. */
			bool want_deny = !fits(judged[i].type, values[k].type) ||
			                 (!*judged[i].path && !strcmp(values[k].type, "null"));
			char *want = xasprintf("bulwark: denied: the %s request body does not fit the "
			                       "Engine API: %s: expected ", judged[i].action,
			                       name.len ? name.s : "the body");
			if (want_deny ? !(d.msg && !strncmp(d.msg, want, strlen(want)) &&
			                  !strcmp(d.rule, "request")) : shape) {
				fprintf(stderr, "  %s %s: %s\n", judged[i].action, text,
				        d.msg ? d.msg : "allowed");
				test_failed = 1;
			}
			denials += want_deny;
			authz_decision_free(&d);
			free(want);
			free(text);
			free(name.s);
			json_decref(body);
		}
	CHECK(denials > 500);
}

/* The message's two ends, for one mistyped field of each kind. */
TEST(authz_shape_messages)
{
	static const char *const cases[][3] = {
		{ "container.create", "{\"HostConfig\": 7}",
		  "HostConfig: expected an object, got a number" },
		{ "container.create", "{\"HostConfig\": {\"Privileged\": \"true\"}}",
		  "HostConfig.Privileged: expected a boolean, got a string" },
		{ "container.create", "{\"HostConfig\": {\"CapAdd\": \"SYS_ADMIN\"}}",
		  "HostConfig.CapAdd: expected an array of strings, got a string" },
		{ "container.create", "{\"HostConfig\": {\"Binds\": {\"/\": \"/host\"}}}",
		  "HostConfig.Binds: expected an array of strings, got an object" },
		{ "container.create", "{\"HostConfig\": {\"Memory\": 1e9}}",
		  "HostConfig.Memory: expected an integer, got a number with a fraction or exponent" },
		{ "container.create", "{\"HostConfig\": {\"PortBindings\": {\"80/tcp\": [{\"HostPort\":"
		  " 8080}]}}}", "HostConfig.PortBindings[\"80/tcp\"][0].HostPort: expected a string, "
		  "got a number" },
		{ "container.create", "{\"HostConfig\": {\"CapAdd\": [\"NET_ADMIN\", 1]}}",
		  "HostConfig.CapAdd[1]: expected a string, got a number" },
		{ "container.create", "{\"Env\": [\"A\", \"B\", \"C\", \"D\", \"E\", \"F\", \"G\", \"H\","
		  " \"I\", \"J\", \"K\", false]}", "Env[11]: expected a string, got a boolean" },
		{ "plugin.install", "{\"Name\": \"network\"}",
		  "the body: expected an array of objects, got an object" },
		{ "container.create", "null", "the body: expected an object, got null" },
		/* Go matches struct field names case-insensitively (with Unicode folding): the
		 * engine would read these keys, so the plugin must not skip them. */
		{ "container.create", "{\"hostconfig\": {\"Privileged\": true}}",
		  "hostconfig: the engine reads this key as HostConfig; spell it HostConfig" },
		{ "container.create", "{\"HostConfig\": {\"Pr\xc4\xb1vileged\": true}}",
		  "HostConfig.Pr\xc4\xb1vileged: the engine reads this key as Privileged; spell it "
		  "Privileged" },
		{ "container.create", "{\"HostConfig\": {\"\xc5\xbf" "ecurityOpt\": [\"seccomp=unconfined\"]}}",
		  "HostConfig.\xc5\xbf" "ecurityOpt: the engine reads this key as SecurityOpt; spell it "
		  "SecurityOpt" },
		{ "container.exec", "{\"privileged\": true}",
		  "privileged: the engine reads this key as Privileged; spell it Privileged" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct authz_decision d;
		decide_body(cases[i][0], cases[i][1], &d);
		char *want = xasprintf("bulwark: denied: the %s request body does not fit the Engine "
		                       "API: %s", cases[i][0], cases[i][2]);
		CHECK_STR(d.msg, want);
		CHECK_STR(d.rule, "request");
		free(want);
		authz_decision_free(&d);
	}
}

/* Keys twice (Go merges both objects, jansson would keep the last): denied. Null in a list is an
 * empty element, as in Go, and a key the plugin does not judge may hold anything. */
TEST(authz_shape_duplicates_and_nulls)
{
	struct authz_decision d;
	decide_body("container.create", "{\"HostConfig\": {\"Privileged\": true}, "
	            "\"HostConfig\": {\"Memory\": 1}}", &d);
	CHECK_STR(d.msg, "bulwark: denied: the container.create request body is not valid JSON "
	                 "(duplicate object key near '\"HostConfig\"')");
	authz_decision_free(&d);
	decide_body("container.create", "{\"Image\": \"a\", \"Env\": [\"A=1\", null], "
	            "\"Cmd\": 7, \"HostConfig\": {\"CapAdd\": null, \"Dns\": {}}}", &d);
	CHECK(d.allow);
	authz_decision_free(&d);
	decide_body("volume.create", "{\"Name\": \"data\", \"Driver\": \"local\", \"DriverOpts\": "
	            "{\"type\": \"none\", \"o\": [\"bind\"]}}", &d);
	CHECK_STR(d.msg, "bulwark: denied: the volume.create request body does not fit the Engine "
	                 "API: DriverOpts[\"o\"]: expected a string, got an array");
	authz_decision_free(&d);
}
