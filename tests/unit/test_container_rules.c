/* Container rules over specs shaped like `docker inspect` output: no locations, effective values
 * (Memory 0 = unlimited, CapDrop empty, ...). Proves the rules serve the audit path too, not
 * just compose files. */
#include "test.h"
#include "secret_gen.h"
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <stdlib.h>

/* A container as a careful operator would run it: every container rule passes. */
static struct cspec *hardened(void)
{
	struct cspec *c = cspec_new(CSPEC_INSPECT);
	c->name = xstrdup("web");
	c->id = xstrdup("0123456789ab");
	c->image.s = xstrdup("nginx:1.27");
	c->state = xstrdup("running");
	c->read_only = (struct cs_flag){ .v = true, .set = true };
	c->memory = (struct cs_num){ .v = 512 << 20, .set = true };
	c->nano_cpus = (struct cs_num){ .v = 500000000, .set = true };
	c->cpu_shares = (struct cs_num){ .v = 0, .set = true };
	c->pids_limit = (struct cs_num){ .v = 100, .set = true };
	cs_strs_add(&c->cap_drop, "ALL", LOC_NONE);
	cs_strs_add(&c->security_opt, "no-new-privileges:true", LOC_NONE);
	cs_set(&c->restart, "no", LOC_NONE);
	c->restart_max = (struct cs_num){ .v = 0, .set = true };
	cs_set(&c->network_mode, "appnet", LOC_NONE);
	cs_set(&c->apparmor_profile, "docker-default", LOC_NONE);
	cs_set(&c->user, "1000", LOC_NONE);
	c->healthcheck.set = true;
	c->health_status = xstrdup("healthy");
	return c;
}

static struct findings run(const struct cspec *c)
{
	struct findings out = { 0 };
	out.cur = (struct target){ TK_CONTAINER, c->name, c->id };
	rules_run_cspec(c, &out);
	return out;
}

/* How many findings rule id produced for c. */
static int fired(const struct cspec *c, const char *id)
{
	struct findings out = run(c);
	int n = 0;
	for (size_t i = 0; i < out.n; i++)
		n += str_eq(out.v[i].rule->id, id);
	findings_free(&out);
	return n;
}

static const struct finding *first(const struct findings *out, const char *id)
{
	for (size_t i = 0; i < out->n; i++)
		if (str_eq(out->v[i].rule->id, id))
			return &out->v[i];
	return NULL;
}

TEST(crule_hardened_is_clean)
{
	struct cspec *c = hardened();
	struct findings out = run(c);
	for (size_t i = 0; i < out.n; i++)
		if (str_prefix(out.v[i].rule->id, "BW-C")) {
			fprintf(stderr, "  unexpected %s: %s\n", out.v[i].rule->id, out.v[i].message);
			test_failed = 1;
		}
	findings_free(&out);
	cspec_free(c);
}

TEST(crule_inspect_defaults_fire)
{
	/* What docker inspect says for a plain `docker run nginx`. */
	struct cspec *c = cspec_new(CSPEC_INSPECT);
	c->name = xstrdup("plain");
	c->image.s = xstrdup("nginx");
	c->read_only = (struct cs_flag){ .v = false, .set = true };
	c->memory = (struct cs_num){ .v = 0, .set = true };
	c->cpu_shares = (struct cs_num){ .v = 0, .set = true };
	c->nano_cpus = (struct cs_num){ .v = 0, .set = true };
	c->cpu_quota = (struct cs_num){ .v = 0, .set = true };
	c->pids_limit = (struct cs_num){ .v = 0, .set = true };
	cs_set(&c->restart, "no", LOC_NONE);
	cs_set(&c->network_mode, "default", LOC_NONE);
	CHECK_INT(fired(c, "BW-C003"), 1);
	CHECK_INT(fired(c, "BW-C011"), 1);
	CHECK_INT(fired(c, "BW-C012"), 1);
	CHECK_INT(fired(c, "BW-C013"), 1);
	CHECK_INT(fired(c, "BW-C014"), 1);
	CHECK_INT(fired(c, "BW-C017"), 1);
	CHECK_INT(fired(c, "BW-C029"), 1);
	CHECK_INT(fired(c, "BW-C001"), 0);
	CHECK_INT(fired(c, "BW-C018"), 0);
	CHECK_INT(fired(c, "BW-C019"), 1);  /* no user: the image's default, root */
	cspec_free(c);
}

TEST(crule_inspect_findings_have_no_location)
{
	struct cspec *c = hardened();
	c->privileged = (struct cs_flag){ .v = true, .set = true };
	struct findings out = run(c);
	const struct finding *f = first(&out, "BW-C001");
	CHECK(f != NULL);
	if (f) {
		CHECK(f->path == NULL);
		CHECK_INT(f->line, 0);
		CHECK_STR(f->message, "container web runs privileged");
		CHECK_STR(f->target_id, "0123456789ab");
	}
	findings_free(&out);
	cspec_free(c);
}

TEST(crule_capabilities)
{
	struct cspec *c = hardened();
	cs_strs_add(&c->cap_add, "CAP_SYS_ADMIN", LOC_NONE);
	cs_strs_add(&c->cap_add, "NET_RAW", LOC_NONE);
	cs_strs_add(&c->cap_add, "net_admin", LOC_NONE);
	CHECK_INT(fired(c, "BW-C002"), 2);
	CHECK_INT(fired(c, "BW-C003"), 0);
	cspec_free(c);

	c = hardened();
	c->cap_drop.v[0].s[0] = 'a';      /* "aLL" still drops everything */
	CHECK_INT(fired(c, "BW-C003"), 0);
	free(c->cap_drop.v[0].s);
	c->cap_drop.v[0].s = xstrdup("NET_RAW");
	CHECK_INT(fired(c, "BW-C003"), 1);
	cspec_free(c);
}

TEST(crule_namespaces)
{
	struct cspec *c = hardened();
	cs_set(&c->network_mode, "host", LOC_NONE);
	cs_set(&c->pid_mode, "host", LOC_NONE);
	cs_set(&c->ipc_mode, "host", LOC_NONE);
	cs_set(&c->uts_mode, "host", LOC_NONE);
	cs_set(&c->userns_mode, "host", LOC_NONE);
	cs_set(&c->cgroupns_mode, "host", LOC_NONE);
	CHECK_INT(fired(c, "BW-C004"), 1);
	CHECK_INT(fired(c, "BW-C005"), 1);
	CHECK_INT(fired(c, "BW-C006"), 1);
	CHECK_INT(fired(c, "BW-C007"), 1);
	CHECK_INT(fired(c, "BW-C008"), 1);
	CHECK_INT(fired(c, "BW-C026"), 1);
	cspec_free(c);

	c = hardened();
	cs_set(&c->network_mode, "container:0123", LOC_NONE);
	cs_set(&c->ipc_mode, "private", LOC_NONE);
	cs_set(&c->cgroupns_mode, "private", LOC_NONE);
	cs_set(&c->pid_mode, "", LOC_NONE);
	CHECK_INT(fired(c, "BW-C004"), 0);
	CHECK_INT(fired(c, "BW-C005"), 0);
	CHECK_INT(fired(c, "BW-C006"), 0);
	CHECK_INT(fired(c, "BW-C026"), 0);
	cspec_free(c);
}

static void add_bind(struct cspec *c, const char *src, const char *dst, bool ro)
{
	struct cs_mount *m = cspec_add_mount(c);
	m->type = MOUNT_BIND;
	m->source = xstrdup(src);
	m->target = xstrdup(dst);
	m->read_only = ro;
	m->propagation = xstrdup("rprivate");
	m->loc = LOC_NONE;
}

TEST(crule_mounts)
{
	struct cspec *c = hardened();
	add_bind(c, "/var/run/docker.sock", "/var/run/docker.sock", true);
	add_bind(c, "/run/containerd", "/c", false);
	add_bind(c, "/etc", "/host/etc", true);
	add_bind(c, "/etc/localtime", "/etc/localtime", true);
	add_bind(c, "/srv/app", "/app", false);
	add_bind(c, "/", "/host", true);
	CHECK_INT(fired(c, "BW-C009"), 3);   /* socket, its directory, and / */
	CHECK_INT(fired(c, "BW-C010"), 2);   /* /etc and / */
	CHECK_INT(fired(c, "BW-C024"), 0);
	free(c->mounts[4].propagation);
	c->mounts[4].propagation = xstrdup("rshared");
	CHECK_INT(fired(c, "BW-C024"), 1);
	cspec_free(c);

	/* A named volume is not a host path, whatever it is called. */
	c = hardened();
	struct cs_mount *m = cspec_add_mount(c);
	m->type = MOUNT_VOLUME;
	m->source = xstrdup("docker.sock");
	m->target = xstrdup("/etc");
	CHECK_INT(fired(c, "BW-C009"), 0);
	CHECK_INT(fired(c, "BW-C010"), 0);
	cspec_free(c);
}

TEST(crule_limits)
{
	struct cspec *c = hardened();
	c->memory.v = 0;
	c->pids_limit.v = -1;
	c->nano_cpus.v = 0;
	c->cpu_shares.v = 1024;
	CHECK_INT(fired(c, "BW-C012"), 1);
	CHECK_INT(fired(c, "BW-C013"), 1);
	CHECK_INT(fired(c, "BW-C014"), 1);
	c->cpu_quota = (struct cs_num){ .v = 50000, .set = true };
	CHECK_INT(fired(c, "BW-C013"), 0);
	c->pids_limit.set = false;           /* PidsLimit: null */
	CHECK_INT(fired(c, "BW-C014"), 1);
	cs_set(&c->cgroup_parent, "/custom", LOC_NONE);
	CHECK_INT(fired(c, "BW-C027"), 1);
	cspec_free(c);
}

TEST(crule_security_opts)
{
	struct cspec *c = hardened();
	cs_strs_add(&c->security_opt, "seccomp=unconfined", LOC_NONE);
	cs_strs_add(&c->security_opt, "label=disable", LOC_NONE);
	cs_strs_add(&c->security_opt, "systempaths=unconfined", LOC_NONE);
	cs_set(&c->apparmor_profile, "unconfined", LOC_NONE);
	CHECK_INT(fired(c, "BW-C015"), 1);
	CHECK_INT(fired(c, "BW-C016"), 1);
	CHECK_INT(fired(c, "BW-C025"), 1);
	CHECK_INT(fired(c, "BW-C031"), 1);
	CHECK_INT(fired(c, "BW-C017"), 0);
	cs_strs_add(&c->security_opt, "no-new-privileges=false", LOC_NONE);
	CHECK_INT(fired(c, "BW-C017"), 1);   /* the last one wins */
	cspec_free(c);
}

TEST(crule_restart)
{
	static const struct { const char *name; int max; bool set; int want; } cases[] = {
		{ "always", 0, true, 1 },     { "unless-stopped", 0, true, 1 },
		{ "on-failure", 0, true, 1 }, { "on-failure", 10, true, 1 },
		{ "on-failure", 5, true, 0 }, { "on-failure:3", 0, false, 0 },
		{ "no", 0, true, 0 },         { "", 0, true, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct cspec *c = hardened();
		cs_set(&c->restart, cases[i].name, LOC_NONE);
		c->restart_max = (struct cs_num){ .v = cases[i].max, .set = cases[i].set };
		if (fired(c, "BW-C018") != cases[i].want) {
			fprintf(stderr, "  restart %s:%d\n", cases[i].name, cases[i].max);
			test_failed = 1;
		}
		cspec_free(c);
	}
}

TEST(crule_user)
{
	static const struct { const char *user; int want; } cases[] = {
		{ "0", 1 },    { "root", 1 },   { "0:0", 1 },    { "root:root", 1 }, { "0:1000", 1 },
		{ "", 1 },     { "1000", 0 },   { "10:0", 0 },   { "rootless", 0 },  { "nobody", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct cspec *c = hardened();
		cs_set(&c->user, cases[i].user, LOC_NONE);
		if (fired(c, "BW-C019") != cases[i].want) {
			fprintf(stderr, "  user \"%s\"\n", cases[i].user);
			test_failed = 1;
		}
		cspec_free(c);
	}
}

TEST(crule_env_secret_redacted)
{
	/* Inspect's Config.Env merges the image's ENV with the container's. */
	struct cspec *c = hardened();
	cspec_add_env(c, "PATH", "/usr/local/sbin:/usr/local/bin:/usr/bin", LOC_NONE);
	cspec_add_env(c, "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	              LOC_NONE);
	cspec_add_env(c, "NGINX_VERSION", "1.27.0", LOC_NONE);
	cspec_add_env(c, "PKCS", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7Zk3Xw9Vb2Lm8N"
	              "c4Rt6Yp1Hd5Gf0Js3Ke7Wa9Qx2Cv8Bn4Mz6Tu1Lo5Ip3Ey\n-----END RSA PRIVATE KEY-----",
	              LOC_NONE);
	cspec_add_env(c, "PASSWORD_FILE", "/run/secrets/pw", LOC_NONE);
	struct findings out = run(c);
	const struct finding *f = first(&out, "BW-C020");
	int n = 0;
	for (size_t i = 0; i < out.n; i++)
		n += str_eq(out.v[i].rule->id, "BW-C020");
	CHECK_INT(n, 2);
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->evidence, "AWS_SECRET_ACCESS_KEY=wJal…(40 chars)");
		CHECK(!strstr(f->message, "wJalrX"));
	}
	findings_free(&out);
	cspec_free(c);
}

static void add_port(struct cspec *c, const char *ip, const char *hp, bool published)
{
	struct cs_port *p = cspec_add_port(c);
	p->host_ip = xstrdup(ip);
	p->host_port = xstrdup(hp);
	p->container_port = xstrdup("80");
	p->proto = xstrdup("tcp");
	p->published = published;
	p->loc = LOC_NONE;
}

TEST(crule_ports)
{
	struct cspec *c = hardened();
	add_port(c, "", "80", true);              /* HostIp "" in PortBindings */
	add_port(c, "::", "8080", true);
	add_port(c, "127.0.0.1", "443", true);
	add_port(c, NULL, NULL, false);           /* ExposedPorts only */
	add_port(c, "127.0.0.1", "0", true);      /* random host port */
	CHECK_INT(fired(c, "BW-C021"), 2);
	CHECK_INT(fired(c, "BW-C022"), 2);
	cspec_free(c);
}

TEST(crule_devices_health_image_sysctls)
{
	struct cspec *c = hardened();
	struct cs_device *d = cspec_add_device(c);
	d->host = xstrdup("/dev/kvm");
	d->container = xstrdup("/dev/kvm");
	d->perms = xstrdup("rwm");
	c->healthcheck.set = c->healthcheck.disabled = true;
	cs_strs_add(&c->sysctls, "kernel.core_pattern=|/x", LOC_NONE);
	cs_strs_add(&c->sysctls, "net.core.somaxconn=1024", LOC_NONE);
	cs_strs_add(&c->sysctls, "kernel/shmmax=1", LOC_NONE);
	CHECK_INT(fired(c, "BW-C023"), 1);
	CHECK_INT(fired(c, "BW-C028"), 1);
	CHECK_INT(fired(c, "BW-C030"), 1);
	cs_set(&c->network_mode, "host", LOC_NONE);
	CHECK_INT(fired(c, "BW-C030"), 2);
	cspec_free(c);

	static const struct { const char *image; int want; } imgs[] = {
		{ "nginx", 1 }, { "nginx:latest", 1 }, { "localhost:5000/app", 1 },
		{ "nginx:1.27", 0 }, { "nginx@sha256:abcd", 0 },
		{ "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945", 0 },
	};
	for (size_t i = 0; i < sizeof imgs / sizeof *imgs; i++) {
		c = hardened();
		free(c->image.s);
		c->image.s = xstrdup(imgs[i].image);
		if (fired(c, "BW-C029") != imgs[i].want) {
			fprintf(stderr, "  image %s\n", imgs[i].image);
			test_failed = 1;
		}
		cspec_free(c);
	}
}

TEST(crule_path_norm)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "/etc/", "/etc" },   { "//etc", "/etc" },     { "/etc/.", "/etc" },
		{ "/", "/" },          { "/a/../..", "/" },     { "/usr/lib/../../lib64", "/lib64" },
		{ "/var//run/./docker.sock", "/var/run/docker.sock" },
	};
	char buf[64];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		CHECK(c_path_norm(cases[i].in, buf, sizeof buf));
		CHECK_STR(buf, cases[i].want);
	}
	CHECK(!c_path_norm("etc", buf, sizeof buf));
	CHECK(!c_path_norm("/a/very/long/path/that/does/not/fit/in/a/buffer/of/sixty-four/bytes",
	                   buf, sizeof buf));
	CHECK(c_path_within("/etc/shadow", "/etc"));
	CHECK(!c_path_within("/etcetera", "/etc"));
	CHECK(c_path_within("/etc", "/"));
}

TEST(crule_empty_and_null_fields)
{
	/* A create request that says almost nothing, with holes where strings could be. */
	struct cspec *c = cspec_new(CSPEC_CREATE);
	struct findings out = run(c);
	CHECK(first(&out, "BW-C012") != NULL);
	CHECK(first(&out, "BW-C001") == NULL);
	CHECK(first(&out, "BW-C029") == NULL);
	if (first(&out, "BW-C012"))
		CHECK_STR(first(&out, "BW-C012")->message, "container (unnamed) has no memory limit");
	findings_free(&out);

	cs_strs_add(&c->cap_add, NULL, LOC_NONE);
	cs_strs_add(&c->cap_drop, NULL, LOC_NONE);
	cs_strs_add(&c->security_opt, NULL, LOC_NONE);
	cs_strs_add(&c->sysctls, NULL, LOC_NONE);
	cspec_add_mount(c)->type = MOUNT_BIND;
	cspec_add_device(c);
	cspec_add_port(c)->published = true;
	cspec_add_env(c, "API_TOKEN", NULL, LOC_NONE);
	cspec_add_env(c, NULL, "x", LOC_NONE);
	cs_set(&c->restart, "on-failure", LOC_NONE);
	out = run(c);
	CHECK(first(&out, "BW-C002") == NULL);
	CHECK(first(&out, "BW-C009") == NULL);
	CHECK(first(&out, "BW-C020") == NULL);
	CHECK(first(&out, "BW-C021") != NULL);
	CHECK(first(&out, "BW-C023") != NULL);
	CHECK(first(&out, "BW-C018") != NULL);
	findings_free(&out);
	cspec_free(c);
}

/* A token is recognised by its value under a name that says nothing: every prefix of each
 * provider, and not the same characters too short or inside a longer word. */
/* The kind in the message takes its article: "a Slack ...", "an AWS ..." (an initialism read
 * with a vowel sound). */
TEST(crule_env_kind_article)
{
	static const struct { const char *tpl, *want; } cases[] = {
		{ "xo" "xb-{d12}-{d13}-{A24}", "holds what looks like a Slack bot token" },
		{ "AK" "IA{216}", "holds what looks like an AWS access key id" },
	};
	static uint32_t rng = 77;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *v = secret_gen(cases[i].tpl, &rng);
		struct cspec *c = hardened();
		cspec_add_env(c, "X1", v, LOC_NONE);
		struct findings out = run(c);
		const struct finding *f = first(&out, "BW-C020");
		if (!f || !strstr(f->message, cases[i].want)) {
			fprintf(stderr, "  %s: %s\n", cases[i].want, f ? f->message : "(no finding)");
			test_failed = 1;
		}
		findings_free(&out);
		cspec_free(c);
		free(v);
	}
}

/* Credentials of known kinds count under any name (here X1), each prefix of a kind; near misses
 * and malformed tokens (a wrong checksum, too short) do not. Values are generated, well formed. */
TEST(crule_env_token_prefixes)
{
	static const char *const tokens[] = {
		"AK" "IA{216}", "AS" "IA{216}",
		"gh" "p_{A30}{crc}", "gh" "o_{A30}{crc}", "gh" "s_{A30}{crc}", "gh" "u_{A30}{crc}",
		"gh" "r_{A30}{crc}", "gl" "pat-{A20}", "xo" "xb-{d12}-{d13}-{A24}",
		"xo" "xp-{d12}-{d12}-{d13}-{h32}", "sk_" "live_{A24}", "rk_" "live_{A24}",
	};
	static const char *const near[] = {
		"AKIAIOSFODNN7EXAMP", "XAKIAIOSFODNN7EXAMPLF", "ghr_0123456789", "glpat-short",
		"xoxb-short", "sk_live_0123", "sk_test_0123456789abcdef",
		"ghp_0123456789abcdefghijABCDEFGHIJ012345",   /* its checksum is wrong */
	};
	static uint32_t rng = 4201;
	for (size_t i = 0; i < sizeof tokens / sizeof *tokens + sizeof near / sizeof *near; i++) {
		bool tok = i < sizeof tokens / sizeof *tokens;
		char *v = tok ? secret_gen(tokens[i], &rng)
		              : xstrdup(near[i - sizeof tokens / sizeof *tokens]);
		struct cspec *c = hardened();
		cspec_add_env(c, "X1", v, LOC_NONE);
		int n = fired(c, "BW-C020");
		if (n != (tok ? 1 : 0)) {
			fprintf(stderr, "  X1=%s: %d findings\n", v, n);
			test_failed = 1;
		}
		cspec_free(c);
		free(v);
	}
}

/* Execs exist only on inspected containers; one finding per container and rule. */
TEST(container_exec_findings)
{
	struct cspec *c = hardened();
	const char *progs[] = { "sh", "bash", "nsenter", "ps" };
	for (size_t i = 0; i < 4; i++) {
		struct cs_exec *x = cspec_add_exec(c);
		x->id = xasprintf("e%zu", i);
		x->program = xstrdup(progs[i]);
		x->privileged = i < 4;
		x->running = i != 2;
		x->user = i == 1 ? xstrdup("0") : NULL;
	}
	struct findings out = run(c);
	const struct finding *p = first(&out, "BW-C036"), *r = first(&out, "BW-C037");
	CHECK_STR(p ? p->message : NULL, "container web has 4 execs with --privileged: sh, bash, "
	          "nsenter, ... (3 running)");
	CHECK_STR(r ? r->message : NULL, "container web has 1 exec as root (--user 0): bash "
	          "(running)");
	findings_free(&out);
	cs_set(&c->user, "root", LOC_NONE);
	out = run(c);
	r = first(&out, "BW-C037");
	CHECK_STR(r ? r->message : NULL, "container web has 4 execs as root (the first: no --user, "
	          "and the container runs as root): sh, bash, nsenter, ... (3 running)");
	CHECK_INT(fired(c, "BW-C037"), 1);
	findings_free(&out);
	cspec_free(c);
}
