/* Security operations counts and swarm state, from the engine's lists. */
#include "collect/daemon_int.h"
#include "collect/engine.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The image ids containers use, sorted for lookup: hosts can hold thousands of each. */
static const char **used_ids(json_t *containers, size_t *n)
{
	const char **v = xcalloc(json_array_size(containers) + 1, sizeof *v);
	json_t *c;
	size_t i;
	*n = 0;
	json_array_foreach(containers, i, c)
		if (jstr(c, "ImageID"))
			v[(*n)++] = jstr(c, "ImageID");
	qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

void daemon_add_counts(struct daemon *d, json_t *containers, json_t *images)
{
	json_t *v;
	size_t i;
	if (json_is_array(containers)) {
		d->containers_known = true;
		d->containers = json_array_size(containers);
		d->containers_running = 0;
		d->tasks_known = true;
		d->ntasks = 0;
		json_array_foreach(containers, i, v) {
			d->containers_running += str_eq(jstr(v, "State"), "running");
			d->ntasks += json_object_get(json_object_get(v, "Labels"),
			                             "com.docker.swarm.service.id") != NULL;
		}
	}
	/* Unused images need the containers: without them every image would count. */
	if (json_is_array(images) && json_is_array(containers)) {
		size_t nids;
		const char **ids = used_ids(containers, &nids);
		d->images_known = true;
		d->images = json_array_size(images);
		d->images_unused = 0;
		json_array_foreach(images, i, v) {
			const char *id = jstr(v, "Id");
			d->images_unused += !id || !bsearch(&id, ids, nids, sizeof *ids, cmp_str);
		}
		free(ids);
	}
}

void dswarm_spec(struct daemon *d, json_t *cluster)
{
	json_t *spec = json_object_get(cluster, "Spec"), *exp;
	if (!json_is_object(spec))
		return;
	d->swarm_spec = true;
	d->autolock = json_is_true(json_object_get(json_object_get(spec, "EncryptionConfig"),
	                                           "AutoLockManagers"));
	exp = json_object_get(json_object_get(spec, "CAConfig"), "NodeCertExpiry");
	d->node_cert_expiry = json_is_integer(exp) ? (int64_t)json_integer_value(exp) : 0;
}

static void count_managers(struct daemon *d, json_t *nodes)
{
	json_t *n;
	size_t i;
	if (!json_is_array(nodes))
		return;
	d->swarm_nodes = (long)json_array_size(nodes);
	d->swarm_managers = 0;
	json_array_foreach(nodes, i, n)
		d->swarm_managers += str_eq(jstr(json_object_get(n, "Spec"), "Role"), "manager");
}

static void read_networks(struct daemon *d, json_t *networks)
{
	json_t *n, *opts;
	size_t i;
	bool bridge = false;
	if (!json_is_array(networks))
		return;
	d->networks_known = true;
	json_array_foreach(networks, i, n) {
		const char *name = jstr(n, "Name"), *drv = jstr(n, "Driver");
		opts = json_object_get(n, "Options");
		if (str_eq(drv, "overlay")) {
			struct d_network *o = daemon_add_overlay(d);
			o->name = xstrdup(name ? name : "");
			o->id = xstrdup(jstr(n, "Id"));
			o->encrypted = json_object_get(opts, "encrypted") != NULL;
		} else if (str_eq(name, "bridge") && str_eq(drv, "bridge")) {
			/* The default bridge says what icc it was created with: what is in effect. */
			const char *icc = jstr(opts, "com.docker.network.bridge.enable_icc");
			bridge = true;
			if (icc) {
				char *o = xasprintf("the default bridge network has option "
				                    "com.docker.network.bridge.enable_icc \"%s\"", icc);
				dengine_value(d, "icc", icc, o);
				free(o);
			}
		}
	}
	d->no_default_bridge = !bridge;
}

void daemon_add_swarm(struct daemon *d, json_t *swarm, json_t *nodes, json_t *networks,
                      json_t *secrets)
{
	if (json_is_object(swarm) && jstr(swarm, "ID") && *jstr(swarm, "ID"))
		d->swarm_active = true;
	dswarm_spec(d, swarm);
	count_managers(d, nodes);
	read_networks(d, networks);
	if (json_is_array(secrets)) {
		d->secrets_known = true;
		d->nsecrets = json_array_size(secrets);
	}
	daemon_derive(d);
}

void daemon_add_services(struct daemon *d, json_t *services)
{
	if (!json_is_array(services))
		return;
	d->services_known = true;
	d->nservices = json_array_size(services);
}
