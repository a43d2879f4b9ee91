/* The state every compose pass shares, at the bottom of the loader: the files of a load, the
 * node budget, and reading files under the size cap. Passes call down to it, never up. */
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
