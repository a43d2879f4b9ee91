/* One compose file's YAML root: parsed through the generic YAML reader (util/yaml.c), whose
 * problems become errors on the file and whose nodes are charged to the load's budget, then
 * interpolated and checked for shape; its documents merge in order. */
#include "collect/compose_int.h"
#include <stdlib.h>

struct where { struct cctx *cx; int file; };

static void report(void *u, int line, const char *msg)
{
	const struct where *w = u;
	findings_error(w->cx->out, cx_path(w->cx, w->file), line, "invalid YAML: %s", msg);
}

bool y_parse(struct cctx *cx, int file, const char *text, size_t len,
             struct ynode ***docs, size_t *ndocs)
{
	struct where w = { cx, file };
	struct yread r = { .budget = &cx->b, .file = file, .error = report, .u = &w };
	return yaml_parse(&r, text, len, docs, ndocs);
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
