#include "collect/engine_cspec.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

const char *ej_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

void ej_set_str(struct cs_str *f, json_t *o, const char *key)
{
	const char *s = ej_str(o, key);
	if (s && *s)
		cs_set(f, s, LOC_NONE);
}

void ej_set_num(struct cs_num *f, json_t *o, const char *key)
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

enum mount_type ej_mount_type(const char *t)
{
	static const struct { const char *name; enum mount_type t; } map[] = {
		{ "bind", MOUNT_BIND }, { "volume", MOUNT_VOLUME }, { "tmpfs", MOUNT_TMPFS },
		{ "npipe", MOUNT_NPIPE },
	};
	for (size_t i = 0; t && i < sizeof map / sizeof *map; i++)
		if (!strcmp(t, map[i].name))
			return map[i].t;
	return MOUNT_OTHER;
}

void ej_add_env(struct cspec *c, json_t *arr)
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

void ej_set_healthcheck(struct cspec *c, json_t *config)
{
	json_t *test = json_object_get(json_object_get(config, "Healthcheck"), "Test");
	const char *first = json_string_value(json_array_get(test, 0));
	if (first) {
		c->healthcheck.set = true;
		c->healthcheck.disabled = !strcmp(first, "NONE");
	}
}

struct cs_port *ej_new_port(struct cspec *c, const char *key)
{
	struct cs_port *p = cspec_add_port(c);
	const char *slash = strchr(key, '/');
	p->container_port = slash ? xstrndup(key, (size_t)(slash - key)) : xstrdup(key);
	p->proto = xstrdup(slash ? slash + 1 : "tcp");
	return p;
}

/* {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}; an empty HostIp binds every interface,
 * as an unset host_ip does in compose. */
void ej_add_port_bindings(struct cspec *c, json_t *bindings)
{
	const char *key;
	json_t *binds;
	json_object_foreach(bindings, key, binds) {
		size_t i;
		json_t *b;
		json_array_foreach(binds, i, b) {
			struct cs_port *p = ej_new_port(c, key);
			const char *ip = ej_str(b, "HostIp"), *port = ej_str(b, "HostPort");
			p->host_ip = ip && *ip ? xstrdup(ip) : NULL;
			p->host_port = port && *port ? xstrdup(port) : NULL;
			p->published = true;
		}
	}
}

static void add_devices(struct cspec *c, json_t *arr)
{
	size_t i;
	json_t *d;
	json_array_foreach(arr, i, d) {
		struct cs_device *x = cspec_add_device(c);
		x->host = xstrdup(ej_str(d, "PathOnHost"));
		x->container = xstrdup(ej_str(d, "PathInContainer"));
		x->perms = xstrdup(ej_str(d, "CgroupPermissions"));
	}
}

static void add_ulimits(struct cspec *c, json_t *arr)
{
	size_t i;
	json_t *u;
	json_array_foreach(arr, i, u) {
		struct cs_ulimit *x = cspec_add_ulimit(c);
		x->name = xstrdup(ej_str(u, "Name"));
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

void ej_set_resources(struct cspec *c, json_t *hc)
{
	json_t *rp = json_object_get(hc, "RestartPolicy");
	ej_set_str(&c->cpuset, hc, "CpusetCpus");
	ej_set_str(&c->cgroup_parent, hc, "CgroupParent");
	ej_set_num(&c->memory, hc, "Memory");
	ej_set_num(&c->memory_swap, hc, "MemorySwap");
	ej_set_num(&c->memory_reservation, hc, "MemoryReservation");
	ej_set_num(&c->cpu_shares, hc, "CpuShares");
	ej_set_num(&c->nano_cpus, hc, "NanoCpus");
	ej_set_num(&c->cpu_quota, hc, "CpuQuota");
	ej_set_num(&c->cpu_period, hc, "CpuPeriod");
	ej_set_num(&c->pids_limit, hc, "PidsLimit");
	ej_set_str(&c->restart, rp, "Name");
	ej_set_num(&c->restart_max, rp, "MaximumRetryCount");
	add_devices(c, json_object_get(hc, "Devices"));
	add_ulimits(c, json_object_get(hc, "Ulimits"));
}

void ej_set_host_config(struct cspec *c, json_t *hc)
{
	set_flag(&c->privileged, hc, "Privileged");
	set_flag(&c->read_only, hc, "ReadonlyRootfs");
	add_strs(&c->cap_add, json_object_get(hc, "CapAdd"));
	add_strs(&c->cap_drop, json_object_get(hc, "CapDrop"));
	add_strs(&c->security_opt, json_object_get(hc, "SecurityOpt"));
	ej_set_str(&c->network_mode, hc, "NetworkMode");
	ej_set_str(&c->pid_mode, hc, "PidMode");
	ej_set_str(&c->ipc_mode, hc, "IpcMode");
	ej_set_str(&c->uts_mode, hc, "UTSMode");
	ej_set_str(&c->userns_mode, hc, "UsernsMode");
	ej_set_str(&c->cgroupns_mode, hc, "CgroupnsMode");
	ej_set_resources(c, hc);
	add_sysctls(c, json_object_get(hc, "Sysctls"));
}
