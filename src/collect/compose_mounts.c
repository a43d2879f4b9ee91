/* Service keys that connect a container to the host: ports, volumes and devices, short and
 * long syntax. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static void port(struct svc *s, const char *key, struct ynode *it)
{
	if (it->kind == Y_STR) {
		add_port_short(s->c, it->s, true, y_loc(s, it));
		return;
	}
	const char *target = it->kind == Y_MAP ? y_key_text(it, "target") : NULL;
	if (!target) {
		svc_type_err(s, key, it, it->kind == Y_MAP ? "a target port" : "a port or a mapping");
		return;
	}
	const char *ip = y_key_text(it, "host_ip"), *pub = y_key_text(it, "published");
	/* compose-go takes any string here, but the engine refuses a HostPort that is not a port
	 * or a range ("invalid port specification"): an address belongs in host_ip. */
	if (pub && strchr(pub, ':')) {
		svc_type_err(s, "ports.published", y_get(it, "published"),
		             "a port or a range (an address goes in host_ip)");
		return;
	}
	struct cs_port *p = cspec_add_port(s->c);
	p->host_ip = ip && *ip ? xstrdup(ip) : NULL;
	p->host_port = pub && *pub ? xstrdup(pub) : NULL;
	p->container_port = xstrdup(target);
	p->proto = xstrdup(y_key_text(it, "protocol") ? y_key_text(it, "protocol") : "tcp");
	p->published = true;
	p->loc = y_loc(s, it);
}

void svc_ports(struct svc *s, const char *key, struct ynode *v)
{
	svc_each(s, key, v, port);
}

static enum mount_type mount_type(const char *t, const char *src)
{
	if (!t)
		return src && strchr("/.~", *src) && *src ? MOUNT_BIND : MOUNT_VOLUME;
	return str_eq(t, "bind")     ? MOUNT_BIND
	       : str_eq(t, "volume") ? MOUNT_VOLUME
	       : str_eq(t, "tmpfs")  ? MOUNT_TMPFS
	       : str_eq(t, "npipe")  ? MOUNT_NPIPE
	                             : MOUNT_OTHER;
}

static void volume(struct svc *s, const char *key, struct ynode *it)
{
	if (it->kind == Y_STR) {
		add_volume_short(s->c, it->s, y_loc(s, it));
		return;
	}
	const char *target = it->kind == Y_MAP ? y_key_text(it, "target") : NULL;
	if (!target) {
		svc_type_err(s, key, it, it->kind == Y_MAP ? "a target path" : "a string or a mapping");
		return;
	}
	struct cs_mount *m = cspec_add_mount(s->c);
	const char *src = y_key_text(it, "source"), *ro = y_key_text(it, "read_only");
	m->type = mount_type(y_key_text(it, "type"), src);
	m->source = xstrdup(src);
	m->target = xstrdup(target);
	if (ro && !parse_bool(ro, &m->read_only))
		svc_type_err(s, "volumes.read_only", y_get(it, "read_only"), "a boolean");
	m->propagation = xstrdup(y_key_text(y_get(it, "bind"), "propagation"));
	m->subpath = xstrdup(y_key_text(y_get(it, "volume"), "subpath"));
	m->loc = y_loc(s, it);
}

void svc_volumes(struct svc *s, const char *key, struct ynode *v)
{
	svc_each(s, key, v, volume);
}

static void device(struct svc *s, const char *key, struct ynode *it)
{
	if (it->kind == Y_STR) {
		add_device_short(s->c, it->s, y_loc(s, it));
		return;
	}
	const char *src = it->kind == Y_MAP ? y_key_text(it, "source") : NULL;
	if (!src) {
		svc_type_err(s, key, it, it->kind == Y_MAP ? "a source device" : "a string or a mapping");
		return;
	}
	const char *dst = y_key_text(it, "target"), *perms = y_key_text(it, "permissions");
	struct cs_device *d = cspec_add_device(s->c);
	d->host = xstrdup(src);
	d->container = xstrdup(dst ? dst : src);
	d->perms = xstrdup(perms ? perms : "rwm");
	d->loc = y_loc(s, it);
}

void svc_devices(struct svc *s, const char *key, struct ynode *v)
{
	svc_each(s, key, v, device);
}

/* A named volume whose top-level definition has the local driver bind a host path is that
 * host path. An external volume is defined outside the file (compose refuses driver_opts beside
 * external: true), so lint cannot know it; the audit and the plugin judge it from the engine. */
void svc_follow_volumes(struct cspec *c, const struct ynode *top)
{
	for (size_t i = 0; i < c->nmounts; i++) {
		struct cs_mount *m = &c->mounts[i];
		const struct ynode *v = m->type == MOUNT_VOLUME && m->source ? y_get(top, m->source)
		                                                             : NULL;
		const struct ynode *opts = y_get(v, "driver_opts");
		bool ro = false;
		const char *dev = cs_volume_bind(y_key_text(v, "driver"), y_key_text(opts, "o"),
		                                 y_key_text(opts, "device"), &ro);
		if (dev)
			cs_mount_bind_volume(m, dev, ro);
	}
}
