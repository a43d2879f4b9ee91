/* Compose files through the generic YAML reader (util/yaml.c): its problems become errors on
 * the file, and the nodes are charged to the load's budget. */
#include "collect/compose_int.h"

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
