#include "rules/image/i_util.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

void i_report(struct findings *out, const struct rule *self, const struct image_cfg *im,
              const struct img_file *f, int line, const char *evidence, const char *what)
{
	const struct img_layer *l = f->layer < im->fs->nlayers ? &im->fs->layers[f->layer] : NULL;
	const char *digest = l ? (l->diff_id ? l->diff_id : l->digest) : NULL;
	if (f->visible)
		finding_add(out, self, (struct loc){ f->path, line }, evidence, "%s", what);
	else
		finding_add(out, self, (struct loc){ f->path, line }, evidence,
		            "%s (deleted in layer %zu, still in layer %zu)", what, f->hidden_by,
		            f->layer);
	finding_set_layer(out, f->layer, digest, f->visible, f->hidden_by,
	                  l ? l->created_by : NULL);
}

const char *i_base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

bool i_path_ends(const char *path, const char *tail)
{
	size_t n = strlen(path), k = strlen(tail);
	return n >= k && !strcmp(path + n - k, tail) && (n == k || path[n - k - 1] == '/');
}
