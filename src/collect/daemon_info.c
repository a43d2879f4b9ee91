/* What the engine reports (/info, /version): version facts, and the settings it actually runs
 * with, which win over daemon.json and flags (a changed file is not in effect until a restart). */
#include "collect/daemon_int.h"
#include "collect/engine.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static void dup_if(char **to, const char *s)
{
	if (s && *s && !*to)
		*to = xstrdup(s);
}

void dinfo_facts(struct daemon *d, json_t *info, json_t *version)
{
	json_t *sw = json_object_get(info, "Swarm");
	json_t *n;
	d->engine = json_is_object(info);
	dup_if(&d->version, jstr(info, "ServerVersion"));
	dup_if(&d->version, jstr(version, "Version"));
	dup_if(&d->api_version, jstr(version, "ApiVersion"));
	dup_if(&d->kernel, jstr(info, "KernelVersion"));
	dup_if(&d->kernel, jstr(version, "KernelVersion"));
	dup_if(&d->os, jstr(info, "OperatingSystem"));
	dup_if(&d->os_type, jstr(info, "OSType"));
	dup_if(&d->os_type, jstr(version, "Os"));
	dup_if(&d->arch, jstr(info, "Architecture"));
	dup_if(&d->arch, jstr(version, "Arch"));
	d->swarm_managers = d->swarm_nodes = -1;
	dup_if(&d->swarm_state, jstr(sw, "LocalNodeState"));
	d->swarm_active = str_eq(d->swarm_state, "active") || str_eq(d->swarm_state, "locked");
	d->swarm_manager = json_is_true(json_object_get(sw, "ControlAvailable"));
	if (d->swarm_manager && json_is_integer(n = json_object_get(sw, "Managers")))
		d->swarm_managers = (long)json_integer_value(n);
	if (d->swarm_manager && json_is_integer(n = json_object_get(sw, "Nodes")))
		d->swarm_nodes = (long)json_integer_value(n);
}

/* Do two values of key say the same? Booleans by meaning, the two names of the built-in
 * seccomp profile as one. */
static bool same_value(const char *key, const char *a, const char *b)
{
	int x = d_parse_bool(a), y = d_parse_bool(b);
	if (str_eq(a, b) || (x >= 0 && x == y))
		return true;
	if (!strcmp(key, "seccomp-profile"))
		return (str_eq(a, "default") || str_eq(a, "builtin")) &&
		       (str_eq(b, "default") || str_eq(b, "builtin"));
	return false;
}

/* origin, and what the config said when it is not in effect. */
static char *engine_origin(const struct d_setting *old, const char *origin)
{
	if (!old || old->src == DSRC_ENGINE)
		return xstrdup(origin);
	return xasprintf("%s; %s is not in effect", origin, old->origin);
}

void dengine_value(struct daemon *d, const char *key, const char *value, const char *origin)
{
	const struct d_setting *old = daemon_get(d, key);
	d->sources |= DSRC_BIT(DSRC_ENGINE);
	if (old && !old->list && (str_eq(old->value, value) ||
	                          (old->value && value && same_value(key, old->value, value))))
		return;
	char *o = engine_origin(old, origin);
	d_setting_value(daemon_put(d, key, DSRC_ENGINE, LOC_NONE, o), value);
	free(o);
}

static bool same_set(const struct d_setting *s, char *const *items, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += d_setting_has(s, items[i]);
	for (size_t i = 0; i < s->nitems; i++) {
		bool found = false;
		for (size_t j = 0; j < n && !found; j++)
			found = !strcmp(s->items[i], items[j]);
		if (!found)
			return false;
	}
	return k == n;
}

void dengine_list(struct daemon *d, const char *key, char *const *items, size_t n,
                  const char *origin)
{
	const struct d_setting *old = daemon_get(d, key);
	d->sources |= DSRC_BIT(DSRC_ENGINE);
	if (old && (old->list || !n) && same_set(old, items, n))
		return;
	char *o = engine_origin(old, origin);
	struct d_setting *s = daemon_put(d, key, DSRC_ENGINE, LOC_NONE, o);
	s->list = true;
	for (size_t i = 0; i < n; i++)
		d_setting_add(s, items[i]);
	free(o);
}

static void engine_str(struct daemon *d, json_t *info, const char *field, const char *key)
{
	const char *v = jstr(info, field);
	if (!v)
		return;
	char *o = xasprintf("the engine reports %s \"%s\"", field, v);
	dengine_value(d, key, v, o);
	free(o);
}

static void engine_bool(struct daemon *d, json_t *info, const char *field, const char *key)
{
	json_t *v = json_object_get(info, field);
	if (!json_is_boolean(v))
		return;
	char *o = xasprintf("the engine reports %s: %s", field, json_is_true(v) ? "true" : "false");
	dengine_value(d, key, json_is_true(v) ? "true" : "false", o);
	free(o);
}

struct strv { char **v; size_t n, cap; };

static void strv_add(struct strv *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return;
	GROW(l->v, l->cap, l->n);
	l->v[l->n++] = xstrdup(s);
}

static void strv_free(struct strv *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* Insecure registries: CIDRs other than the built-in loopback ones, and registries the engine
 * does not verify (IndexConfigs with Secure false). */
static void insecure_registries(struct daemon *d, json_t *info)
{
	json_t *rc = json_object_get(info, "RegistryConfig"), *v, *idx;
	const char *name;
	size_t i;
	struct strv l = { 0 };
	if (!json_is_object(rc))
		return;
	json_array_foreach(json_object_get(rc, "InsecureRegistryCIDRs"), i, v)
		if (json_is_string(v) && !str_eq(json_string_value(v), "127.0.0.0/8") &&
		    !str_eq(json_string_value(v), "::1/128"))
			strv_add(&l, json_string_value(v));
	json_object_foreach(json_object_get(rc, "IndexConfigs"), name, idx)
		if (json_is_false(json_object_get(idx, "Secure")))
			strv_add(&l, name);
	dengine_list(d, "insecure-registries", l.v, l.n,
	             l.n ? "the engine reports insecure registries in RegistryConfig"
	                 : "the engine reports no insecure registries in RegistryConfig");
	strv_free(&l);
}

static void authz_plugins(struct daemon *d, json_t *info)
{
	json_t *plugins = json_object_get(info, "Plugins"), *a, *v;
	struct strv l = { 0 };
	size_t i;
	if (!json_is_object(plugins))
		return;
	a = json_object_get(plugins, "Authorization");
	json_array_foreach(a, i, v)
		if (json_is_string(v))
			strv_add(&l, json_string_value(v));
	dengine_list(d, "authorization-plugins", l.v, l.n,
	             l.n ? "the engine reports Plugins.Authorization"
	                 : "the engine reports no Plugins.Authorization");
	strv_free(&l);
}

/* "name=seccomp,profile=builtin" -> its profile. */
static const char *secopt(json_t *opts, const char *name, bool *found)
{
	json_t *v;
	size_t i, n = strlen(name);
	*found = false;
	json_array_foreach(opts, i, v) {
		const char *s = json_is_string(v) ? json_string_value(v) : "";
		if (str_prefix(s, "name=") && !strncmp(s + 5, name, n) &&
		    (s[5 + n] == '\0' || s[5 + n] == ',')) {
			const char *p = strstr(s, ",profile=");
			*found = true;
			return p ? p + 9 : NULL;
		}
	}
	return NULL;
}

static void security_options(struct daemon *d, json_t *info)
{
	json_t *opts = json_object_get(info, "SecurityOptions");
	const char *profile;
	bool found;
	char *o;
	if (!json_is_array(opts))
		return;
	profile = secopt(opts, "seccomp", &found);
	if (found && profile) {
		o = xasprintf("the engine reports SecurityOptions \"name=seccomp,profile=%s\"", profile);
		dengine_value(d, "seccomp-profile", profile, o);
		free(o);
	}
	d->seccomp_absent = !found && (!d->os_type || str_eq(d->os_type, "linux"));
	secopt(opts, "userns", &found);
	if (found && !(daemon_str(d, "userns-remap") && *daemon_str(d, "userns-remap")))
		dengine_value(d, "userns-remap", "(enabled)",
		              "the engine reports SecurityOptions \"name=userns\"");
	else if (!found)
		dengine_value(d, "userns-remap", NULL,
		              "the engine's SecurityOptions have no \"name=userns\"");
	secopt(opts, "rootless", &found);
	dengine_value(d, "rootless", found ? "true" : "false",
	              found ? "the engine reports SecurityOptions \"name=rootless\""
	                    : "the engine's SecurityOptions have no \"name=rootless\"");
	/* Older engines do not list no-new-privileges at all: only its presence is news. */
	secopt(opts, "no-new-privileges", &found);
	if (found)
		dengine_value(d, "no-new-privileges", "true",
		              "the engine reports SecurityOptions \"name=no-new-privileges\"");
}

void dinfo_settings(struct daemon *d, json_t *info)
{
	if (!json_is_object(info))
		return;
	engine_str(d, info, "LoggingDriver", "log-driver");
	engine_str(d, info, "Driver", "storage-driver");
	engine_str(d, info, "DockerRootDir", "data-root");
	engine_str(d, info, "CgroupParent", "cgroup-parent");
	engine_bool(d, info, "LiveRestoreEnabled", "live-restore");
	engine_bool(d, info, "ExperimentalBuild", "experimental");
	engine_bool(d, info, "Debug", "debug");
	insecure_registries(d, info);
	authz_plugins(d, info);
	security_options(d, info);
}
