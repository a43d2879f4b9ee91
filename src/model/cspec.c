#include "model/cspec.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

struct cspec *cspec_new(enum cspec_origin origin)
{
	struct cspec *c = xcalloc(1, sizeof *c);
	c->origin = origin;
	return c;
}

static void str_free(struct cs_str *s)
{
	free(s->s);
}

static void strs_free(struct cs_strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
}

void cspec_free(struct cspec *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->id);
	free(c->image_id);
	free(c->state);
	free(c->health_status);
	for (size_t i = 0; i < c->nnetworks; i++)
		free(c->networks[i]);
	free(c->networks);
	for (size_t i = 0; i < c->nprocs; i++)
		free(c->procs[i]);
	free(c->procs);
	strs_free(&c->cap_add);
	strs_free(&c->cap_drop);
	strs_free(&c->security_opt);
	strs_free(&c->sysctls);
	struct cs_str *strs[] = { &c->network_mode, &c->pid_mode, &c->ipc_mode, &c->uts_mode,
	                          &c->userns_mode, &c->cgroupns_mode, &c->user, &c->cpuset,
	                          &c->restart, &c->cgroup_parent, &c->apparmor_profile,
	                          &c->image };
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
		str_free(strs[i]);
	for (size_t i = 0; i < c->nmounts; i++) {
		free(c->mounts[i].source);
		free(c->mounts[i].target);
		free(c->mounts[i].propagation);
		free(c->mounts[i].volume);
		free(c->mounts[i].subpath);
	}
	free(c->mounts);
	for (size_t i = 0; i < c->ndevices; i++) {
		free(c->devices[i].host);
		free(c->devices[i].container);
		free(c->devices[i].perms);
	}
	free(c->devices);
	for (size_t i = 0; i < c->nports; i++) {
		free(c->ports[i].host_ip);
		free(c->ports[i].host_port);
		free(c->ports[i].container_port);
		free(c->ports[i].proto);
	}
	free(c->ports);
	for (size_t i = 0; i < c->nenv; i++) {
		free(c->env[i].key);
		free(c->env[i].value);
	}
	free(c->env);
	for (size_t i = 0; i < c->nulimits; i++)
		free(c->ulimits[i].name);
	free(c->ulimits);
	for (size_t i = 0; i < c->nexecs; i++) {
		free(c->execs[i].id);
		free(c->execs[i].user);
		free(c->execs[i].program);
	}
	free(c->execs);
	free(c->healthcheck.test);
	free(c);
}

void cs_set(struct cs_str *f, const char *s, struct loc loc)
{
	free(f->s);
	f->s = xstrdup(s);
	f->loc = loc;
}

void cs_strs_add(struct cs_strs *l, const char *s, struct loc loc)
{
	GROW(l->v, l->cap, l->n);
	l->v[l->n].s = xstrdup(s);
	l->v[l->n++].loc = loc;
}

#define ADD(c, arr, n, cap) (GROW((c)->arr, (c)->cap, (c)->n), &(c)->arr[(c)->n++])

struct cs_mount *cspec_add_mount(struct cspec *c)
{
	return ADD(c, mounts, nmounts, cap_mounts);
}

struct cs_device *cspec_add_device(struct cspec *c)
{
	return ADD(c, devices, ndevices, cap_devices);
}

struct cs_port *cspec_add_port(struct cspec *c)
{
	return ADD(c, ports, nports, cap_ports);
}

struct cs_ulimit *cspec_add_ulimit(struct cspec *c)
{
	return ADD(c, ulimits, nulimits, cap_ulimits);
}

struct cs_exec *cspec_add_exec(struct cspec *c)
{
	struct cs_exec *x = ADD(c, execs, nexecs, cap_execs);
	*x = (struct cs_exec){ 0 };
	return x;
}

struct cs_env *cspec_add_env(struct cspec *c, const char *key, const char *value, struct loc loc)
{
	struct cs_env *e = ADD(c, env, nenv, cap_env);
	e->key = xstrdup(key);
	e->value = xstrdup(value);
	e->loc = loc;
	return e;
}

/* Whether the comma-separated list has the word. */
static bool has_option(const char *list, const char *word)
{
	size_t k = strlen(word);
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ",");
		if (n == k && !strncmp(p, word, k))
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

const char *cs_volume_bind(const char *driver, const char *o, const char *device, bool *ro)
{
	if ((driver && *driver && strcmp(driver, "local")) || !device || !*device)
		return NULL;
	if (!has_option(o, "bind") && !has_option(o, "rbind"))
		return NULL;
	*ro = has_option(o, "ro");
	return device;
}

void cs_mount_bind_volume(struct cs_mount *m, const char *device, bool ro)
{
	free(m->volume);
	m->volume = m->source;
	m->source = m->subpath && *m->subpath ? xasprintf("%s/%s", device, m->subpath)
	                                      : xstrdup(device);
	m->type = MOUNT_BIND;
	m->read_only = m->read_only || ro;
}

bool cs_strs_has(const struct cs_strs *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_ieq(l->v[i].s, s))
			return true;
	return false;
}

const struct cs_str *cs_secopt(const struct cspec *c, const char *key)
{
	size_t k = strlen(key);
	const struct cs_str *found = NULL;
	for (size_t i = 0; i < c->security_opt.n; i++) {
		const char *s = c->security_opt.v[i].s;
		if (s && strncasecmp(s, key, k) == 0 && (s[k] == '=' || s[k] == ':' || s[k] == '\0'))
			found = &c->security_opt.v[i];  /* the last one wins, as in the engine */
	}
	return found;
}

const char *cs_secopt_value(const struct cs_str *opt)
{
	const char *s = opt->s;
	size_t n = strcspn(s, "=:");
	return s[n] ? s + n + 1 : "";
}

bool cs_user_is_root(const char *u)
{
	size_t n = strcspn(u, ":");
	size_t z = strspn(u, "0");
	return (n == 4 && strncmp(u, "root", 4) == 0) || (n > 0 && z >= n);
}
