#include "test.h"
#include "collect/compose.h"
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
	CHECK_STR(c->image, "nginx:1.25");
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
