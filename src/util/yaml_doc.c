/* One document of a small YAML file (the config, a policy) as a tree, where anything the reader
 * finds wrong, a duplicate key included, makes the file invalid: its first problem is kept. */
#include "util/yaml.h"
#include "util/util.h"
#include <stdlib.h>

struct first { int line; char *msg; };

static void keep_first(void *u, int line, const char *msg)
{
	struct first *f = u;
	if (f->msg)
		return;
	f->line = line;
	f->msg = xstrdup(msg);
}

struct ynode *yaml_load_doc(const char *text, size_t len, int *line, char **msg)
{
	struct ybudget budget = { 0 };
	struct first f = { 0, NULL };
	struct yread r = { .budget = &budget, .first_doc = true, .error = keep_first, .u = &f };
	struct ynode **docs = NULL, *root = NULL;
	size_t ndocs = 0;
	bool ok = yaml_parse(&r, text, len, &docs, &ndocs);
	for (size_t i = 0; i < ndocs; i++) {
		if (ok && !f.msg && !root)
			root = docs[i];
		else
			y_free(docs[i]);
	}
	free(docs);
	*line = f.line;
	*msg = f.msg;
	return root;
}
