/* compose_load: parse each file, interpolate, resolve extends, merge the files in order and map
 * each service to a cspec. The passes live in compose_*.c. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void load_dotenv(struct cctx *cx, const char *dir)
{
	char *path = path_join(dir, ".env");
	size_t len;
	int err;
	char *text = read_capped(path, COMPOSE_MAX_FILE, &len, &err);
	if (text)
		dotenv_parse(&cx->dotenv, text, len, cx);
	else if (err != ENOENT && err != ENOTDIR)
		findings_warn(cx->out, path, 0, "cannot read .env: %s", strerror(err));
	free(text);
	free(path);
}

static struct ynode *load_main(struct cctx *cx, const struct compose_file *f, const char *dir)
{
	const char *path = f->path ? f->path : "-";
	int file = cx_add_path(cx, path, dir);
	if (file < 0) {
		findings_error(cx->out, path, 0, "too many files in one compose project");
		return NULL;
	}
	struct ynode *r = load_file_root(cx, file, f->text ? f->text : "", f->text ? f->len : 0);
	if (!r)
		return NULL;
	struct ydoc d = { .file = file, .root = r };
	extends_resolve(cx, &d);
	free(d.state);
	return d.root;
}

/* Swarm has no network_mode: a service joins the host's network through the external network
 * named host (docker stack deploy), which the rules judge as network_mode: host. */
static void follow_networks(struct cctx *cx, struct cspec *c, const struct ynode *svc,
                            const struct ynode *top)
{
	const struct ynode *nets = y_get(svc, "networks");
	bool ext;
	if (!nets || (nets->kind != Y_MAP && nets->kind != Y_SEQ))
		return;
	for (size_t i = 0; !c->network_mode.s && i < nets->n; i++) {
		const struct ynode *at = nets->kind == Y_MAP ? nets->pairs[i].val : nets->items[i];
		const char *key = nets->kind == Y_MAP ? nets->pairs[i].key : y_text(at);
		const struct ynode *def = key ? y_get(top, key) : NULL;
		const char *name = y_key_text(def, "name");
		if (!def || !str_eq(name ? name : key, "host") ||
		    !parse_bool(y_key_text(def, "external"), &ext) || !ext)
			continue;
		c->network_mode.s = xstrdup("host");
		c->network_mode.loc = (struct loc){ cx_path(cx, at->file), at->line };
	}
}

static void build_services(struct cctx *cx, struct ynode *root)
{
	struct ynode *svcs = y_get(root, "services");
	struct compose_project *p = cx->p;
	if (!svcs || svcs->kind != Y_MAP)
		return;
	p->services = xcalloc(svcs->n, sizeof *p->services);
	for (size_t i = 0; i < svcs->n; i++)
		if (svcs->pairs[i].val->kind == Y_MAP) {
			struct cspec *c = service_to_cspec(cx, svcs->pairs[i].key, svcs->pairs[i].val);
			svc_follow_volumes(c, y_get(root, "volumes"));
			follow_networks(cx, c, svcs->pairs[i].val, y_get(root, "networks"));
			p->services[p->nservices++] = c;
		}
}

static void cx_free(struct cctx *cx)
{
	for (size_t i = 0; i < cx->p->npaths; i++)
		free(cx->basedirs[i]);
	free(cx->basedirs);
	dotenv_free(&cx->dotenv);
	for (size_t i = 0; i < cx->nxdocs; i++)
		ydoc_free(cx->xdocs[i]);
	free(cx->xdocs);
	for (size_t i = 0; i < cx->nenvs; i++)
		dotenv_free(&cx->envs[i].env);
	free(cx->envs);
	for (size_t i = 0; i < cx->nwarned; i++)
		free(cx->warned_keys[i]);
	free(cx->warned_keys);
	smap_free(&cx->warned);
}

struct compose_project *compose_load(const struct compose_file *files, size_t n,
                                     struct findings *out)
{
	struct compose_project *p = xcalloc(1, sizeof *p);
	struct cctx cx = { .p = p, .out = out };
	struct ynode *root = NULL;
	bool any = false;
	char *dir = path_dir(n ? files[0].path : NULL);
	load_dotenv(&cx, dir);
	for (size_t i = 0; i < n; i++) {
		struct ynode *r = load_main(&cx, &files[i], dir);
		if (!r)
			continue;
		any = true;
		root = root ? merge_top(&cx, root, r) : r;
	}
	if (root)
		build_services(&cx, root);
	cx_budget_check(&cx, 0, 0);
	y_free(root);
	cx_free(&cx);
	free(dir);
	if (!any && n > 0) {
		compose_free(p);
		return NULL;
	}
	return p;
}

void compose_free(struct compose_project *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nservices; i++)
		cspec_free(p->services[i]);
	free(p->services);
	for (size_t i = 0; i < p->npaths; i++)
		free(p->paths[i]);
	free(p->paths);
	free(p);
}
