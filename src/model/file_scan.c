#include "model/file_scan.h"
#include "util/util.h"
#include <stdlib.h>

void file_scan_add(struct file_scan *fs, const struct secret_kind *k, int line, char *evidence)
{
	GROW(fs->v, fs->cap, fs->n);
	fs->v[fs->n++] = (struct file_secret){ k, { fs->path, line }, evidence };
}

void file_scan_free(struct file_scan *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free(fs->v[i].evidence);
	free(fs->v);
	free(fs->path);
	fs->v = NULL;
	fs->n = fs->cap = 0;
	fs->path = NULL;
}
