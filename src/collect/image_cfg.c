/* GET /images/{id}/json becomes the image config model. */
#include "collect/image_cfg.h"
#include "util/util.h"
#include <string.h>

static char **str_list(json_t *arr, size_t *n)
{
	size_t i;
	json_t *v;
	char **out = xcalloc(json_array_size(arr) + 1, sizeof *out);
	*n = 0;
	json_array_foreach(arr, i, v)
		if (json_is_string(v))
			out[(*n)++] = xstrdup(json_string_value(v));
	return out;
}

static char **key_list(json_t *obj, size_t *n)
{
	const char *k;
	json_t *v;
	char **out = xcalloc(json_object_size(obj) + 1, sizeof *out);
	*n = 0;
	json_object_foreach(obj, k, v)
		out[(*n)++] = xstrdup(k);
	return out;
}

/* The name an operator knows: a repo tag, else the short id (12 hex digits). */
static char *ref_of(json_t *j, const char *id)
{
	const char *tag = json_string_value(json_array_get(json_object_get(j, "RepoTags"), 0));
	if (tag && strcmp(tag, "<none>:<none>") != 0)
		return xstrdup(tag);
	if (id && str_prefix(id, "sha256:"))
		id += 7;
	return id ? xstrndup(id, strnlen(id, 12)) : xstrdup("?");
}

/* history[].created_by, oldest first (an image config file: the OCI config or docker save's). */
void image_cfg_set_history(struct image_cfg *im, json_t *history)
{
	size_t i;
	json_t *h;
	im->history = xcalloc(json_array_size(history) + 1, sizeof *im->history);
	json_array_foreach(history, i, h) {
		const char *c = json_string_value(json_object_get(h, "created_by"));
		im->history[im->nhistory++] = xstrdup(c ? c : "");
	}
}

struct image_cfg *image_cfg_from_inspect(json_t *j)
{
	if (!json_is_object(j))
		return NULL;
	struct image_cfg *im = xcalloc(1, sizeof *im);
	/* an image config file has "config" where the engine's inspect has "Config" */
	json_t *cfg = json_object_get(j, "Config") ? json_object_get(j, "Config")
	                                           : json_object_get(j, "config");
	const char *id = json_string_value(json_object_get(j, "Id"));
	const char *user = json_string_value(json_object_get(cfg, "User"));
	json_t *test = json_object_get(json_object_get(cfg, "Healthcheck"), "Test");
	const char *first = json_string_value(json_array_get(test, 0));
	im->id = xstrdup(id);
	im->ref = ref_of(j, id);
	im->user = xstrdup(user);
	im->healthcheck = first && strcmp(first, "NONE") != 0;
	im->healthcheck_disabled = first && !strcmp(first, "NONE");
	im->env = str_list(json_object_get(cfg, "Env"), &im->nenv);
	im->ports = key_list(json_object_get(cfg, "ExposedPorts"), &im->nports);
	im->volumes = key_list(json_object_get(cfg, "Volumes"), &im->nvolumes);
	im->labels = key_list(json_object_get(cfg, "Labels"), &im->nlabels);
	return im;
}
