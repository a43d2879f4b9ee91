/* The named volumes the plugin has seen created: a create request names only a volume, and a
 * local volume can bind any host path. The plugin has no engine client, so it learns each
 * volume from the traffic it authorizes: a volume.create request that binds a host path is
 * recorded at once (before the engine acts on it), and the engine's answer to volume.create
 * (the AuthZRes body: Name, Driver, Options) records what the volume really is, also when the
 * name already existed and the engine kept its old options. A volume removed through the
 * engine is forgotten. Memory is bounded: past VOL_MAX names the oldest is forgotten, which
 * makes it unknown, and an unknown volume is denied. */
#include "authz/authz_int.h"
#include "model/cspec.h"
#include "util/util.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define VOL_MAX 65536

struct vol { char *name, *device; bool ro; };

struct authz_volumes {
	pthread_mutex_t mu;
	struct vol *v; size_t n, cap;     /* oldest first */
};

struct authz_volumes *authz_volumes_new(void)
{
	struct authz_volumes *t = xcalloc(1, sizeof *t);
	pthread_mutex_init(&t->mu, NULL);
	return t;
}

static void vol_free(struct vol *v)
{
	free(v->name);
	free(v->device);
}

void authz_volumes_free(struct authz_volumes *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		vol_free(&t->v[i]);
	free(t->v);
	pthread_mutex_destroy(&t->mu);
	free(t);
}

static long find(const struct authz_volumes *t, const char *name)
{
	for (size_t i = t->n; i-- > 0;)
		if (!strcmp(t->v[i].name, name))
			return (long)i;
	return -1;
}

static void drop(struct authz_volumes *t, size_t i)
{
	vol_free(&t->v[i]);
	memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
	t->n--;
}

void authz_volumes_set(struct authz_volumes *t, const char *name, const char *device, bool ro)
{
	if (!t || !name || !*name)
		return;
	pthread_mutex_lock(&t->mu);
	long i = find(t, name);
	if (i >= 0)
		drop(t, (size_t)i);
	if (t->n == VOL_MAX)
		drop(t, 0);
	GROW(t->v, t->cap, t->n);
	t->v[t->n++] = (struct vol){ xstrdup(name), xstrdup(device), ro };
	pthread_mutex_unlock(&t->mu);
}

void authz_volumes_forget(struct authz_volumes *t, const char *name)
{
	if (!t || !name)
		return;
	pthread_mutex_lock(&t->mu);
	long i = find(t, name);
	if (i >= 0)
		drop(t, (size_t)i);
	pthread_mutex_unlock(&t->mu);
}

int authz_volumes_get(struct authz_volumes *t, const char *name, char **device, bool *ro)
{
	int r = -1;
	*device = NULL;
	if (!t || !name)
		return -1;
	pthread_mutex_lock(&t->mu);
	long i = find(t, name);
	if (i >= 0) {
		*device = xstrdup(t->v[i].device);
		*ro = t->v[i].ro;
		r = *device != NULL;
	}
	pthread_mutex_unlock(&t->mu);
	return r;
}

/* A volume.create body or the engine's volume answer: {Name, Driver, DriverOpts | Options}. */
static void record(struct authz_volumes *t, json_t *vol, const char *opts_key, bool binds_only)
{
	json_t *opts = json_object_get(vol, opts_key);
	const char *name = json_string_value(json_object_get(vol, "Name"));
	bool ro = false;
	const char *dev = cs_volume_bind(json_string_value(json_object_get(vol, "Driver")),
	                                 json_string_value(json_object_get(opts, "o")),
	                                 json_string_value(json_object_get(opts, "device")), &ro);
	if (dev || !binds_only)
		authz_volumes_set(t, name, dev, ro);
}

void authz_volumes_request(struct authz_volumes *t, const char *action, const char *target,
                           json_t *body)
{
	if (!strcmp(action, "volume.create"))
		record(t, body, "DriverOpts", true);
	else if (!strcmp(action, "volume.delete"))
		authz_volumes_forget(t, target);
}

void authz_volumes_response(struct authz_volumes *t, const char *res, size_t len)
{
	/* Every response comes here, list answers of megabytes too: parse only what may be one. */
	json_t *r = t && memmem(res, len, "/volumes/create", 15) ? json_loadb(res, len, 0, NULL)
	                                                         : NULL;
	const char *m = json_string_value(json_object_get(r, "RequestMethod"));
	const char *uri = json_string_value(json_object_get(r, "RequestUri"));
	const char *b64 = json_string_value(json_object_get(r, "ResponseBody"));
	json_int_t status = json_integer_value(json_object_get(r, "ResponseStatusCode"));
	struct authz_action a = { 0 };
	if (!uri)
		uri = json_string_value(json_object_get(r, "RequestURI"));
	char *path = uri ? xstrndup(uri, strcspn(uri, "?")) : NULL;
	const char *p = path;
	if (p && p[0] == '/' && p[1] == 'v' && p[2] >= '0' && p[2] <= '9' && strchr(p + 1, '/'))
		p = strchr(p + 1, '/');   /* "/v1.43/volumes/create" */
	if (m && b64 && status >= 200 && status < 300 && authz_classify(m, p, NULL, &a) &&
	    !strcmp(a.name, "volume.create")) {
		size_t n = 0;
		unsigned char *body = authz_b64_decode(b64, strlen(b64), &n);
		json_t *vol = body ? json_loadb((const char *)body, n, 0, NULL) : NULL;
		if (json_is_object(vol))
			record(t, vol, "Options", false);
		json_decref(vol);
		free(body);
	}
	authz_action_free(&a);
	free(path);
	json_decref(r);
}
