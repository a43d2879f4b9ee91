/* The authorization engine: request decoder, classifier, policy loader, decisions. */
#include "test.h"
#include "authz/authz_int.h"
#include "authz/server.h"
#include "collect/create.h"
#include "util/util.h"
#include <openssl/evp.h>
#include <stdlib.h>
#include <unistd.h>

static char *load(const char *name, size_t *n)
{
	char path[256];
	snprintf(path, sizeof path, "tests/authz/%s", name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = xmalloc(1 << 20);
	*n = fread(buf, 1, (1 << 20) - 1, fp);
	buf[*n] = '\0';
	fclose(fp);
	return buf;
}

/* Decide one recorded request; returns allow, copies the rule into rule (or ""). */
static bool decide_file(const struct authz_policy *p, const char *name, char *rule, size_t cap)
{
	size_t n = 0;
	char *text = load(name, &n);
	struct authz_decision d;
	CHECK(text != NULL);
	authz_decide(p, text ? text : "", n, &d);
	snprintf(rule, cap, "%s", d.rule ? d.rule : "");
	bool allow = d.allow;
	CHECK(allow == (d.msg == NULL));
	authz_decision_free(&d);
	free(text);
	return allow;
}

static bool decide_str(const struct authz_policy *p, const char *req, char **msg)
{
	struct authz_decision d;
	authz_decide(p, req, strlen(req), &d);
	bool allow = d.allow;
	if (msg)
		*msg = d.msg ? xstrdup(d.msg) : NULL;
	authz_decision_free(&d);
	return allow;
}

TEST(authz_b64)
{
	size_t n = 0;
	unsigned char *b = authz_b64_decode("aGVsbG8=", 8, &n);
	CHECK_INT(n, 5);
	CHECK(b && !memcmp(b, "hello", 5));
	free(b);
	b = authz_b64_decode("aGVsbA", 6, &n);
	CHECK(b && n == 4 && !memcmp(b, "hell", 4));
	free(b);
	CHECK(authz_b64_decode("a$==", 4, &n) == NULL);
	CHECK(authz_b64_decode("a", 1, &n) == NULL);
}

TEST(authz_decoder)
{
	struct authz_req r;
	const char *why = NULL;
	const char ok[] = "{\"User\":\"bob\",\"RequestMethod\":\"POST\","
	                  "\"RequestURI\":\"/v1.41/images/create?fromImage=alpine&tag=3\"}";
	CHECK(authz_req_decode(&r, ok, strlen(ok), &why));
	CHECK_STR(r.path, "/images/create");
	CHECK_STR(r.query, "fromImage=alpine&tag=3");
	CHECK_STR(r.user, "bob");
	CHECK(r.body == NULL);
	authz_req_free(&r);
	const char *bad[] = {
		"", "[]", "{\"RequestMethod\":\"GET\"}", "{\"RequestMethod\":\"GET\",\"RequestURI\":\"/x\"",
		"{\"RequestMethod\":\"GET\",\"RequestURI\":\"/x\",\"RequestBody\":\"@@\"}",
		"{\"RequestMethod\":\"GET\",\"RequestURI\":\"x\"}",
		"{\"RequestMethod\":\"GET\",\"RequestURI\":\"/x\",\"RequestBody\":7}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		why = NULL;
		CHECK(!authz_req_decode(&r, bad[i], strlen(bad[i]), &why));
		CHECK(why != NULL);
		authz_req_free(&r);
	}
	size_t big = AUTHZ_MAX_REQUEST + 1;
	char *huge = xmalloc(big);
	memset(huge, ' ', big);
	CHECK(!authz_req_decode(&r, huge, big, &why));
	CHECK_STR(why, "request too large");
	authz_req_free(&r);
	free(huge);
}

static void classified(const char *m, const char *path, const char *q, const char *want,
                       const char *target)
{
	struct authz_action a;
	bool ok = authz_classify(m, path, q, &a);
	if (!want) {
		CHECK(!ok);
		return;
	}
	CHECK(ok);
	CHECK_STR(ok ? a.name : NULL, want);
	if (ok && target)
		CHECK_STR(a.target, target);
	if (ok)
		authz_action_free(&a);
}

TEST(authz_classifier)
{
	classified("POST", "/containers/create", "name=web", "container.create", "web");
	classified("POST", "/containers/abc/update", NULL, "container.update", "abc");
	classified("POST", "/containers/abc/exec", NULL, "container.exec", "abc");
	classified("POST", "/containers/abc/start", NULL, "container.start", "abc");
	classified("DELETE", "/containers/abc", NULL, "container.delete", "abc");
	classified("GET", "/containers/json", "all=1", "container.list", NULL);
	classified("GET", "/containers/abc/json", NULL, "container.inspect", "abc");
	classified("GET", "/containers/abc/logs", NULL, "container.logs", "abc");
	classified("POST", "/exec/e1/start", NULL, "exec.start", "e1");
	classified("POST", "/images/create", "fromImage=ghcr.io%2Fa%2Fb&tag=1", "image.pull",
	           "ghcr.io/a/b:1");
	classified("POST", "/images/create", "fromSrc=-", "image.import", NULL);
	classified("POST", "/images/ghcr.io/a/b/push", NULL, "image.push", "ghcr.io/a/b");
	classified("POST", "/images/load", NULL, "image.load", NULL);
	classified("POST", "/build", "t=x", "image.build", NULL);
	classified("DELETE", "/images/library/alpine:3", NULL, "image.delete", "library/alpine:3");
	classified("GET", "/images/json", NULL, "image.list", NULL);
	classified("POST", "/volumes/create", NULL, "volume.create", NULL);
	classified("DELETE", "/volumes/data", NULL, "volume.delete", "data");
	classified("GET", "/volumes", NULL, "volume.list", NULL);
	classified("POST", "/networks/create", NULL, "network.create", NULL);
	classified("POST", "/networks/n1/connect", NULL, "network.connect", "n1");
	classified("DELETE", "/networks/n1", NULL, "network.delete", "n1");
	classified("GET", "/networks", NULL, "network.list", NULL);
	classified("POST", "/plugins/pull", "remote=vieux/sshfs", "plugin.install", "vieux/sshfs");
	classified("POST", "/plugins/vieux/sshfs/enable", NULL, "plugin.enable", "vieux/sshfs");
	classified("POST", "/swarm/init", NULL, "swarm.init", NULL);
	classified("POST", "/services/create", NULL, "swarm.service", NULL);
	classified("GET", "/nodes", NULL, "swarm.node", NULL);
	classified("POST", "/secrets/create", NULL, "swarm.secret", NULL);
	classified("GET", "/configs", NULL, "swarm.config", NULL);
	classified("GET", "/tasks", NULL, "swarm.task", NULL);
	classified("GET", "/info", NULL, "system.info", NULL);
	classified("GET", "/version", NULL, "system.version", NULL);
	classified("HEAD", "/_ping", NULL, "system.ping", NULL);
	classified("GET", "/events", NULL, "system.events", NULL);
	classified("GET", "/system/df", NULL, "system.df", NULL);
	classified("POST", "/frobnicate", NULL, NULL, NULL);
	classified("GET", "/containers/create", NULL, NULL, NULL);
	classified("POST", "/containers/abc/nonsense", NULL, NULL, NULL);
	classified("GET", "/a/b/c/d/e/f/g/h/i", NULL, NULL, NULL);
}

TEST(authz_registry)
{
	const char *cases[][2] = { { "alpine", "docker.io" }, { "library/alpine", "docker.io" },
		{ "ghcr.io/x/y", "ghcr.io" }, { "localhost/x", "localhost" },
		{ "reg:5000/x", "reg:5000" } };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *r = authz_image_registry(cases[i][0]);
		CHECK_STR(r, cases[i][1]);
		free(r);
	}
	CHECK(authz_action_known("container.*"));
	CHECK(authz_action_known("*"));
	CHECK(!authz_action_known("container.frob"));
	CHECK(!authz_action_known("frob.*"));
}

static int policy_error_line(const char *text, const char *want)
{
	struct findings errs = { 0 };
	struct authz_policy *p = authz_policy_parse("p.yaml", text, strlen(text), &errs);
	CHECK(p == NULL);
	authz_policy_free(p);
	return test_first_error(&errs, want);
}

#define HEAD "default-role: r\nno-identity-role: r\n"

TEST(authz_policy_errors)
{
	CHECK_INT(policy_error_line(HEAD "roles:\n  r:\n    allow: [container.frob]\n",
	                            "unknown action"), 5);
	CHECK_INT(policy_error_line(HEAD "roles:\n  r:\n    allow: ['*']\n    bogus: 1\n",
	                            "unknown key \"bogus\""), 6);
	CHECK_INT(policy_error_line(HEAD "block-severity: severe\nroles:\n  r:\n    allow: ['*']\n",
	                            "unknown severity"), 3);
	CHECK_INT(policy_error_line(HEAD "roles:\n  r:\n    allow: ['*']\n    exempt: [BW-X999]\n",
	                            "unknown rule id"), 6);
	CHECK_INT(policy_error_line(HEAD "identities:\n  bob: nobody\nroles:\n  r:\n    allow: ['*']\n",
	                            "unknown role"), 4);
	CHECK_INT(policy_error_line(HEAD "oops: 1\nroles:\n  r:\n    allow: ['*']\n",
	                            "unknown key \"oops\""), 3);
	CHECK_INT(policy_error_line(HEAD "roles:\n  r:\n    allow:\n      - registries: [x]\n",
	                            "no action"), 5);
	CHECK(policy_error_line("roles: [\n", "invalid YAML") >= 0);
	CHECK_INT(policy_error_line("ser:\n     ? -- er:\t     ? - /\n", "invalid YAML: "), 2);
	CHECK_INT(policy_error_line(HEAD "roles: {}\nroles: {}\n", "key \"roles\" already defined"), 4);
	CHECK_INT(policy_error_line("", "invalid YAML"), 0);
	CHECK(policy_error_line("roles:\n  r:\n    allow: ['*']\n", "required") >= 0);
}

TEST(authz_default_policy)
{
	struct authz_policy *p = authz_policy_default();
	char rule[64];
	static const char *const allowed[] = { "create_hardened.json", "create_plain.json",
		"update_memory.json", "exec_plain.json", "exec_start.json", "image_pull.json",
		"image_load.json", "container_list.json", "container_start.json",
		"container_stop.json", "plugin_no_privileges.json", "ping.json" };
	static const char *const denied[][2] = { { "create_privileged.json", "BW-C001" },
		{ "create_cap_sys_admin.json", "BW-C002" }, { "create_docker_sock.json", "BW-C009" },
		{ "create_pid_host.json", "BW-C005" }, { "create_seccomp_unconfined.json", "BW-C015" },
		{ "create_no_body.json", "policy" }, { "exec_privileged.json", "policy" },
		{ "exec_root.json", "policy" }, { "plugin_privileges.json", "policy" },
		{ "unknown_path.json", "request" }, { "malformed.json", "request" },
		{ "bad_base64.json", "request" } };
	for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
		bool ok = decide_file(p, allowed[i], rule, sizeof rule);
		if (!ok)
			fprintf(stderr, "  %s denied by %s\n", allowed[i], rule);
		CHECK(ok);
	}
	for (size_t i = 0; i < sizeof denied / sizeof *denied; i++) {
		CHECK(!decide_file(p, denied[i][0], rule, sizeof rule));
		CHECK_STR(rule, denied[i][1]);
	}
	char *msg = NULL;
	size_t n;
	char *text = load("create_privileged.json", &n);
	CHECK(!decide_str(p, text ? text : "", &msg));
	CHECK(msg && strstr(msg, "bulwark: denied by BW-C001 (Container runs privileged) for role "
	                         "user: "));
	free(msg);
	free(text);
	authz_policy_free(p);
}

TEST(authz_rbac)
{
	struct findings errs = { 0 };
	struct authz_policy *p = authz_policy_load("tests/authz/rbac.yaml", &errs);
	char rule[64];
	CHECK(p != NULL);
	CHECK_INT(errs.nerrors, 0);
	findings_free(&errs);
	if (!p)
		return;
	CHECK(decide_file(p, "create_labeled_alice.json", rule, sizeof rule));   /* exempt */
	CHECK(!decide_file(p, "create_privileged_bob.json", rule, sizeof rule));
	CHECK_STR(rule, "BW-C001");
	CHECK(!decide_file(p, "create_privileged_carol.json", rule, sizeof rule));
	CHECK_STR(rule, "role");                        /* unlisted: the default role, viewer */
	CHECK_STR(authz_role_for(p, "carol")->name, "viewer");
	CHECK_STR(authz_role_for(p, "")->name, "ops");
	CHECK_STR(authz_role_for(p, NULL)->name, "ops");
	CHECK(decide_file(p, "create_plain.json", rule, sizeof rule));           /* unix socket */
	CHECK(!decide_file(p, "image_pull_ghcr_bob.json", rule, sizeof rule));
	CHECK(decide_file(p, "image_pull_dockerio_bob.json", rule, sizeof rule));
	CHECK(!decide_file(p, "volume_create_bob.json", rule, sizeof rule));
	CHECK_STR(rule, "role");
	/* An update is judged by what it changes, not by the settings it does not carry. */
	CHECK(decide_file(p, "update_memory_bob.json", rule, sizeof rule));
	CHECK(!decide_file(p, "update_pids_unlimited_bob.json", rule, sizeof rule));
	CHECK_STR(rule, "BW-C014");
	authz_policy_free(p);
}

/* names globs match an image as sent and in its familiar form (docker.io/library/ dropped). */
TEST(authz_image_names)
{
	static const char pol[] = "default-role: r\nno-identity-role: r\nroles:\n  r:\n"
	                          "    allow:\n      - action: image.pull\n"
	                          "        names: ['alpine:*', 'team/*']\n";
	struct findings errs = { 0 };
	struct authz_policy *p = authz_policy_parse("names.yaml", pol, sizeof pol - 1, &errs);
	CHECK(p != NULL);
	findings_free(&errs);
	if (!p)
		return;
#define PULL(q) "{\"RequestMethod\":\"POST\",\"RequestUri\":\"/v1.41/images/create?" q "\"}"
	CHECK(decide_str(p, PULL("fromImage=alpine&tag=3.19"), NULL));
	CHECK(decide_str(p, PULL("fromImage=docker.io%2Flibrary%2Falpine&tag=3.19"), NULL));
	CHECK(decide_str(p, PULL("fromImage=docker.io%2Fteam%2Fapp&tag=1"), NULL));
	CHECK(decide_str(p, PULL("fromImage=index.docker.io%2Fteam%2Fapp&tag=1"), NULL));
	CHECK(!decide_str(p, PULL("fromImage=docker.io%2Fevil%2Falpine&tag=3.19"), NULL));
	CHECK(!decide_str(p, PULL("fromImage=ghcr.io%2Flibrary%2Falpine&tag=3.19"), NULL));
	CHECK(!decide_str(p, PULL("fromImage=ghcr.io%2Fteam%2Fapp&tag=1"), NULL));
#undef PULL
	authz_policy_free(p);
}

TEST(authz_create_spec)
{
	json_t *b = json_loads("{\"Image\":\"a\",\"User\":\"1000\",\"HostConfig\":{\"Binds\":"
	                       "[\"/etc:/host/etc:ro,rshared\",\"data:/data\",\"/anon\"],"
	                       "\"Privileged\":true,\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\","
	                       "\"HostPort\":\"8080\"}]}},\"ExposedPorts\":{\"80/tcp\":{},"
	                       "\"443/tcp\":{}}}", 0, NULL);
	struct cspec *c = cspec_from_create(b, "/web");
	CHECK(c != NULL);
	if (c) {
		CHECK_STR(c->name, "web");
		CHECK_STR(c->user.s, "1000");
		CHECK(c->privileged.set && c->privileged.v);
		CHECK_INT(c->nmounts, 3);
		CHECK(c->mounts[0].type == MOUNT_BIND && c->mounts[0].read_only);
		CHECK_STR(c->mounts[0].propagation, "rshared");
		CHECK(c->mounts[1].type == MOUNT_VOLUME && !c->mounts[1].read_only);
		CHECK_STR(c->mounts[2].target, "/anon");
		CHECK_INT(c->nports, 2);
		CHECK(c->ports[0].published && !c->ports[1].published);
		CHECK(c->origin == CSPEC_CREATE);
	}
	cspec_free(c);
	json_decref(b);
	CHECK(cspec_from_create(NULL, NULL) == NULL);
}

/* One update request on the unix socket with body json; returns allow and the rule. */
static bool decide_update(const struct authz_policy *p, const char *json, char *rule, size_t cap)
{
	size_t n = strlen(json);
	char *b64 = xmalloc(4 * (n / 3 + 1) + 1);
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)json, (int)n);
	char *req = xasprintf("{\"RequestMethod\":\"POST\",\"RequestUri\":\"/v1.47/containers/ex/update\","
	                      "\"RequestBody\":\"%s\"}", b64);
	struct authz_decision d;
	authz_decide(p, req, strlen(req), &d);
	snprintf(rule, cap, "%s", d.rule ? d.rule : "");
	bool allow = d.allow;
	authz_decision_free(&d);
	free(req);
	free(b64);
	return allow;
}

/* Each rule an update can break, by the field that breaks it; an empty or zero field and a
 * field of another rule leave it alone. */
TEST(authz_update_fields)
{
	static const char pol[] = "default-role: r\nno-identity-role: r\nblock-severity: low\n"
	                          "roles:\n  r:\n    allow: ['*']\n";
	struct findings errs = { 0 };
	struct authz_policy *p = authz_policy_parse("u.yaml", pol, sizeof pol - 1, &errs);
	CHECK(p != NULL);
	findings_free(&errs);
	if (!p)
		return;
	static const char *const cases[][2] = {
		{ "{\"CgroupParent\": \"/custom\"}", "BW-C027" },
		{ "{\"CgroupParent\": \"\", \"Memory\": 134217728}", "" },
		{ "{\"Devices\": [{\"PathOnHost\": \"/dev/fuse\", \"PathInContainer\": \"/dev/fuse\","
		  " \"CgroupPermissions\": \"rwm\"}]}", "BW-C023" },
		{ "{\"Devices\": []}", "" },
		{ "{\"PidsLimit\": -1}", "BW-C014" },
		{ "{\"PidsLimit\": 0}", "BW-C014" },
		{ "{\"PidsLimit\": null, \"Memory\": 0}", "" },
		{ "{\"PidsLimit\": 100}", "" },
		{ "{\"RestartPolicy\": {\"Name\": \"always\"}}", "BW-C018" },
		{ "{\"RestartPolicy\": {\"Name\": \"\"}}", "" },
		{ "{\"CpusetCpus\": \"0\"}", "" },
		{ "{\"CpuShares\": 1024}", "BW-C013" },   /* back to the default weight */
		{ "{\"Memory\": 0, \"NanoCpus\": 0, \"CpuShares\": 0}", "" },
	};
	char rule[64];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bool allow = decide_update(p, cases[i][0], rule, sizeof rule);
		if (allow != !*cases[i][1] || strcmp(rule, cases[i][1])) {
			fprintf(stderr, "  %s: %s by \"%s\", want \"%s\"\n", cases[i][0],
			        allow ? "allowed" : "denied", rule, cases[i][1]);
			test_failed = 1;
		}
	}
	authz_policy_free(p);
}

/* "x.*" covers the actions under x., not those whose name merely starts with x. */
TEST(authz_action_patterns)
{
	CHECK(authz_action_match("container.*", "container.create"));
	CHECK(!authz_action_match("container.*", "containers.create"));
	CHECK(!authz_action_match("container.*", "container"));
	CHECK(!authz_action_match("image.*", "imagex"));
	CHECK(authz_action_match("*", "volume.prune"));
	CHECK(authz_action_match("volume.list", "volume.list"));
	CHECK(!authz_action_match("volume.list", "volume.lis"));
	CHECK(!authz_action_match("volume.*", "volume"));
}

/* The audit log: one JSON line per decision, all written by close; an unopenable path is NULL. */
TEST(authz_audit_log_file)
{
	char path[] = "/tmp/bw-audit-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	struct audit_log *a = audit_open(path);
	CHECK(a != NULL);
	if (a) {
		struct authz_decision allow = { .allow = true, .user = "alice", .role = "admin",
		                                .action = "container.create", .target = "web" };
		struct authz_decision deny = { .allow = false, .msg = "denied", .rule = "BW-C001",
		                               .action = "container.create" };
		audit_write(a, &allow);
		audit_write(a, &deny);
		audit_close(a);
	}
	size_t n = 0;
	char *text = NULL;
	FILE *fp = fopen(path, "r");
	if (fp) {
		text = xmalloc(4096);
		n = fread(text, 1, 4095, fp);
		text[n] = '\0';
		fclose(fp);
	}
	const char *l2 = text ? strchr(text, '\n') : NULL;
	CHECK(text && strstr(text, "\"user\":\"alice\",\"role\":\"admin\",\"action\":"
	                           "\"container.create\",\"target\":\"web\",\"decision\":\"allow\","
	                           "\"rule\":null,\"msg\":null}\n"));
	CHECK(l2 && strstr(l2, "\"user\":null,\"role\":null,\"action\":\"container.create\","
	                       "\"target\":null,\"decision\":\"deny\",\"rule\":\"BW-C001\","
	                       "\"msg\":\"denied\"}\n"));
	CHECK(l2 && !strchr(l2 + 1, '\n')[1]);
	free(text);
	remove(path);
	CHECK(audit_open("/nonexistent-bulwark-test/audit.log") == NULL);
}
