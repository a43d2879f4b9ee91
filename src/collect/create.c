/* A create request carries Config fields at the top level and the host settings in HostConfig;
 * the engine has not yet filled in defaults, so absent fields stay unset (the rules then see
 * what the user asked for, not what the engine would add). */
#include "collect/create.h"
#include "collect/engine_cspec.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

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

/* --mount type=volume,volume-driver=local,volume-opt=o=bind,volume-opt=device=/etc creates the
 * volume with those options when it does not exist yet: judge the bind it asks for. */
static void volume_driver(struct cs_mount *x, json_t *dc)
{
	json_t *opts = json_object_get(dc, "Options");
	bool ro = false;
	const char *dev = x->type == MOUNT_VOLUME && x->source && *x->source
	                  ? cs_volume_bind(ej_str(dc, "Name"), ej_str(opts, "o"),
	                                   ej_str(opts, "device"), &ro) : NULL;
	if (dev)
		cs_mount_bind_volume(x, dev, ro);
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
		const char *prop = ej_str(json_object_get(m, "BindOptions"), "Propagation");
		x->type = ej_mount_type(ej_str(m, "Type"));
		x->source = xstrdup(ej_str(m, "Source"));
		x->target = xstrdup(ej_str(m, "Target"));
		x->read_only = json_is_true(json_object_get(m, "ReadOnly"));
		x->propagation = prop && *prop ? xstrdup(prop) : NULL;
		x->subpath = xstrdup(ej_str(json_object_get(m, "VolumeOptions"), "Subpath"));
		volume_driver(x, json_object_get(json_object_get(m, "VolumeOptions"), "DriverConfig"));
	}
	const char *k;
	json_object_foreach(json_object_get(hc, "Tmpfs"), k, m) {
		struct cs_mount *x = cspec_add_mount(c);
		x->type = MOUNT_TMPFS;
		x->target = xstrdup(k);
	}
}

/* PortBindings publish; ExposedPorts without a binding are only exposed. */
static void add_ports(struct cspec *c, json_t *exposed, json_t *bindings)
{
	const char *key;
	json_t *v;
	ej_add_port_bindings(c, bindings);
	json_object_foreach(exposed, key, v)
		if (!json_object_get(bindings, key))
			ej_new_port(c, key);
}
static void set_host_config(struct cspec *c, json_t *hc)
{
	ej_set_host_config(c, hc);
	add_mounts(c, hc);
}
struct cspec *cspec_from_create(json_t *body, const char *name)
{
	if (!json_is_object(body))
		return NULL;
	struct cspec *c = cspec_new(CSPEC_CREATE);
	json_t *hc = json_object_get(body, "HostConfig");
	c->name = xstrdup(name && *name == '/' ? name + 1 : name);
	ej_set_str(&c->image, body, "Image");
	ej_set_str(&c->user, body, "User");
	ej_add_env(c, json_object_get(body, "Env"));
	ej_set_healthcheck(c, body);
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
	ej_set_resources(c, body);
	return c;
}
