/* `extends`: a service starts from a copy of another one (same file or extends.file) and its own
 * keys merge on top. Resolved per file before the files merge, as compose does. Each service is
 * resolved once; one marked "resolving" that is reached again is a cycle. */
#include "collect/compose_int.h"
#include "collect/input.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

#define EXTENDS_MAX_DEPTH 32
#define EXTENDS_MAX_FILES 32

static bool resolve(struct cctx *cx, struct ydoc *doc, size_t i, int depth);

void ydoc_free(struct ydoc *d)
{
	if (!d)
		return;
	y_free(d->root);
	free(d->state);
	free(d);
}

static struct ynode *services(struct ydoc *doc)
{
	struct ynode *s = y_get(doc->root, "services");
	if (s && s->kind == Y_MAP && doc->nstate < s->n) {
		doc->state = xrealloc(doc->state, s->n);
		memset(doc->state + doc->nstate, 0, s->n - doc->nstate);
		doc->nstate = s->n;
	}
	return s && s->kind == Y_MAP ? s : NULL;
}

static void err(struct cctx *cx, const struct ynode *at, const char *svc, const char *msg,
                const char *arg)
{
	findings_error(cx->out, cx_path(cx, at->file), at->line, "services.%s.extends: %s%s", svc,
	               msg, arg ? arg : "");
}

static struct ydoc *other_file(struct cctx *cx, const struct ynode *at, const char *svc,
                               const char *rel)
{
	char *path = path_join(cx->basedirs[at->file], rel);
	for (size_t i = 0; i < cx->nxdocs; i++)
		if (str_eq(cx_path(cx, cx->xdocs[i]->file), path)) {
			free(path);
			return cx->xdocs[i];
		}
	size_t len;
	int e;
	char *text = cx->nxdocs < EXTENDS_MAX_FILES ? read_capped(path, COMPOSE_MAX_FILE, &len, &e)
	                                            : NULL;
	if (text)
		input_mend(path, &text, &len, cx->out);
	char *dir = path_dir(path);
	int file = text ? cx_add_path(cx, path, dir) : -1;
	struct ynode *root = file >= 0 ? load_file_root(cx, file, text, len) : NULL;
	if (!text || file < 0)
		err(cx, at, svc, "cannot load ", path);
	free(text);
	free(dir);
	free(path);
	if (!root)
		return NULL;
	struct ydoc *d = xcalloc(1, sizeof *d);
	d->file = file;
	d->root = root;
	GROW(cx->xdocs, cx->cap_xdocs, cx->nxdocs);
	cx->xdocs[cx->nxdocs++] = d;
	return d;
}

static long find(struct ynode *svcs, const char *name)
{
	for (size_t i = 0; svcs && i < svcs->n; i++)
		if (str_eq(svcs->pairs[i].key, name))
			return (long)i;
	return -1;
}

/* The document and index of the base service named by `ext`, resolved; false if none. */
static bool base_of(struct cctx *cx, struct ydoc *doc, const char *svc, struct ynode *ext,
                    int depth, struct ydoc **bd, long *bi)
{
	const char *name = y_text(ext), *file = NULL;
	if (ext->kind == Y_MAP) {
		name = y_text(y_get(ext, "service"));
		file = y_text(y_get(ext, "file"));
	}
	if (!name) {
		err(cx, ext, svc, "expected a service name or a mapping with `service`", NULL);
		return false;
	}
	*bd = file ? other_file(cx, ext, svc, file) : doc;
	if (!*bd)
		return false;
	*bi = find(services(*bd), name);
	if (*bi < 0) {
		err(cx, ext, svc, "no such service: ", name);
		return false;
	}
	if ((*bd)->state[*bi] == 1) {
		err(cx, ext, svc, "circular reference to ", name);
		return false;
	}
	return resolve(cx, *bd, (size_t)*bi, depth + 1);
}

static bool resolve(struct cctx *cx, struct ydoc *doc, size_t i, int depth)
{
	struct ynode *svcs = services(doc);
	if (doc->state[i] == 2)
		return true;
	struct ypair *p = &svcs->pairs[i];
	struct ynode *ext = y_get(p->val, "extends");
	if (!ext || ext->tag == YT_RESET) {
		y_free(y_take(p->val, "extends"));
		doc->state[i] = 2;
		return true;
	}
	if (depth > EXTENDS_MAX_DEPTH) {
		err(cx, ext, p->key, "chain too long", NULL);
		return false;
	}
	doc->state[i] = 1;
	struct ydoc *bd;
	long bi;
	bool ok = base_of(cx, doc, p->key, ext, depth, &bd, &bi);
	svcs = services(doc);   /* the base may have been another file: refetch */
	p = &svcs->pairs[i];
	y_free(y_take(p->val, "extends"));
	doc->state[i] = 2;
	if (!ok)
		return true;   /* reported; keep the service as written */
	struct ynode *base = y_clone(&cx->b, services(bd)->pairs[bi].val);
	int line = p->val->line, file = p->val->file;
	p->val = merge_service(cx, p->key, base, p->val);
	p->val->line = line;
	p->val->file = file;
	cx_budget_check(cx, file, line);
	return true;
}

void extends_resolve(struct cctx *cx, struct ydoc *doc)
{
	struct ynode *svcs = services(doc);
	for (size_t i = 0; svcs && i < svcs->n; i++)
		resolve(cx, doc, i, 0);
}
