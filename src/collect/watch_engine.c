#include "collect/watch_engine.h"
#include "collect/engine.h"
#include "util/digest.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

int watch_engine_list(struct engine *e, struct watch_ctrs *out, char **err)
{
	json_t *arr = NULL;
	int st = engine_get(e, "/containers/json", &arr, err);
	if (st != 200 || !json_is_array(arr)) {
		if (st == 200)
			*err = xstrdup("GET /containers/json: not a JSON array");
		json_decref(arr);
		return -1;
	}
	size_t i;
	json_t *c;
	json_array_foreach(arr, i, c) {
		const char *id = jstr(c, "Id"), *iid = jstr(c, "ImageID");
		const char *name = json_string_value(json_array_get(json_object_get(c, "Names"), 0));
		if (!sha256_hex_valid(id) || !iid || !*iid)
			continue;
		GROW(out->v, out->cap, out->n);
		struct watch_ctr *w = &out->v[out->n++];
		w->id = xstrdup(id);
		w->name = xstrdup(name ? name + (*name == '/') : id);
		w->image = xstrdup(jstr(c, "Image") ? jstr(c, "Image") : iid);
		w->image_id = xstrdup(iid);
	}
	json_decref(arr);
	return 0;
}

void watch_ctrs_free(struct watch_ctrs *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].name);
		free(c->v[i].image);
		free(c->v[i].image_id);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

int watch_engine_exec(struct engine *e, const char *exec_id, struct watch_exec_info *x,
                      char **err)
{
	memset(x, 0, sizeof *x);
	if (!exec_id || strspn(exec_id, "0123456789abcdef") != strlen(exec_id) || !*exec_id) {
		*err = xstrdup("exec event without an exec id");
		return -1;
	}
	char *path = xasprintf("/exec/%s/json", exec_id);
	json_t *o = NULL;
	int st = engine_get(e, path, &o, err);
	free(path);
	if (st != 200 || !json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	json_t *pc = json_object_get(o, "ProcessConfig");
	x->tty = json_is_true(json_object_get(pc, "tty"));
	x->stdin_open = json_is_true(json_object_get(o, "OpenStdin"));
	const char *user = jstr(pc, "user");
	if (user && *user) {
		x->user = xstrdup(user);
	} else if (sha256_hex_valid(jstr(o, "ContainerID"))) {
		path = xasprintf("/containers/%s/json", jstr(o, "ContainerID"));
		json_t *c = NULL;
		st = engine_get(e, path, &c, err);
		free(path);
		if (st == 200) {
			const char *cu = jstr(json_object_get(c, "Config"), "User");
			x->user = xstrdup(cu ? cu : "");
		}
		json_decref(c);
		if (st != 200) {
			json_decref(o);
			return -1;
		}
	}
	json_decref(o);
	if (!x->user)
		x->user = xstrdup("");
	return 0;
}
