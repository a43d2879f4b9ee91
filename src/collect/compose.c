/* compose_load: parse each file, interpolate, resolve extends, merge the files in order and map
 * each service to a cspec. The passes live in compose_*.c. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cx_path(const struct cctx *cx, int file)
{
	return file >= 0 && (size_t)file < cx->p->npaths ? cx->p->paths[file] : NULL;
}

/* -1 when the load already references too many files. */
int cx_add_path(struct cctx *cx, const char *path, const char *basedir)
{
	for (size_t i = 0; i < cx->p->npaths; i++)
		if (strcmp(cx->p->paths[i], path) == 0)
			return (int)i;
	if (cx->p->npaths >= COMPOSE_MAX_PATHS)
		return -1;
	GROW(cx->p->paths, cx->cap_paths, cx->p->npaths);
	GROW(cx->basedirs, cx->cap_dirs, cx->p->npaths);
	cx->p->paths[cx->p->npaths] = xstrdup(path);
	cx->basedirs[cx->p->npaths] = xstrdup(basedir);
	return (int)cx->p->npaths++;
}

void cx_budget_check(struct cctx *cx, int file, int line)
{
	if (!cx->b.exceeded || cx->budget_reported)
		return;
	cx->budget_reported = true;
	findings_error(cx->out, cx_path(cx, file), line,
	               "compose model too large after alias and extends expansion; output truncated");
}

char *read_capped(const char *path, size_t max, size_t *len, int *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;
	*err = 0;
	if (!f) {
		*err = errno;
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			*err = EFBIG;
			break;
		}
		buf_add(&b, chunk, n);
	}
	if (!*err && ferror(f))
		*err = errno ? errno : EIO;
	fclose(f);
	if (*err) {
		free(b.s);
		return NULL;
	}
	*len = b.len;
	return buf_take(&b);
}

char *path_dir(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir || !*dir)
		return xstrdup(rel);
	return xasprintf("%s%s%s", dir, str_suffix(dir, "/") ? "" : "/", rel);
}

/* Drops what cannot be a service so later passes can trust the shape. */
static void check_services(struct cctx *cx, int file, struct ynode *root)
{
	struct ynode *svcs = y_get(root, "services");
	if (!svcs)
		return;
	if (svcs->kind != Y_MAP) {
		if (svcs->kind != Y_NULL)
			findings_error(cx->out, cx_path(cx, file), svcs->line,
			               "services: expected a mapping");
		y_free(y_take(root, "services"));
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < svcs->n; i++) {
		struct ypair *pr = &svcs->pairs[i];
		if (pr->val->kind == Y_MAP) {
			svcs->pairs[k++] = *pr;
			continue;
		}
		findings_error(cx->out, cx_path(cx, file), pr->val->line,
		               "services.%s: expected a mapping", pr->key);
		free(pr->key);
		y_free(pr->val);
	}
	svcs->n = k;
}

static struct ynode *check_doc(struct cctx *cx, int file, struct ynode *doc)
{
	if (doc->kind == Y_NULL) {
		doc->kind = Y_MAP;
		free(doc->s);
		doc->s = NULL;
		return doc;
	}
	if (doc->kind != Y_MAP) {
		findings_error(cx->out, cx_path(cx, file), doc->line,
		               "top-level object must be a mapping");
		y_free(doc);
		return NULL;
	}
	check_services(cx, file, doc);
	return doc;
}

/* Parse, interpolate and check one file; its documents merge in order. NULL: unusable. */
struct ynode *load_file_root(struct cctx *cx, int file, const char *text, size_t len)
{
	struct ynode **docs, *root = NULL;
	size_t ndocs;
	struct ybudget saved = cx->b;
	if (!y_parse(cx, file, text, len, &docs, &ndocs)) {
		cx->b = saved;   /* its nodes are gone: let the other files load */
		return NULL;
	}
	for (size_t i = 0; i < ndocs; i++) {
		interp_doc(cx, file, docs[i]);
		struct ynode *d = check_doc(cx, file, docs[i]);
		if (d)
			root = root ? merge_top(cx, root, d) : d;
	}
	free(docs);
	if (!root && ndocs == 0)
		root = y_new(&cx->b, Y_MAP, file, 1);
	return root;
}

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

static void build_services(struct cctx *cx, struct ynode *root)
{
	struct ynode *svcs = y_get(root, "services");
	struct compose_project *p = cx->p;
	if (!svcs || svcs->kind != Y_MAP)
		return;
	p->services = xcalloc(svcs->n, sizeof *p->services);
	for (size_t i = 0; i < svcs->n; i++)
		if (svcs->pairs[i].val->kind == Y_MAP)
			p->services[p->nservices++] =
				service_to_cspec(cx, svcs->pairs[i].key, svcs->pairs[i].val);
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
