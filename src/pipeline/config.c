#include "pipeline/config.h"
#include "collect/input.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/yaml.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *config_find(void)
{
	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof dir))
		return NULL;
	for (int depth = 0; depth < 64; depth++) {
		char *p = xasprintf("%s/.bulwark.yaml", strcmp(dir, "/") ? dir : "");
		if (access(p, F_OK) == 0)
			return p;
		free(p);
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	return NULL;
}

/* Lines as libfyaml's document API gave them: a scalar's own line, 0 for a collection. */
static bool bad(struct findings *out, const char *path, const struct ynode *n, const char *what)
{
	findings_error(out, path, y_scalar_line(n), "%s", what);
	return false;
}

static bool valid_date(const char *s)
{
	int y, m, d;
	char tail;
	return s && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= 31;
}

static void load_paths(struct cfg_ignore *ig, const struct ynode *p)
{
	if (y_scalar(p)) {
		ig->paths = xcalloc(1, sizeof *ig->paths);
		ig->paths[ig->npaths++] = xstrdup(y_scalar(p));
	} else if (p && p->kind == Y_SEQ) {
		ig->paths = xcalloc(p->n + 1, sizeof *ig->paths);
		for (size_t i = 0; i < p->n; i++)
			if (y_scalar(p->items[i]))
				ig->paths[ig->npaths++] = xstrdup(y_scalar(p->items[i]));
	}
}

static bool load_ignore(struct config *c, const struct ynode *n, struct findings *out)
{
	GROW(c->ignores, c->cap_ignores, c->nignores);
	struct cfg_ignore *ig = &c->ignores[c->nignores++];
	memset(ig, 0, sizeof *ig);
	ig->line = y_scalar_line(n);
	if (y_scalar(n)) {
		ig->rule = xstrdup(y_scalar(n));
	} else if (n->kind == Y_MAP) {
		const struct ynode *r = y_get(n, "rule"), *e = y_get(n, "expires");
		ig->line = y_scalar_line(r);
		ig->rule = xstrdup(y_scalar(r));
		ig->reason = xstrdup(y_scalar(y_get(n, "reason")));
		ig->expires = xstrdup(y_scalar(e));
		if (e && !valid_date(ig->expires))
			return bad(out, c->path, e, "ignore: expires must be a date YYYY-MM-DD");
		load_paths(ig, y_get(n, "paths"));
	}
	if (!ig->rule)
		return bad(out, c->path, n, "ignore: each entry needs a rule id");
	if (!rule_find(ig->rule) && !str_ieq(ig->rule, "all"))
		return bad(out, c->path, n, "ignore: unknown rule id");
	return true;
}

static bool load_severities(struct config *c, const struct ynode *m, struct findings *out)
{
	if (m->kind != Y_MAP)
		return bad(out, c->path, m, "severity: expected a mapping of rule id to severity");
	for (size_t i = 0; i < m->n; i++) {
		const struct ypair *pr = &m->pairs[i];
		int sev = severity_parse(y_scalar(pr->val));
		if (!rule_find(pr->key)) {
			findings_error(out, c->path, pr->kline, "severity: unknown rule id");
			return false;
		}
		if (sev < 0)
			return bad(out, c->path, pr->val,
			           "severity: expected critical, high, medium, low or info");
		GROW(c->sevs, c->cap_sevs, c->nsevs);
		c->sevs[c->nsevs].rule = xstrdup(pr->key);
		c->sevs[c->nsevs++].severity = (enum severity)sev;
	}
	return true;
}

static bool load_root(struct config *c, const struct ynode *root, struct findings *out)
{
	const struct ynode *n;
	if (root->kind != Y_MAP)
		return bad(out, c->path, root, "expected a mapping at the top level");
	if ((n = y_get(root, "fail-on"))) {
		c->fail_on = severity_parse(y_scalar(n));
		if (c->fail_on < 0)
			return bad(out, c->path, n, "fail-on: expected critical, high, medium, low or info");
	}
	if ((n = y_get(root, "ignore"))) {
		if (n->kind != Y_SEQ)
			return bad(out, c->path, n, "ignore: expected a list");
		for (size_t i = 0; i < n->n; i++)
			if (!load_ignore(c, n->items[i], out))
				return false;
	}
	if ((n = y_get(root, "severity")))
		return load_severities(c, n, out);
	return true;
}

/* Absolute directory of path, without resolving symlinks (paths in findings don't either). */
static char *abs_dir(const char *path)
{
	char cwd[PATH_MAX];
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (dir[0] == '/' || !getcwd(cwd, sizeof cwd))
		return dir;
	char *abs = xasprintf("%s/%s", cwd, dir);
	free(dir);
	return abs;
}

/* The finding's path relative to the config's directory, or as given when outside it. */
static const char *rel_to(const char *dir, const char *path, char *buf, size_t n)
{
	char cwd[PATH_MAX];
	size_t k;
	if (path[0] == '/')
		snprintf(buf, n, "%s", path);
	else if (getcwd(cwd, sizeof cwd))
		snprintf(buf, n, "%s/%s", cwd, path);
	else
		return path;
	/* fold "/./" and a trailing "/." so "cwd/./x" and "dir/." compare equal */
	for (char *p; (p = strstr(buf, "/./"));)
		memmove(p, p + 2, strlen(p + 2) + 1);
	char d[PATH_MAX];
	snprintf(d, sizeof d, "%s", dir);
	k = strlen(d);
	if (k >= 2 && strcmp(d + k - 2, "/.") == 0)
		d[k -= 2] = '\0';
	return strncmp(buf, d, k) == 0 && buf[k] == '/' ? buf + k + 1 : path;
}

struct config *config_parse(const char *path, const char *text, size_t len,
                            struct findings *out)
{
	struct ynode *doc = input_yaml_doc(path, text, len, out);
	struct config *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->dir = abs_dir(path);
	c->fail_on = -1;
	bool ok = doc && load_root(c, doc, out);
	y_free(doc);
	if (!ok) {
		config_free(c);
		return NULL;
	}
	return c;
}

struct config *config_load(const char *path, struct findings *out)
{
	char *text;
	size_t len;
	if (!input_read(path, &text, &len, out))
		return NULL;
	struct config *c = config_parse(path, text, len, out);
	free(text);
	return c;
}

static bool path_matches(const struct config *c, const struct cfg_ignore *ig, const char *path)
{
	char buf[PATH_MAX * 2];
	if (!ig->npaths)
		return true;
	if (!path)
		return false;
	path = rel_to(c->dir, path, buf, sizeof buf);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (size_t i = 0; i < ig->npaths; i++)
		if (glob_match(ig->paths[i], path))
			return true;
	return false;
}

void config_apply(const struct config *c, struct findings *out, const char *today)
{
	for (size_t i = 0; i < out->n; i++)
		for (size_t j = 0; j < c->nsevs; j++)
			if (rule_matches(out->v[i].rule, c->sevs[j].rule))
				out->v[i].severity = c->sevs[j].severity;
	for (size_t j = 0; j < c->nignores; j++) {
		const struct cfg_ignore *ig = &c->ignores[j];
		if (ig->expires && strcmp(today, ig->expires) > 0) {
			findings_warn(out, c->path, ig->line,
			              "suppression of %s expired on %s and no longer applies",
			              ig->rule, ig->expires);
			continue;
		}
		for (size_t i = 0; i < out->n; i++) {
			struct finding *f = &out->v[i];
			if (f->suppressed || !path_matches(c, ig, f->path))
				continue;
			if (!rule_matches(f->rule, ig->rule) && !str_ieq(ig->rule, "all"))
				continue;
			f->suppressed = true;
			f->suppress_source = xstrdup("config");
			f->suppress_reason = xstrdup(ig->reason);
		}
	}
}

void config_free(struct config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nignores; i++) {
		free(c->ignores[i].rule);
		for (size_t k = 0; k < c->ignores[i].npaths; k++)
			free(c->ignores[i].paths[k]);
		free(c->ignores[i].paths);
		free(c->ignores[i].reason);
		free(c->ignores[i].expires);
	}
	for (size_t i = 0; i < c->nsevs; i++)
		free(c->sevs[i].rule);
	free(c->ignores);
	free(c->sevs);
	free(c->path);
	free(c->dir);
	free(c);
}
