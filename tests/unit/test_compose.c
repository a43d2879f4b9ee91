#include "test.h"
#include "collect/compose.h"
#include "util/util.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A directory that does not exist: no .env or env_file can be picked up by accident. */
#define P "/nonexistent-bulwark-test/compose.yaml"
#define P2 "/nonexistent-bulwark-test/override.yaml"

static struct compose_project *load_at(const char *path, const char *yaml, struct findings *f)
{
	struct compose_file cf = { path, yaml, strlen(yaml) };
	return compose_load(&cf, 1, f);
}

static struct compose_project *load(const char *yaml, struct findings *f)
{
	return load_at(P, yaml, f);
}

static struct cspec *svc(struct compose_project *p, const char *name)
{
	for (size_t i = 0; p && i < p->nservices; i++)
		if (strcmp(p->services[i]->name, name) == 0)
			return p->services[i];
	return NULL;
}

static void done(struct compose_project *p, struct findings *f)
{
	compose_free(p);
	findings_free(f);
}

TEST(compose_basic_fields)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  web:\n"
	                                 "    image: nginx:1.25\n"
	                                 "    privileged: true\n"
	                                 "    read_only: \"true\"\n"
	                                 "    cap_add:\n"
	                                 "      - NET_ADMIN\n"
	                                 "      - SYS_TIME\n"
	                                 "    cap_drop: [ALL]\n"
	                                 "    network_mode: host\n"
	                                 "    pid: host\n"
	                                 "    ipc: service:db\n"
	                                 "    uts: host\n"
	                                 "    userns_mode: host\n"
	                                 "    cgroup: host\n"
	                                 "    cgroup_parent: /mine\n"
	                                 "    user: 1000\n"
	                                 "    security_opt:\n"
	                                 "      - seccomp:unconfined\n"
	                                 "  db:\n"
	                                 "    image: postgres\n",
	                                 &f);
	CHECK(p != NULL);
	CHECK_INT(f.nerrors, 0);
	CHECK_INT(f.nwarnings, 0);
	CHECK_INT(p->nservices, 2);
	struct cspec *c = svc(p, "web");
	CHECK(c && c->origin == CSPEC_COMPOSE);
	if (!c)
		goto out;
	CHECK_STR(p->services[0]->name, "web");
	CHECK_STR(p->services[1]->name, "db");
	CHECK_STR(c->loc.path, P);
	CHECK_INT(c->loc.line, 2);
	CHECK_STR(c->image.s, "nginx:1.25");
	CHECK(c->privileged.set && c->privileged.v);
	CHECK_INT(c->privileged.loc.line, 4);
	CHECK(c->privileged.loc.path == p->paths[0]);
	CHECK(c->read_only.set && c->read_only.v);
	CHECK_INT(c->cap_add.n, 2);
	CHECK_STR(c->cap_add.v[1].s, "SYS_TIME");
	CHECK_INT(c->cap_add.v[0].loc.line, 7);
	CHECK_INT(c->cap_add.v[1].loc.line, 8);
	CHECK_STR(c->cap_drop.v[0].s, "ALL");
	CHECK_INT(c->cap_drop.v[0].loc.line, 9);
	CHECK_STR(c->network_mode.s, "host");
	CHECK_INT(c->network_mode.loc.line, 10);
	CHECK_STR(c->pid_mode.s, "host");
	CHECK_STR(c->ipc_mode.s, "service:db");
	CHECK_STR(c->uts_mode.s, "host");
	CHECK_STR(c->userns_mode.s, "host");
	CHECK_STR(c->cgroupns_mode.s, "host");
	CHECK_INT(c->cgroupns_mode.loc.line, 15);
	CHECK_STR(c->cgroup_parent.s, "/mine");
	CHECK_STR(c->user.s, "1000");
	CHECK_STR(c->security_opt.v[0].s, "seccomp:unconfined");
	CHECK_INT(c->security_opt.v[0].loc.line, 19);
	CHECK(svc(p, "db") && !svc(p, "db")->privileged.set);
out:
	done(p, &f);
}

TEST(compose_resources)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    image: x\n"
	                                 "    mem_limit: 512m\n"
	                                 "    memswap_limit: 1g\n"
	                                 "    mem_reservation: 1024k\n"
	                                 "    cpu_shares: 512\n"
	                                 "    cpus: 0.5\n"
	                                 "    cpu_quota: 50000\n"
	                                 "    cpu_period: 100000\n"
	                                 "    cpuset: 0-2\n"
	                                 "    pids_limit: 100\n"
	                                 "  b:\n"
	                                 "    mem_limit: 1.5g\n"
	                                 "    memswap_limit: -1\n"
	                                 "    mem_reservation: 1048576\n"
	                                 "    cpus: \"2\"\n"
	                                 "    pids_limit: -1\n",
	                                 &f);
	struct cspec *a = svc(p, "a"), *b = svc(p, "b");
	CHECK_INT(f.nerrors, 0);
	CHECK(a && b);
	if (!a || !b)
		goto out;
	CHECK(a->memory.set);
	CHECK_INT(a->memory.v, 512LL << 20);
	CHECK_INT(a->memory.loc.line, 4);
	CHECK_INT(a->memory_swap.v, 1LL << 30);
	CHECK_INT(a->memory_reservation.v, 1LL << 20);
	CHECK_INT(a->cpu_shares.v, 512);
	CHECK_INT(a->nano_cpus.v, 500000000);
	CHECK_INT(a->nano_cpus.loc.line, 8);
	CHECK_INT(a->cpu_quota.v, 50000);
	CHECK_INT(a->cpu_period.v, 100000);
	CHECK_STR(a->cpuset.s, "0-2");
	CHECK(a->pids_limit.set);
	CHECK_INT(a->pids_limit.v, 100);
	CHECK_INT(b->memory.v, 3LL << 29);
	CHECK_INT(b->memory_swap.v, -1);
	CHECK_INT(b->memory_reservation.v, 1048576);
	CHECK_INT(b->nano_cpus.v, 2000000000);
	CHECK_INT(b->pids_limit.v, -1);
	CHECK(!b->cpu_shares.set);
	CHECK(b->image.s == NULL);
out:
	done(p, &f);
}

TEST(compose_deploy)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    deploy:\n"
	                                 "      resources:\n"
	                                 "        limits:\n"
	                                 "          memory: 256M\n"
	                                 "          cpus: '0.25'\n"
	                                 "          pids: 50\n"
	                                 "        reservations:\n"
	                                 "          memory: 64m\n"
	                                 "      restart_policy:\n"
	                                 "        condition: any\n"
	                                 "        max_attempts: 5\n"
	                                 "  b:\n"
	                                 "    mem_limit: 1g\n"
	                                 "    restart: on-failure:3\n"
	                                 "    deploy:\n"
	                                 "      resources: {limits: {memory: 2g}}\n"
	                                 "      restart_policy: {condition: none}\n"
	                                 "  c:\n"
	                                 "    restart: unless-stopped\n"
	                                 "  d:\n"
	                                 "    deploy: {restart_policy: {condition: on-failure}}\n",
	                                 &f);
	struct cspec *a = svc(p, "a"), *b = svc(p, "b"), *c = svc(p, "c"), *d = svc(p, "d");
	CHECK_INT(f.nerrors, 0);
	CHECK(a && b && c && d);
	if (!a || !b || !c || !d)
		goto out;
	CHECK_INT(a->memory.v, 256LL << 20);
	CHECK_INT(a->memory.loc.line, 6);
	CHECK_INT(a->nano_cpus.v, 250000000);
	CHECK_INT(a->pids_limit.v, 50);
	CHECK_INT(a->pids_limit.loc.line, 8);
	CHECK_INT(a->memory_reservation.v, 64LL << 20);
	CHECK_STR(a->restart.s, "always");
	CHECK_INT(a->restart.loc.line, 12);
	CHECK_INT(a->restart_max.v, 5);
	CHECK_INT(b->memory.v, 1LL << 30);
	CHECK_INT(b->memory.loc.line, 15);
	CHECK_STR(b->restart.s, "on-failure");
	CHECK(b->restart_max.set);
	CHECK_INT(b->restart_max.v, 3);
	CHECK_STR(c->restart.s, "unless-stopped");
	CHECK(!c->restart_max.set);
	CHECK_STR(d->restart.s, "on-failure");
out:
	done(p, &f);
}

TEST(compose_ports)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    ports:\n"
	                                 "      - \"8080:80\"\n"
	                                 "      - 127.0.0.1:8443:443/udp\n"
	                                 "      - \"80\"\n"
	                                 "      - 8000-8010:8000-8010\n"
	                                 "      - \"[::1]:9000:9000\"\n"
	                                 "      - 3000\n"
	                                 "      - 127.0.0.1::5000\n"
	                                 "      - target: 81\n"
	                                 "        published: \"8081\"\n"
	                                 "        host_ip: 0.0.0.0\n"
	                                 "        protocol: udp\n"
	                                 "      - {target: 82}\n"
	                                 "    expose:\n"
	                                 "      - 9090\n"
	                                 "      - \"9091/udp\"\n",
	                                 &f);
	struct cspec *a = svc(p, "a");
	CHECK_INT(f.nerrors, 0);
	CHECK(a && a->nports == 11);
	if (!a || a->nports != 11)
		goto out;
	struct cs_port *v = a->ports;
	CHECK(v[0].host_ip == NULL);
	CHECK_STR(v[0].host_port, "8080");
	CHECK_STR(v[0].container_port, "80");
	CHECK_STR(v[0].proto, "tcp");
	CHECK(v[0].published);
	CHECK_INT(v[0].loc.line, 4);
	CHECK_STR(v[1].host_ip, "127.0.0.1");
	CHECK_STR(v[1].host_port, "8443");
	CHECK_STR(v[1].container_port, "443");
	CHECK_STR(v[1].proto, "udp");
	CHECK_INT(v[1].loc.line, 5);
	CHECK(v[2].host_port == NULL && v[2].host_ip == NULL);
	CHECK_STR(v[2].container_port, "80");
	CHECK(v[2].published);
	CHECK_STR(v[3].host_port, "8000-8010");
	CHECK_STR(v[3].container_port, "8000-8010");
	CHECK_STR(v[4].host_ip, "::1");
	CHECK_STR(v[4].host_port, "9000");
	CHECK_STR(v[5].container_port, "3000");
	CHECK(v[5].host_port == NULL);
	CHECK_STR(v[6].host_ip, "127.0.0.1");
	CHECK(v[6].host_port == NULL);
	CHECK_STR(v[6].container_port, "5000");
	CHECK_STR(v[7].container_port, "81");
	CHECK_STR(v[7].host_port, "8081");
	CHECK_STR(v[7].host_ip, "0.0.0.0");
	CHECK_STR(v[7].proto, "udp");
	CHECK_INT(v[7].loc.line, 11);
	CHECK_STR(v[8].container_port, "82");
	CHECK(v[8].host_port == NULL);
	CHECK_STR(v[8].proto, "tcp");
	CHECK_INT(v[8].loc.line, 15);
	CHECK(!v[9].published);
	CHECK_STR(v[9].container_port, "9090");
	CHECK_INT(v[9].loc.line, 17);
	CHECK_STR(v[10].container_port, "9091");
	CHECK_STR(v[10].proto, "udp");
out:
	done(p, &f);
}

TEST(compose_volumes)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    volumes:\n"
	                                 "      - /var/run/docker.sock:/var/run/docker.sock\n"
	                                 "      - ./data:/data:ro\n"
	                                 "      - ~/cfg:/cfg:ro,rshared\n"
	                                 "      - dbdata:/var/lib/db:rw\n"
	                                 "      - /anon\n"
	                                 "      - type: bind\n"
	                                 "        source: /etc\n"
	                                 "        target: /host-etc\n"
	                                 "        read_only: true\n"
	                                 "        bind:\n"
	                                 "          propagation: shared\n"
	                                 "      - {type: volume, source: v, target: /v}\n"
	                                 "      - {type: tmpfs, target: /t}\n"
	                                 "    tmpfs: /run:size=64m\n",
	                                 &f);
	struct cspec *a = svc(p, "a");
	CHECK_INT(f.nerrors, 0);
	CHECK(a && a->nmounts == 9);
	if (!a || a->nmounts != 9)
		goto out;
	struct cs_mount *m = a->mounts;
	CHECK(m[0].type == MOUNT_BIND);
	CHECK_STR(m[0].source, "/var/run/docker.sock");
	CHECK_STR(m[0].target, "/var/run/docker.sock");
	CHECK(!m[0].read_only);
	CHECK_INT(m[0].loc.line, 4);
	CHECK(m[1].type == MOUNT_BIND && m[1].read_only);
	CHECK_STR(m[1].source, "./data");
	CHECK(m[2].type == MOUNT_BIND && m[2].read_only);
	CHECK_STR(m[2].source, "~/cfg");
	CHECK_STR(m[2].propagation, "rshared");
	CHECK(m[3].type == MOUNT_VOLUME && !m[3].read_only);
	CHECK_STR(m[3].source, "dbdata");
	CHECK_STR(m[3].target, "/var/lib/db");
	CHECK(m[4].type == MOUNT_VOLUME && m[4].source == NULL);
	CHECK_STR(m[4].target, "/anon");
	CHECK(m[5].type == MOUNT_BIND && m[5].read_only);
	CHECK_STR(m[5].source, "/etc");
	CHECK_STR(m[5].target, "/host-etc");
	CHECK_STR(m[5].propagation, "shared");
	CHECK_INT(m[5].loc.line, 9);
	CHECK(m[6].type == MOUNT_VOLUME);
	CHECK_STR(m[6].source, "v");
	CHECK_INT(m[6].loc.line, 15);
	CHECK(m[7].type == MOUNT_TMPFS);
	CHECK(m[8].type == MOUNT_TMPFS);
	CHECK_STR(m[8].target, "/run");
	CHECK_INT(m[8].loc.line, 17);
out:
	done(p, &f);
}

TEST(compose_devices_ulimits_sysctls)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    devices:\n"
	                                 "      - /dev/fuse\n"
	                                 "      - /dev/sda:/dev/xvda:rw\n"
	                                 "      - /dev/snd:r\n"
	                                 "      - source: /dev/kvm\n"
	                                 "        target: /dev/kvm\n"
	                                 "        permissions: rwm\n"
	                                 "    ulimits:\n"
	                                 "      nproc: 65535\n"
	                                 "      nofile:\n"
	                                 "        soft: 1024\n"
	                                 "        hard: 4096\n"
	                                 "    sysctls:\n"
	                                 "      - net.ipv4.ip_forward=1\n"
	                                 "  b:\n"
	                                 "    sysctls:\n"
	                                 "      net.core.somaxconn: 1024\n",
	                                 &f);
	struct cspec *a = svc(p, "a"), *b = svc(p, "b");
	CHECK_INT(f.nerrors, 0);
	CHECK(a && b && a->ndevices == 4 && a->nulimits == 2);
	if (!a || !b || a->ndevices != 4 || a->nulimits != 2)
		goto out;
	CHECK_STR(a->devices[0].host, "/dev/fuse");
	CHECK_STR(a->devices[0].container, "/dev/fuse");
	CHECK_STR(a->devices[0].perms, "rwm");
	CHECK_INT(a->devices[0].loc.line, 4);
	CHECK_STR(a->devices[1].container, "/dev/xvda");
	CHECK_STR(a->devices[1].perms, "rw");
	CHECK_STR(a->devices[2].container, "/dev/snd");
	CHECK_STR(a->devices[2].perms, "r");
	CHECK_STR(a->devices[3].host, "/dev/kvm");
	CHECK_INT(a->devices[3].loc.line, 7);
	CHECK_STR(a->ulimits[0].name, "nproc");
	CHECK_INT(a->ulimits[0].soft, 65535);
	CHECK_INT(a->ulimits[0].hard, 65535);
	CHECK_INT(a->ulimits[0].loc.line, 11);
	CHECK_STR(a->ulimits[1].name, "nofile");
	CHECK_INT(a->ulimits[1].soft, 1024);
	CHECK_INT(a->ulimits[1].hard, 4096);
	CHECK_INT(a->ulimits[1].loc.line, 12);
	CHECK_INT(a->sysctls.n, 1);
	CHECK_STR(a->sysctls.v[0].s, "net.ipv4.ip_forward=1");
	CHECK_INT(a->sysctls.v[0].loc.line, 16);
	CHECK_STR(b->sysctls.v[0].s, "net.core.somaxconn=1024");
	CHECK_INT(b->sysctls.v[0].loc.line, 19);
out:
	done(p, &f);
}

TEST(compose_environment_healthcheck)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    environment:\n"
	                                 "      - A=1\n"
	                                 "      - B\n"
	                                 "      - C=x=y\n"
	                                 "      - D=\n"
	                                 "    healthcheck:\n"
	                                 "      test: [\"CMD\", \"curl\", \"-f\", \"http://x\"]\n"
	                                 "  b:\n"
	                                 "    environment:\n"
	                                 "      NUM: 5\n"
	                                 "      FLAG: true\n"
	                                 "      NOTHING:\n"
	                                 "      S: \"str\"\n"
	                                 "    healthcheck:\n"
	                                 "      disable: true\n"
	                                 "  c:\n"
	                                 "    healthcheck:\n"
	                                 "      test: [\"NONE\"]\n"
	                                 "  d:\n"
	                                 "    healthcheck:\n"
	                                 "      test: curl -f http://x || exit 1\n",
	                                 &f);
	struct cspec *a = svc(p, "a"), *b = svc(p, "b"), *c = svc(p, "c"), *d = svc(p, "d");
	CHECK_INT(f.nerrors, 0);
	CHECK(a && b && c && d && a->nenv == 4 && b->nenv == 4);
	if (!a || !b || !c || !d || a->nenv != 4 || b->nenv != 4)
		goto out;
	CHECK_STR(a->env[0].key, "A");
	CHECK_STR(a->env[0].value, "1");
	CHECK_INT(a->env[0].loc.line, 4);
	CHECK_STR(a->env[1].key, "B");
	CHECK(a->env[1].value == NULL);
	CHECK_INT(a->env[1].loc.line, 5);
	CHECK_STR(a->env[2].key, "C");
	CHECK_STR(a->env[2].value, "x=y");
	CHECK_STR(a->env[3].value, "");
	CHECK(a->healthcheck.set && !a->healthcheck.disabled);
	CHECK_STR(a->healthcheck.test, "CMD curl -f http://x");
	CHECK_INT(a->healthcheck.loc.line, 8);
	CHECK_STR(b->env[0].key, "NUM");
	CHECK_STR(b->env[0].value, "5");
	CHECK_INT(b->env[0].loc.line, 12);
	CHECK_STR(b->env[1].value, "true");
	CHECK(b->env[2].value == NULL);
	CHECK_INT(b->env[2].loc.line, 14);
	CHECK_STR(b->env[3].value, "str");
	CHECK(b->healthcheck.set && b->healthcheck.disabled);
	CHECK(c->healthcheck.set && c->healthcheck.disabled);
	CHECK(d->healthcheck.set && !d->healthcheck.disabled);
	CHECK_STR(d->healthcheck.test, "curl -f http://x || exit 1");
out:
	done(p, &f);
}

TEST(compose_anchors_merge)
{
	struct findings f = { 0 };
	struct compose_project *p = load("x-common: &common\n"
	                                 "  privileged: true\n"
	                                 "  cap_add: &caps\n"
	                                 "    - SYS_ADMIN\n"
	                                 "  restart: always\n"
	                                 "x-more: &more\n"
	                                 "  pid: host\n"
	                                 "  restart: \"no\"\n"
	                                 "services:\n"
	                                 "  a:\n"
	                                 "    <<: *common\n"
	                                 "    image: a\n"
	                                 "    restart: on-failure\n"
	                                 "  b:\n"
	                                 "    <<: [*more, *common]\n"
	                                 "    cap_drop: *caps\n",
	                                 &f);
	struct cspec *a = svc(p, "a"), *b = svc(p, "b");
	CHECK_INT(f.nerrors, 0);
	CHECK_INT(p ? p->nservices : 0, 2);
	CHECK(a && b);
	if (!a || !b)
		goto out;
	CHECK(a->privileged.set && a->privileged.v);
	CHECK_INT(a->privileged.loc.line, 2);
	CHECK_STR(a->cap_add.v[0].s, "SYS_ADMIN");
	CHECK_INT(a->cap_add.v[0].loc.line, 4);
	CHECK_STR(a->restart.s, "on-failure");
	CHECK_INT(a->restart.loc.line, 13);
	CHECK_STR(a->image.s, "a");
	CHECK_STR(b->pid_mode.s, "host");
	CHECK_STR(b->restart.s, "no");
	CHECK_INT(b->restart.loc.line, 8);
	CHECK(b->privileged.v);
	CHECK_INT(b->cap_drop.n, 1);
	CHECK_STR(b->cap_drop.v[0].s, "SYS_ADMIN");
out:
	done(p, &f);
}

TEST(compose_interpolation)
{
	struct findings f = { 0 };
	setenv("BWT_IMG", "redis", 1);
	setenv("BWT_EMPTY", "", 1);
	unsetenv("BWT_UNSET");
	unsetenv("BWT_UNSET2");
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    image: ${BWT_IMG}:$BWT_IMG\n"
	                                 "    user: ${BWT_UNSET:-${BWT_IMG}}\n"
	                                 "    pid: ${BWT_EMPTY:-host}\n"
	                                 "    ipc: ${BWT_EMPTY-host}x\n"
	                                 "    uts: ${BWT_IMG:+alt}/${BWT_UNSET:+alt}/${BWT_EMPTY+e}\n"
	                                 "    cgroup_parent: $$HOME $${X} $1 $\n"
	                                 "    network_mode: \"${BWT_UNSET}\"\n"
	                                 "    cpuset: ${BWT_UNSET}${BWT_UNSET2}\n"
	                                 "    userns_mode: ${BWT_UNSET}\n"
	                                 "    environment:\n"
	                                 "      K: ${BWT_UNSET:?must be set}\n"
	                                 "      ${BWT_IMG}: key-not-interpolated\n",
	                                 &f);
	struct cspec *a = svc(p, "a");
	CHECK(a != NULL);
	if (!a)
		goto out;
	CHECK_STR(a->image.s, "redis:redis");
	CHECK_STR(a->user.s, "redis");
	CHECK_STR(a->pid_mode.s, "host");
	CHECK_STR(a->ipc_mode.s, "x");
	CHECK_STR(a->uts_mode.s, "alt//e");
	CHECK_STR(a->cgroup_parent.s, "$HOME ${X} $1 $");
	CHECK_STR(a->network_mode.s, "");
	CHECK_INT(f.nwarnings, 2);
	if (f.nwarnings == 2) {
		CHECK_STR(f.warnings[0].message,
		          "variable BWT_UNSET is not set, substituting an empty string");
		CHECK_STR(f.warnings[0].input, P);
		CHECK_INT(f.warnings[0].line, 9);
		CHECK_STR(f.warnings[1].message,
		          "variable BWT_UNSET2 is not set, substituting an empty string");
		CHECK_INT(f.warnings[1].line, 10);
	}
	CHECK_INT(f.nerrors, 1);
	if (f.nerrors == 1) {
		CHECK_STR(f.errors[0].message,
		          "required variable BWT_UNSET is missing a value: must be set");
		CHECK_INT(f.errors[0].line, 13);
	}
	CHECK_INT(a->nenv, 2);
	if (a->nenv == 2)
		CHECK_STR(a->env[1].key, "${BWT_IMG}");
out:
	done(p, &f);
	unsetenv("BWT_IMG");
	unsetenv("BWT_EMPTY");
}

TEST(compose_interpolation_invalid)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    image: \"${BWT_X\"\n"
	                                 "    user: ${BWT_X/y}\n"
	                                 "    pid: ${?}\n",
	                                 &f);
	struct cspec *a = svc(p, "a");
	CHECK(a != NULL);
	CHECK_INT(f.nerrors, 3);
	if (f.nerrors == 3) {
		CHECK_INT(f.errors[0].line, 3);
		CHECK(strstr(f.errors[0].message, "invalid interpolation format for services.a.image") ==
		      f.errors[0].message);
	}
	if (a)
		CHECK_STR(a->image.s, "${BWT_X");
	done(p, &f);
}

static char *mktmp(void)
{
	char tmpl[] = "/tmp/bw-compose-XXXXXX";
	char *d = mkdtemp(tmpl);
	return d ? strdup(d) : NULL;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void rm_files(const char *dir, const char *const *names)
{
	char path[512];
	for (; *names; names++) {
		snprintf(path, sizeof path, "%s/%s", dir, *names);
		unlink(path);
	}
	rmdir(dir);
}

TEST(compose_dotenv_and_env_file)
{
	struct findings f = { 0 };
	char *dir = mktmp();
	CHECK(dir != NULL);
	if (!dir)
		return;
	unsetenv("BWT_TAG");
	unsetenv("BWT_Q");
	setenv("BWT_SHADOW", "from-env", 1);
	write_file(dir, ".env",
	           "# comment\n"
	           "BWT_TAG=1.2\n"
	           "export BWT_Q=\"quoted value\"  # c\n"
	           "BWT_SQ='single $BWT_TAG'\n"
	           "BWT_SHADOW=from-dotenv\n"
	           "BWT_REF=${BWT_TAG}-x\n"
	           "BWT_INLINE=abc # trailing\n");
	write_file(dir, "app.env", "E1=one\n\n# c\nE2=\"two\"\nSHARED=from-file\n");
	char path[512];
	snprintf(path, sizeof path, "%s/compose.yaml", dir);
	struct compose_project *p = load_at(path,
	                                    "services:\n"
	                                    "  a:\n"
	                                    "    image: app:${BWT_TAG}\n"
	                                    "    user: ${BWT_Q}\n"
	                                    "    pid: ${BWT_SQ}\n"
	                                    "    ipc: ${BWT_SHADOW}\n"
	                                    "    uts: ${BWT_REF}\n"
	                                    "    cpuset: ${BWT_INLINE}\n"
	                                    "    env_file: app.env\n"
	                                    "    environment:\n"
	                                    "      SHARED: from-compose\n"
	                                    "  b:\n"
	                                    "    env_file:\n"
	                                    "      - path: missing.env\n"
	                                    "        required: false\n"
	                                    "      - missing2.env\n",
	                                    &f);
	struct cspec *a = svc(p, "a");
	CHECK(a != NULL);
	CHECK_INT(f.nerrors, 0);
	CHECK_INT(f.nwarnings, 1);
	if (f.nwarnings == 1) {
		CHECK(strstr(f.warnings[0].message, "missing2.env") != NULL);
		CHECK_INT(f.warnings[0].line, 16);
	}
	if (a) {
		CHECK_STR(a->image.s, "app:1.2");
		CHECK_STR(a->user.s, "quoted value");
		CHECK_STR(a->pid_mode.s, "single $BWT_TAG");
		CHECK_STR(a->ipc_mode.s, "from-env");
		CHECK_STR(a->uts_mode.s, "1.2-x");
		CHECK_STR(a->cpuset.s, "abc");
		CHECK_INT(a->nenv, 3);
		if (a->nenv == 3) {
			CHECK_STR(a->env[0].key, "E1");
			CHECK_STR(a->env[0].value, "one");
			CHECK_INT(a->env[0].loc.line, 1);
			CHECK(str_suffix(a->env[0].loc.path, "/app.env"));
			CHECK_STR(a->env[1].value, "two");
			CHECK_INT(a->env[1].loc.line, 4);
			CHECK_STR(a->env[2].key, "SHARED");
			CHECK_STR(a->env[2].value, "from-compose");
			CHECK_STR(a->env[2].loc.path, path);
			CHECK_INT(a->env[2].loc.line, 11);
		}
		bool found = false;
		for (size_t i = 0; p && i < p->npaths; i++)
			found |= a->env[0].loc.path == p->paths[i];
		CHECK(found);
	}
	done(p, &f);
	unsetenv("BWT_SHADOW");
	rm_files(dir, (const char *const[]){ ".env", "app.env", NULL });
	free(dir);
}

TEST(compose_merge_files)
{
	struct findings f = { 0 };
	const char *base = "services:\n"
	                   "  web:\n"
	                   "    image: web:1\n"
	                   "    privileged: false\n"
	                   "    ports: [\"80:80\", \"443:443\"]\n"
	                   "    cap_add: [NET_ADMIN]\n"
	                   "    environment:\n"
	                   "      - A=1\n"
	                   "      - B=2\n"
	                   "    volumes:\n"
	                   "      - ./a:/data\n"
	                   "      - logs:/logs\n"
	                   "    deploy:\n"
	                   "      resources: {limits: {memory: 1g, cpus: '1'}}\n"
	                   "    command: [a, b]\n"
	                   "  db:\n"
	                   "    image: db\n";
	const char *over = "services:\n"
	                   "  web:\n"
	                   "    image: web:2\n"
	                   "    privileged: true\n"
	                   "    ports: [\"80:80\", \"8080:8080\"]\n"
	                   "    cap_add: [NET_ADMIN, SYS_TIME]\n"
	                   "    environment:\n"
	                   "      B: 3\n"
	                   "      C: 4\n"
	                   "    volumes:\n"
	                   "      - /srv:/data:ro\n"
	                   "    deploy:\n"
	                   "      resources: {limits: {memory: 2g}}\n"
	                   "  cache:\n"
	                   "    image: redis\n";
	struct compose_file files[] = { { P, base, strlen(base) }, { P2, over, strlen(over) } };
	struct compose_project *p = compose_load(files, 2, &f);
	CHECK(p != NULL);
	CHECK_INT(f.nerrors, 0);
	CHECK_INT(p ? p->nservices : 0, 3);
	CHECK_INT(p ? p->npaths : 0, 2);
	struct cspec *w = svc(p, "web");
	if (!w || p->nservices != 3)
		goto out;
	CHECK_STR(p->services[0]->name, "web");
	CHECK_STR(p->services[1]->name, "db");
	CHECK_STR(p->services[2]->name, "cache");
	CHECK_STR(w->loc.path, P);
	CHECK_INT(w->loc.line, 2);
	CHECK_STR(w->image.s, "web:2");
	CHECK(w->privileged.v);
	CHECK_STR(w->privileged.loc.path, P2);
	CHECK_INT(w->privileged.loc.line, 4);
	CHECK(w->privileged.loc.path == p->paths[1]);
	CHECK_INT(w->nports, 3);
	if (w->nports == 3) {
		CHECK_STR(w->ports[0].host_port, "80");
		CHECK_STR(w->ports[0].loc.path, P2);
		CHECK_STR(w->ports[1].host_port, "443");
		CHECK_STR(w->ports[1].loc.path, P);
		CHECK_STR(w->ports[2].host_port, "8080");
	}
	CHECK_INT(w->cap_add.n, 2);
	CHECK_INT(w->nenv, 3);
	if (w->nenv == 3) {
		CHECK_STR(w->env[0].key, "A");
		CHECK_STR(w->env[0].loc.path, P);
		CHECK_INT(w->env[0].loc.line, 8);
		CHECK_STR(w->env[1].key, "B");
		CHECK_STR(w->env[1].value, "3");
		CHECK_STR(w->env[1].loc.path, P2);
		CHECK_INT(w->env[1].loc.line, 8);
		CHECK_STR(w->env[2].key, "C");
	}
	CHECK_INT(w->nmounts, 2);
	if (w->nmounts == 2) {
		CHECK_STR(w->mounts[0].source, "/srv");
		CHECK(w->mounts[0].read_only);
		CHECK_STR(w->mounts[0].loc.path, P2);
		CHECK_STR(w->mounts[1].target, "/logs");
	}
	CHECK_INT(w->memory.v, 2LL << 30);
	CHECK_STR(w->memory.loc.path, P2);
	CHECK_INT(w->nano_cpus.v, 1000000000);
	CHECK_STR(w->nano_cpus.loc.path, P);
out:
	done(p, &f);
}

TEST(compose_reset_override)
{
	struct findings f = { 0 };
	const char *base = "services:\n"
	                   "  web:\n"
	                   "    ports: [\"80:80\"]\n"
	                   "    cap_add: [SYS_ADMIN]\n"
	                   "    privileged: true\n";
	const char *over = "services:\n"
	                   "  web:\n"
	                   "    ports: !override [\"81:81\"]\n"
	                   "    cap_add: !reset []\n"
	                   "    privileged: !reset null\n";
	struct compose_file files[] = { { P, base, strlen(base) }, { P2, over, strlen(over) } };
	struct compose_project *p = compose_load(files, 2, &f);
	struct cspec *w = svc(p, "web");
	CHECK(w != NULL);
	CHECK_INT(f.nerrors, 0);
	if (w) {
		CHECK_INT(w->nports, 1);
		if (w->nports == 1)
			CHECK_STR(w->ports[0].host_port, "81");
		CHECK_INT(w->cap_add.n, 0);
		CHECK(!w->privileged.set);
	}
	done(p, &f);
}

TEST(compose_extends_same_file)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  base:\n"
	                                 "    image: base\n"
	                                 "    privileged: true\n"
	                                 "    cap_add: [SYS_ADMIN]\n"
	                                 "    environment: {A: 1}\n"
	                                 "  mid:\n"
	                                 "    extends: base\n"
	                                 "    environment: {B: 2}\n"
	                                 "  web:\n"
	                                 "    extends:\n"
	                                 "      service: mid\n"
	                                 "    image: web\n"
	                                 "    cap_add: [NET_ADMIN]\n",
	                                 &f);
	struct cspec *w = svc(p, "web"), *m = svc(p, "mid");
	CHECK_INT(f.nerrors, 0);
	CHECK(w && m);
	if (!w || !m)
		goto out;
	CHECK_INT(w->loc.line, 10);
	CHECK_STR(w->image.s, "web");
	CHECK(w->privileged.v);
	CHECK_INT(w->privileged.loc.line, 4);
	CHECK_INT(w->cap_add.n, 2);
	CHECK_INT(w->nenv, 2);
	CHECK_STR(m->image.s, "base");
	CHECK_INT(m->nenv, 2);
out:
	done(p, &f);
}

TEST(compose_extends_cycle)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    extends: b\n"
	                                 "    image: a\n"
	                                 "  b:\n"
	                                 "    extends: {service: a}\n"
	                                 "    image: b\n"
	                                 "  c:\n"
	                                 "    extends: c\n"
	                                 "  d:\n"
	                                 "    extends: nope\n",
	                                 &f);
	CHECK(p != NULL);
	CHECK_INT(p ? p->nservices : 0, 4);
	CHECK_INT(f.nerrors, 3);
	if (f.nerrors == 3) {
		CHECK_STR(f.errors[0].message, "services.b.extends: circular reference to a");
		CHECK_INT(f.errors[0].line, 6);
		CHECK_STR(f.errors[1].message, "services.c.extends: circular reference to c");
		CHECK_STR(f.errors[2].message, "services.d.extends: no such service: nope");
	}
	CHECK_STR(svc(p, "a") ? svc(p, "a")->image.s : NULL, "a");
	done(p, &f);
}

TEST(compose_extends_file)
{
	struct findings f = { 0 };
	char *dir = mktmp();
	CHECK(dir != NULL);
	if (!dir)
		return;
	write_file(dir, "common.yaml",
	           "services:\n"
	           "  base:\n"
	           "    image: common\n"
	           "    pid: host\n"
	           "    env_file: common.env\n"
	           "  loop:\n"
	           "    extends: {file: common.yaml, service: loop}\n");
	write_file(dir, "common.env", "FROM_COMMON=1\n");
	char path[512];
	snprintf(path, sizeof path, "%s/compose.yaml", dir);
	struct compose_project *p = load_at(path,
	                                    "services:\n"
	                                    "  web:\n"
	                                    "    extends:\n"
	                                    "      file: common.yaml\n"
	                                    "      service: base\n"
	                                    "    image: web\n"
	                                    "  l:\n"
	                                    "    extends: {file: common.yaml, service: loop}\n"
	                                    "  m:\n"
	                                    "    extends: {file: missing.yaml, service: x}\n",
	                                    &f);
	struct cspec *w = svc(p, "web");
	CHECK(w != NULL);
	CHECK_INT(f.nerrors, 2);
	if (w) {
		CHECK_STR(w->image.s, "web");
		CHECK_STR(w->pid_mode.s, "host");
		CHECK(str_suffix(w->pid_mode.loc.path, "/common.yaml"));
		CHECK_INT(w->pid_mode.loc.line, 4);
		CHECK_INT(w->nenv, 1);
		if (w->nenv == 1)
			CHECK(str_suffix(w->env[0].loc.path, "/common.env"));
	}
	done(p, &f);
	rm_files(dir, (const char *const[]){ "common.yaml", "common.env", NULL });
	free(dir);
}

TEST(compose_extensions_ignored)
{
	struct findings f = { 0 };
	struct compose_project *p = load("version: \"3.8\"\n"
	                                 "name: proj\n"
	                                 "x-foo: ${BWT_UNSET_XFOO}\n"
	                                 "networks: {front: {}}\n"
	                                 "volumes: {data: {}}\n"
	                                 "secrets: {s: {file: ./s}}\n"
	                                 "configs: {c: {file: ./c}}\n"
	                                 "services:\n"
	                                 "  a:\n"
	                                 "    x-custom: {privileged: true}\n"
	                                 "    image: a\n",
	                                 &f);
	struct cspec *a = svc(p, "a");
	CHECK_INT(f.nerrors, 0);
	CHECK_INT(f.nwarnings, 0);
	CHECK(a && !a->privileged.set);
	CHECK_INT(p ? p->nservices : 0, 1);
	done(p, &f);
}

/* Runs a load with stderr captured; returns how many bytes went to stderr. */
static long quiet_load(const struct compose_file *files, size_t n, struct findings *f,
                       struct compose_project **out)
{
	char tmpl[] = "/tmp/bw-stderr-XXXXXX";
	int fd = mkstemp(tmpl), saved = dup(2);
	long size = -1;
	fflush(stderr);
	if (fd >= 0 && saved >= 0)
		dup2(fd, 2);
	*out = compose_load(files, n, f);
	fflush(stderr);
	if (fd >= 0 && saved >= 0) {
		dup2(saved, 2);
		size = lseek(fd, 0, SEEK_END);
	}
	if (saved >= 0)
		close(saved);
	if (fd >= 0) {
		close(fd);
		unlink(tmpl);
	}
	return size;
}

TEST(compose_invalid_yaml)
{
	struct findings f = { 0 };
	const char *bad = "services:\n"
	                  "  web:\n"
	                  "    image: x\n"
	                  "   privileged: true\n";
	const char *good = "services:\n  db:\n    image: db\n";
	struct compose_file files[] = { { P, bad, strlen(bad) }, { P2, good, strlen(good) } };
	struct compose_project *p = NULL;
	CHECK_INT(quiet_load(files, 2, &f, &p), 0);
	CHECK(p != NULL);
	CHECK_INT(p ? p->nservices : 0, 1);
	CHECK(svc(p, "db") != NULL);
	CHECK_INT(f.nerrors, 1);
	if (f.nerrors == 1) {
		CHECK_STR(f.errors[0].input, P);
		CHECK_INT(f.errors[0].line, 4);
		CHECK(strncmp(f.errors[0].message, "invalid YAML: ", 14) == 0);
	}
	done(p, &f);

	struct findings g = { 0 };
	const char *flow = "services: {a: [1, 2}\n";
	struct compose_file one[] = { { P, flow, strlen(flow) } };
	CHECK_INT(quiet_load(one, 1, &g, &p), 0);
	CHECK(p == NULL);
	CHECK_INT(g.nerrors, 1);
	if (g.nerrors == 1)
		CHECK_INT(g.errors[0].line, 1);
	done(p, &g);
}

TEST(compose_yaml_oddities)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  a:\n"
	                                 "    image: x\n"
	                                 "    image: y\n"
	                                 "  b: *nope\n",
	                                 &f);
	CHECK(p == NULL);
	CHECK_INT(f.nerrors, 2);
	if (f.nerrors == 2) {
		CHECK_STR(f.errors[0].message,
		          "invalid YAML: mapping key \"image\" already defined at line 3");
		CHECK_INT(f.errors[0].line, 4);
		CHECK_STR(f.errors[1].message, "invalid YAML: unknown anchor 'nope' referenced");
		CHECK_INT(f.errors[1].line, 5);
	}
	done(p, &f);

	struct findings g = { 0 };
	p = load("- a\n- b\n", &g);
	CHECK(p == NULL);
	CHECK_INT(g.nerrors, 1);
	if (g.nerrors == 1)
		CHECK_STR(g.errors[0].message, "top-level object must be a mapping");
	done(p, &g);

	struct findings h = { 0 };
	p = load("", &h);
	CHECK(p != NULL);
	CHECK_INT(h.nerrors, 0);
	CHECK_INT(p ? p->nservices : 1, 0);
	done(p, &h);

	struct findings m = { 0 };
	p = load("services:\n  a: {image: a}\n---\nservices:\n  a: {privileged: true}\n", &m);
	CHECK(svc(p, "a") && svc(p, "a")->privileged.v);
	CHECK_STR(svc(p, "a") ? svc(p, "a")->image.s : NULL, "a");
	CHECK_INT(svc(p, "a") ? svc(p, "a")->privileged.loc.line : 0, 5);
	done(p, &m);
}

TEST(compose_wrong_types)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  web:\n"
	                                 "    image: [a]\n"
	                                 "    privileged: maybe\n"
	                                 "    ports: \"80:80\"\n"
	                                 "    cap_add: {a: b}\n"
	                                 "    volumes: {a: b}\n"
	                                 "    environment: 5\n"
	                                 "    mem_limit: lots\n"
	                                 "    ulimits: [1]\n"
	                                 "    healthcheck: yes\n"
	                                 "    deploy: [x]\n"
	                                 "    devices: [[x]]\n"
	                                 "    pid: {a: 1}\n"
	                                 "    user: root\n"
	                                 "  bad: [1, 2]\n"
	                                 "  nul:\n",
	                                 &f);
	struct cspec *w = svc(p, "web");
	CHECK(w != NULL);
	CHECK_INT(p ? p->nservices : 0, 1);
	CHECK_INT(f.nerrors, 14);
	if (f.nerrors >= 2) {
		CHECK_STR(f.errors[0].message, "services.bad: expected a mapping");
		CHECK_INT(f.errors[0].line, 16);
		CHECK_STR(f.errors[1].message, "services.nul: expected a mapping");
	}
	bool ports = false;
	for (size_t i = 0; i < f.nerrors; i++)
		if (strcmp(f.errors[i].message, "services.web.ports: expected a list") == 0)
			ports = f.errors[i].line == 5;
	CHECK(ports);
	if (w) {
		CHECK_STR(w->user.s, "root");
		CHECK(!w->privileged.set);
		CHECK(w->image.s == NULL);
	}
	done(p, &f);

	struct findings g = { 0 };
	p = load("services: [a]\n", &g);
	CHECK(p != NULL);
	CHECK_INT(g.nerrors, 1);
	if (g.nerrors == 1)
		CHECK_STR(g.errors[0].message, "services: expected a mapping");
	done(p, &g);
}

TEST(compose_alias_bomb)
{
	struct findings f = { 0 };
	struct buf b = { 0 };
	buf_adds(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 12; i++) {
		buf_printf(&b, "a%d: &a%d [", i, i);
		for (int j = 0; j < 10; j++)
			buf_printf(&b, "%s*a%d", j ? ", " : "", i - 1);
		buf_adds(&b, "]\n");
	}
	buf_adds(&b, "services:\n  a: {image: x}\n");
	struct compose_project *p = load(b.s, &f);
	CHECK(p == NULL);
	CHECK_INT(f.nerrors, 1);
	if (f.nerrors == 1)
		CHECK(strstr(f.errors[0].message, "too large") != NULL);
	done(p, &f);
	free(b.s);
}

TEST(compose_deep_nesting)
{
	struct findings f = { 0 };
	struct buf b = { 0 };
	buf_adds(&b, "services:\n  a:\n    x-deep: ");
	for (int i = 0; i < 5000; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < 5000; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '\n');
	struct compose_project *p = NULL;
	struct compose_file cf = { P, b.s, b.len };
	CHECK_INT(quiet_load(&cf, 1, &f, &p), 0);
	CHECK(p == NULL);
	CHECK_INT(f.nerrors, 1);
	done(p, &f);
	free(b.s);

	/* aliases nest a finished node deeper each time */
	struct findings g = { 0 };
	struct buf c = { 0 };
	buf_adds(&c, "a0: &a0 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n");
	for (int i = 1; i < 40; i++)
		buf_printf(&c, "a%d: &a%d [*a%d]\n", i, i, i - 1);
	p = load(c.s, &g);
	CHECK(p == NULL);
	CHECK_INT(g.nerrors, 1);
	if (g.nerrors == 1)
		CHECK(strstr(g.errors[0].message, "nesting too deep") != NULL);
	done(p, &g);
	free(c.s);
}

/* Override-file merges of the keys other than ports, volumes and environment: sysctls merge by
 * key whether list or mapping; healthcheck.test is replaced whole; other lists (security_opt,
 * cap_drop, devices, tmpfs, expose) append; ulimits and mappings merge key by key. */
TEST(compose_merge_other_keys)
{
	struct findings f = { 0 };
	const char *base = "services:\n"
	                   "  web:\n"
	                   "    image: web:1\n"
	                   "    sysctls:\n"
	                   "      - net.core.somaxconn=1024\n"
	                   "      - net.ipv4.ip_forward=0\n"
	                   "    healthcheck:\n"
	                   "      test: [CMD, curl, -f, http://a]\n"
	                   "      interval: 10s\n"
	                   "    security_opt: [no-new-privileges:true]\n"
	                   "    cap_drop: [NET_RAW]\n"
	                   "    devices: [\"/dev/fuse:/dev/fuse\"]\n"
	                   "    ulimits:\n"
	                   "      nofile: {soft: 1024, hard: 2048}\n"
	                   "      nproc: 512\n"
	                   "    expose: [\"8080\"]\n";
	const char *over = "services:\n"
	                   "  web:\n"
	                   "    sysctls:\n"
	                   "      net.ipv4.ip_forward: 1\n"
	                   "      net.ipv4.tcp_syncookies: 1\n"
	                   "    healthcheck:\n"
	                   "      test: [CMD, wget, -q, http://b]\n"
	                   "    security_opt: [\"seccomp:unconfined\"]\n"
	                   "    cap_drop: [MKNOD]\n"
	                   "    devices: [\"/dev/kvm:/dev/kvm\"]\n"
	                   "    ulimits:\n"
	                   "      nofile: {hard: 4096}\n"
	                   "    expose: [\"9090\"]\n";
	struct compose_file files[] = { { P, base, strlen(base) }, { P2, over, strlen(over) } };
	struct compose_project *p = compose_load(files, 2, &f);
	struct cspec *w = svc(p, "web");
	CHECK(w != NULL);
	CHECK_INT(f.nerrors, 0);
	if (!w)
		goto out;
	CHECK_INT(w->sysctls.n, 3);
	if (w->sysctls.n == 3) {
		CHECK_STR(w->sysctls.v[0].s, "net.core.somaxconn=1024");
		CHECK_STR(w->sysctls.v[1].s, "net.ipv4.ip_forward=1");
		CHECK_STR(w->sysctls.v[1].loc.path, P2);
		CHECK_INT(w->sysctls.v[1].loc.line, 4);
		CHECK_STR(w->sysctls.v[2].s, "net.ipv4.tcp_syncookies=1");
	}
	CHECK_STR(w->healthcheck.test, "CMD wget -q http://b");
	CHECK_INT(w->security_opt.n, 2);
	if (w->security_opt.n == 2) {
		CHECK_STR(w->security_opt.v[0].s, "no-new-privileges:true");
		CHECK_STR(w->security_opt.v[1].s, "seccomp:unconfined");
		CHECK_STR(w->security_opt.v[1].loc.path, P2);
	}
	CHECK_INT(w->cap_drop.n, 2);
	CHECK_INT(w->ndevices, 2);
	if (w->ndevices == 2) {
		CHECK_STR(w->devices[0].host, "/dev/fuse");
		CHECK_STR(w->devices[1].host, "/dev/kvm");
	}
	CHECK_INT(w->nulimits, 2);
	for (size_t i = 0; i < w->nulimits; i++) {
		if (str_eq(w->ulimits[i].name, "nofile")) {
			CHECK_INT(w->ulimits[i].soft, 1024);
			CHECK_INT(w->ulimits[i].hard, 4096);
		} else {
			CHECK_STR(w->ulimits[i].name, "nproc");
			CHECK_INT(w->ulimits[i].soft, 512);
		}
	}
	CHECK_INT(w->nports, 2);   /* expose: unpublished ports */
	if (w->nports == 2)
		CHECK(!w->ports[0].published && str_eq(w->ports[1].container_port, "9090"));
out:
	done(p, &f);
}

/* A list of strings with a nested item: the item is an error at its line, the strings and a
 * null item are kept or skipped quietly. */
TEST(compose_string_list_items)
{
	struct findings f = { 0 };
	struct compose_project *p = load("services:\n"
	                                 "  web:\n"
	                                 "    image: x\n"
	                                 "    cap_add:\n"
	                                 "      - NET_ADMIN\n"
	                                 "      - [SYS_ADMIN]\n"
	                                 "      -\n"
	                                 "      - {a: b}\n"
	                                 "      - 7\n",
	                                 &f);
	struct cspec *w = svc(p, "web");
	CHECK(w != NULL);
	CHECK_INT(f.nerrors, 2);
	if (f.nerrors == 2) {
		CHECK_STR(f.errors[0].message, "services.web.cap_add: expected a list of strings");
		CHECK_INT(f.errors[0].line, 6);
		CHECK_INT(f.errors[1].line, 8);
	}
	if (w) {
		CHECK_INT(w->cap_add.n, 2);
		CHECK_STR(w->cap_add.v[0].s, "NET_ADMIN");
		CHECK_STR(w->cap_add.v[w->cap_add.n - 1].s, "7");
	}
	done(p, &f);
}

/* A .env that cannot be read (here a directory) is a warning naming it; a missing one is not. */
TEST(compose_dotenv_unreadable)
{
	char dir[] = "/tmp/bw-compose-XXXXXX";
	if (!mkdtemp(dir))
		return;
	char *env = xasprintf("%s/.env", dir), *path = xasprintf("%s/compose.yaml", dir);
	struct findings f = { 0 };
	struct compose_project *p = load_at(path, "services:\n  a:\n    image: x\n", &f);
	CHECK(p != NULL);
	CHECK_INT(f.nwarnings, 0);
	done(p, &f);
	CHECK_INT(mkdir(env, 0755), 0);
	p = load_at(path, "services:\n  a:\n    image: x\n", &f);
	CHECK(p != NULL);
	CHECK_INT(f.nwarnings, 1);
	if (f.nwarnings == 1) {
		CHECK_STR(f.warnings[0].input, env);
		CHECK(str_prefix(f.warnings[0].message, "cannot read .env: "));
	}
	done(p, &f);
	rmdir(env);
	rmdir(dir);
	free(env);
	free(path);
}
