#include "collect/discover.h"
#include "util/util.h"
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 64

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static bool yaml_ext(const char *s)
{
	return str_suffix(s, ".yaml") || str_suffix(s, ".yml");
}

enum input_kind input_kind_of(const char *path)
{
	const char *b = base(path);
	/* Case matters: "dockerfile.c" is source code, "Dockerfile.prod" is a Dockerfile. */
	if (str_eq(b, "Dockerfile") || str_eq(b, "Containerfile") || str_prefix(b, "Dockerfile.") ||
	    str_suffix(b, ".Dockerfile") || str_suffix(b, ".dockerfile") ||
	    str_prefix(b, "Containerfile."))
		return IK_DOCKERFILE;
	if (yaml_ext(b) && (str_prefix(b, "compose.override.") ||
	                    str_prefix(b, "docker-compose.override.")))
		return IK_COMPOSE_OVERRIDE;
	if (yaml_ext(b) && (str_prefix(b, "compose.") || str_prefix(b, "docker-compose")))
		return IK_COMPOSE;
	return IK_NONE;
}

/* Whether a line starts with key and a colon, at the first column: a top-level key. */
static bool top_key(const char *line, size_t n, const char *key)
{
	size_t k = strlen(key);
	return n > k && !memcmp(line, key, k) && line[k] == ':';
}

bool k8s_manifest(const char *text, size_t len)
{
	bool api = false, kind = false;
	for (const char *p = text, *e = text + len, *nl; p < e; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl)
			nl = e;
		size_t n = (size_t)(nl - p);
		if (top_key(p, n, "services"))
			return false;
		api |= top_key(p, n, "apiVersion");
		kind |= top_key(p, n, "kind");
	}
	return api && kind;
}

struct ignore_pats { char **v; size_t n, cap; };

static void load_ignores(const char *dir, struct ignore_pats *ip)
{
	char *p = xasprintf("%s/.bulwarkignore", dir);
	FILE *fp = fopen(p, "r");
	char line[4096];
	free(p);
	if (!fp)
		return;
	while (fgets(line, sizeof line, fp) && ip->n < 10000) {
		char *s = str_trim(line);
		if (!*s || *s == '#')
			continue;
		size_t n = strlen(s);
		if (n > 1 && s[n - 1] == '/')
			s[n - 1] = '\0';
		GROW(ip->v, ip->cap, ip->n);
		ip->v[ip->n++] = xstrdup(s[0] == '/' ? s + 1 : s);
	}
	fclose(fp);
}

/* gitignore-like: a pattern with a slash matches the relative path, one without the basename. */
static bool ignored(const struct ignore_pats *ip, const char *rel)
{
	for (size_t i = 0; i < ip->n; i++) {
		const char *pat = ip->v[i];
		if (strchr(pat, '/') ? glob_match(pat, rel) : fnmatch(pat, base(rel), 0) == 0)
			return true;
	}
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path, const char *rel, int depth, const struct ignore_pats *ip,
                 struct found_list *out, struct findings *errs)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	if (!d) {
		findings_error(errs, path, 0, "cannot read directory: %s", strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		if (str_eq(e->d_name, ".") || str_eq(e->d_name, "..") || str_eq(e->d_name, ".git"))
			continue;
		GROW(names, cap, n);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)   /* an empty directory: names is still NULL, which qsort must not get */
		qsort(names, n, sizeof *names, cmp_name);
	for (size_t i = 0; i < n; i++) {
		/* "./Dockerfile" reads worse than "Dockerfile" and is the same file */
		char *p = str_eq(path, ".") ? xstrdup(names[i]) : xasprintf("%s/%s", path, names[i]);
		char *r = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		struct stat st;
		enum input_kind k;
		if (ignored(ip, r) || lstat(p, &st) != 0) {
			/* skipped, or vanished while walking */
		} else if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
			walk(p, r, depth + 1, ip, out, errs);
		} else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
		           (k = input_kind_of(names[i])) != IK_NONE) {
			GROW(out->v, out->cap, out->n);
			out->v[out->n].path = p;
			out->v[out->n++].kind = k;
			p = NULL;
		}
		free(p);
		free(r);
		free(names[i]);
	}
	free(names);
}

void discover(const char *dir, struct found_list *out, struct findings *errs)
{
	struct ignore_pats ip = { 0 };
	size_t n = strlen(dir);
	char *root = xstrndup(dir, n > 1 && dir[n - 1] == '/' ? n - 1 : n);
	load_ignores(root, &ip);
	walk(root, "", 0, &ip, out, errs);
	for (size_t i = 0; i < ip.n; i++)
		free(ip.v[i]);
	free(ip.v);
	free(root);
}

void found_list_free(struct found_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof *l);
}
