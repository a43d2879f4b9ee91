/* Applying a loaded .bulwark.yaml to a run's findings: severity overrides, then suppressions
 * by rule and path glob, with expiry. */
#include "pipeline/config.h"
#include "rules/rule.h"
#include "util/util.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The finding's path relative to the config's directory, or as given when outside it. */
static const char *rel_to(const char *dir, const char *path, char *buf, size_t n)
{
	char cwd[PATH_MAX];
	if (path[0] == '/')
		snprintf(buf, n, "%s", path);
	else if (getcwd(cwd, sizeof cwd))
		snprintf(buf, n, "%s/%s", cwd, path);
	else
		return path;
	path_fold(buf);   /* dir is folded too: "cwd/./x", "cwd/sub/../x" compare as written */
	size_t k = strlen(dir);
	if (k == 1)
		return buf + 1;
	return strncmp(buf, dir, k) == 0 && buf[k] == '/' ? buf + k + 1 : path;
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

/* A known-vulnerability finding is also named by its vulnerability's ids. */
static bool names_vuln(const struct finding *f, const char *id)
{
	if (!f->vuln)
		return false;
	if (str_ieq(f->vuln->id, id))
		return true;
	for (size_t i = 0; i < f->vuln->naliases; i++)
		if (str_ieq(f->vuln->aliases[i], id))
			return true;
	return false;
}

static bool names(const struct finding *f, const char *id)
{
	return str_ieq(id, "all") || rule_matches(f->rule, id) || names_vuln(f, id);
}

static void suppress(struct finding *f, const char *source, const char *reason)
{
	f->suppressed = true;
	f->suppress_source = xstrdup(source);
	f->suppress_reason = reason ? xstrdup(reason) : NULL;
}

void config_apply_ignore_ids(char *const *ids, size_t n, struct findings *out)
{
	for (size_t k = 0; k < n; k++) {
		char *list = xstrdup(ids[k]), *save = NULL;
		for (char *id = strtok_r(list, ",", &save); id; id = strtok_r(NULL, ",", &save))
			for (size_t i = 0; i < out->n; i++)
				if (!out->v[i].suppressed && names(&out->v[i], id))
					suppress(&out->v[i], "option", "--ignore");
		free(list);
	}
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
			if (names(f, ig->rule))
				suppress(f, "config", ig->reason);
		}
	}
}

