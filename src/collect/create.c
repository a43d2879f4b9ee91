/* A create request carries Config fields at the top level and the host settings in HostConfig;
 * the engine has not yet filled in defaults, so absent fields stay unset (the rules then see
 * what the user asked for, not what the engine would add). */
#include "collect/create.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void set_str(struct cs_str *f, json_t *o, const char *key)
{
	const char *s = jstr(o, key);
	if (s && *s)
		cs_set(f, s, LOC_NONE);
}

/* 0 means "unset" in the API (unlimited, engine default); PidsLimit -1 is unlimited and kept. */
static void set_num(struct cs_num *f, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_integer(v) && json_integer_value(v) != 0) {
		f->v = json_integer_value(v);
		f->set = true;
	}
}

static void set_flag(struct cs_flag *f, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_boolean(v)) {
		f->v = json_is_true(v);
		f->set = true;
	}
}

static void add_strs(struct cs_strs *l, json_t *arr)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (json_is_string(v))
			cs_strs_add(l, json_string_value(v), LOC_NONE);
}

static bool is_propagation(const char *o)
{
	static const char *const p[] = { "shared", "rshared", "slave", "rslave", "private",
	                                 "rprivate", NULL };
	for (size_t i = 0; p[i]; i++)
		if (!strcmp(o, p[i]))
			return true;
	return false;
}

/* "src:dst[:opts]" (bind when src is a path, else a named volume) or "dst" (anonymous). */
void cspec_add_bind(struct cspec *c, const char *bind)
{
	char *s = xstrdup(bind), *save = NULL;
	char *part[3] = { 0 };
	size_t n = 0;
	for (char *t = strtok_r(s, ":", &save); t && n < 3; t = strtok_r(NULL, ":", &save))
		part[n++] = t;
	if (n) {
		struct cs_mount *m = cspec_add_mount(c);
		bool two = n >= 2;
		m->type = two && part[0][0] == '/' ? MOUNT_BIND : MOUNT_VOLUME;
		m->source = two ? xstrdup(part[0]) : NULL;
		m->target = xstrdup(two ? part[1] : part[0]);
		char *osave = NULL;
		for (char *o = n == 3 ? strtok_r(part[2], ",", &osave) : NULL; o;
		     o = strtok_r(NULL, ",", &osave)) {
			if (!strcmp(o, "ro"))
				m->read_only = true;
			else if (is_propagation(o))
				m->propagation = xstrdup(o);
		}
	}
	free(s);
}

static enum mount_type mount_type(const char *t)
{
	if (str_eq(t, "bind"))
		return MOUNT_BIND;
	if (str_eq(t, "volume"))
		return MOUNT_VOLUME;
	if (str_eq(t, "tmpfs"))
		return MOUNT_TMPFS;
	if (str_eq(t, "npipe"))
		return MOUNT_NPIPE;
	return MOUNT_OTHER;
}

static void add_mounts(struct cspec *c, json_t *hc)
{
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(hc, "Binds"), i, m)
		if (json_is_string(m))
			cspec_add_bind(c, json_string_value(m));
	json_array_foreach(json_object_get(hc, "Mounts"), i, m) {
		struct cs_mount *x = cspec_add_mount(c);
		const char *prop = jstr(json_object_get(m, "BindOptions"), "Propagation");
		x->type = mount_type(jstr(m, "Type"));
		x->source = xstrdup(jstr(m, "Source"));
		x->target = xstrdup(jstr(m, "Target"));
		x->read_only = json_is_true(json_object_get(m, "ReadOnly"));
		x->propagation = prop && *prop ? xstrdup(prop) : NULL;
	}
	const char *k;
	json_object_foreach(json_object_get(hc, "Tmpfs"), k, m) {
		struct cs_mount *x = cspec_add_mount(c);
		x->type = MOUNT_TMPFS;
		x->target = xstrdup(k);
	}
}

static void add_devices(struct cspec *c, json_t *arr)
{
	size_t i;
	json_t *d;
	json_array_foreach(arr, i, d) {
		struct cs_device *x = cspec_add_device(c);
		x->host = xstrdup(jstr(d, "PathOnHost"));
		x->container = xstrdup(jstr(d, "PathInContainer"));
		x->perms = xstrdup(jstr(d, "CgroupPermissions"));
	}
}

static struct cs_port *new_port(struct cspec *c, const char *key)
{
	struct cs_port *p = cspec_add_port(c);
	const char *slash = strchr(key, '/');
	p->container_port = slash ? xstrndup(key, (size_t)(slash - key)) : xstrdup(key);
	p->proto = xstrdup(slash ? slash + 1 : "tcp");
	return p;
}

/* PortBindings publish; ExposedPorts without a binding are only exposed. */
static void add_ports(struct cspec *c, json_t *exposed, json_t *bindings)
{
	const char *key;
	json_t *binds;
	json_object_foreach(bindings, key, binds) {
		size_t i;
		json_t *b;
		json_array_foreach(binds, i, b) {
			struct cs_port *p = new_port(c, key);
			const char *ip = jstr(b, "HostIp"), *port = jstr(b, "HostPort");
			p->host_ip = ip && *ip ? xstrdup(ip) : NULL;
			p->host_port = port && *port ? xstrdup(port) : NULL;
			p->published = true;
		}
	}
	json_object_foreach(exposed, key, binds)
		if (!json_object_get(bindings, key))
			new_port(c, key);
}

static void add_env(struct cspec *c, json_t *arr)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		const char *eq = s ? strchr(s, '=') : NULL;
		if (!eq)
			continue;
		char *key = xstrndup(s, (size_t)(eq - s));
		cspec_add_env(c, key, eq + 1, LOC_NONE);
		free(key);
	}
}

static void add_ulimits(struct cspec *c, json_t *arr)
{
	size_t i;
	json_t *u;
	json_array_foreach(arr, i, u) {
		struct cs_ulimit *x = cspec_add_ulimit(c);
		x->name = xstrdup(jstr(u, "Name"));
		x->soft = json_integer_value(json_object_get(u, "Soft"));
		x->hard = json_integer_value(json_object_get(u, "Hard"));
	}
}

static void add_sysctls(struct cspec *c, json_t *obj)
{
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v) {
		char *kv = xasprintf("%s=%s", k, json_is_string(v) ? json_string_value(v) : "");
		cs_strs_add(&c->sysctls, kv, LOC_NONE);
		free(kv);
	}
}

static void set_health(struct cspec *c, json_t *body)
{
	json_t *test = json_object_get(json_object_get(body, "Healthcheck"), "Test");
	const char *first = json_string_value(json_array_get(test, 0));
	if (first) {
		c->healthcheck.set = true;
		c->healthcheck.disabled = !strcmp(first, "NONE");
	}
}

/* The resource fields, shared with update bodies (which carry them at the top level). */
static void set_resources(struct cspec *c, json_t *hc)
{
	json_t *rp = json_object_get(hc, "RestartPolicy");
	set_str(&c->cpuset, hc, "CpusetCpus");
	set_str(&c->cgroup_parent, hc, "CgroupParent");
	set_num(&c->memory, hc, "Memory");
	set_num(&c->memory_swap, hc, "MemorySwap");
	set_num(&c->memory_reservation, hc, "MemoryReservation");
	set_num(&c->cpu_shares, hc, "CpuShares");
	set_num(&c->nano_cpus, hc, "NanoCpus");
	set_num(&c->cpu_quota, hc, "CpuQuota");
	set_num(&c->cpu_period, hc, "CpuPeriod");
	set_num(&c->pids_limit, hc, "PidsLimit");
	set_str(&c->restart, rp, "Name");
	set_num(&c->restart_max, rp, "MaximumRetryCount");
	add_devices(c, json_object_get(hc, "Devices"));
	add_ulimits(c, json_object_get(hc, "Ulimits"));
}

static void set_host_config(struct cspec *c, json_t *hc)
{
	set_flag(&c->privileged, hc, "Privileged");
	set_flag(&c->read_only, hc, "ReadonlyRootfs");
	add_strs(&c->cap_add, json_object_get(hc, "CapAdd"));
	add_strs(&c->cap_drop, json_object_get(hc, "CapDrop"));
	add_strs(&c->security_opt, json_object_get(hc, "SecurityOpt"));
	set_str(&c->network_mode, hc, "NetworkMode");
	set_str(&c->pid_mode, hc, "PidMode");
	set_str(&c->ipc_mode, hc, "IpcMode");
	set_str(&c->uts_mode, hc, "UTSMode");
	set_str(&c->userns_mode, hc, "UsernsMode");
	set_str(&c->cgroupns_mode, hc, "CgroupnsMode");
	set_resources(c, hc);
	add_sysctls(c, json_object_get(hc, "Sysctls"));
	add_mounts(c, hc);
}

struct cspec *cspec_from_create(json_t *body, const char *name)
{
	if (!json_is_object(body))
		return NULL;
	struct cspec *c = cspec_new(CSPEC_CREATE);
	json_t *hc = json_object_get(body, "HostConfig");
	c->name = xstrdup(name && *name == '/' ? name + 1 : name);
	set_str(&c->image, body, "Image");
	set_str(&c->user, body, "User");
	add_env(c, json_object_get(body, "Env"));
	set_health(c, body);
	set_host_config(c, hc);
	add_ports(c, json_object_get(body, "ExposedPorts"), json_object_get(hc, "PortBindings"));
	return c;
}

struct cspec *cspec_from_update(json_t *body, const char *name)
{
	if (!json_is_object(body))
		return NULL;
	struct cspec *c = cspec_new(CSPEC_CREATE);
	c->name = xstrdup(name);
	set_resources(c, body);
	return c;
}
