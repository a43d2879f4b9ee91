/* Include's glob, expanded below the host root: one directory level at a time, wildcards
 * matched with fnmatch as glob(3) does (a leading dot only by a leading dot), the result in
 * glob(3)'s order. Directories are left out: sshd reads nothing from them. */
#include "collect/host_ssh_int.h"
#include "util/util.h"
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct gl { const struct hroot *r; char **v; size_t n, cap; };

static bool wild(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strchr("*?[", s[i]))
			return true;
	return false;
}

static void add(struct gl *g, const char *path)
{
	struct stat st;
	if (g->n >= HOST_MAX_ENTRIES || hfs_is_dir(g->r, path) || hfs_lstat(g->r, path, &st) != 0)
		return;
	GROW(g->v, g->cap, g->n);
	g->v[g->n++] = xstrdup(path);
}

/* dir: what is expanded so far ("" for the root); rest: the pattern still to go. */
static void expand(struct gl *g, const char *dir, const char *rest)
{
	rest += strspn(rest, "/");
	if (!*rest) {
		add(g, *dir ? dir : "/");
		return;
	}
	size_t len = strcspn(rest, "/");
	if (!wild(rest, len)) {
		char *next = xasprintf("%s/%.*s", dir, (int)len, rest);
		if (hfs_exists(g->r, next))
			expand(g, next, rest + len);
		free(next);
		return;
	}
	char *pat = xstrndup(rest, len);
	size_t n;
	char **names = hfs_list(g->r, *dir ? dir : "/", HOST_MAX_ENTRIES, &n);
	for (size_t i = 0; i < n && g->n < HOST_MAX_ENTRIES; i++) {
		if (fnmatch(pat, names[i], FNM_PERIOD) != 0)
			continue;
		char *next = xasprintf("%s/%s", dir, names[i]);
		if (!rest[len] || hfs_is_dir(g->r, next))
			expand(g, next, rest + len);
		free(next);
	}
	hfs_list_free(names, n);
	free(pat);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **ssh_glob(const struct hroot *r, const char *pattern, size_t *n)
{
	struct gl g = { r, NULL, 0, 0 };
	expand(&g, "", pattern);
	if (g.n)
		qsort(g.v, g.n, sizeof *g.v, cmp);
	*n = g.n;
	return g.v;
}
