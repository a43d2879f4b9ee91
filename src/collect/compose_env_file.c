/* env_file: files of KEY=VALUE lines read into a service's environment, each file once per load. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static void env_entries(struct svc *s, const struct envcache *e)
{
	struct cctx *cx = s->cx;
	for (size_t i = 0; i < e->env.n; i++) {
		const struct denv *d = &e->env.v[i];
		if (!y_charge(&cx->b, 1, strlen(d->key) + (d->val ? strlen(d->val) : 0))) {
			cx_budget_check(cx, e->file, d->line);
			return;
		}
		svc_env_set(s, d->key, d->val, false, (struct loc){ cx_path(cx, e->file), d->line });
	}
}

static const struct envcache *env_load(struct svc *s, const struct ynode *at, const char *rel,
                                       bool required)
{
	struct cctx *cx = s->cx;
	char *path = path_join(cx->basedirs[at->file], rel), *dir, *t;
	const struct envcache *r = NULL;
	size_t len;
	int err, file;
	for (size_t i = 0; i < cx->nenvs; i++)
		if (str_eq(cx_path(cx, cx->envs[i].file), path)) {
			free(path);
			return &cx->envs[i];
		}
	t = read_capped(path, COMPOSE_MAX_FILE, &len, &err);
	dir = path_dir(path);
	file = t ? cx_add_path(cx, path, dir) : -1;
	if (file >= 0) {
		GROW(cx->envs, cx->cap_envs, cx->nenvs);
		struct envcache *e = &cx->envs[cx->nenvs++];
		memset(e, 0, sizeof *e);
		e->file = file;
		dotenv_parse(&e->env, t, len, cx);
		r = e;
	} else if (required) {
		findings_warn(cx->out, cx_path(cx, at->file), at->line,
		              "services.%s.env_file: cannot read %s: %s", s->name, path,
		              t ? "too many files" : strerror(err));
	}
	free(t);
	free(dir);
	free(path);
	return r;
}

static void env_file(struct svc *s, const char *key, struct ynode *it)
{
	const char *rel = y_text(it), *req = NULL;
	bool required = true;
	if (it->kind == Y_MAP) {
		rel = y_key_text(it, "path");
		req = y_key_text(it, "required");
	}
	if (!rel || (req && !parse_bool(req, &required))) {
		svc_type_err(s, key, it, "a path or a mapping with `path`");
		return;
	}
	const struct envcache *e = env_load(s, it, rel, required);
	if (e)
		env_entries(s, e);
}

void svc_env_file(struct svc *s, struct ynode *v)
{
	if (v->kind == Y_STR)
		env_file(s, "env_file", v);
	else
		svc_each(s, "env_file", v, env_file);
}
