/* --format gitlab: GitLab's Code Quality report, a JSON array of issues in the Code Climate
 * shape (docs/json-schema.md has the mapping). Suppressed findings are left out:
 * the merge request widget shows what is new or still open. */
#include "report/report.h"
#include "report/report_ci.h"
#include "rules/rule.h"
#include "util/util.h"
#include <jansson.h>
#include <stdlib.h>

/* Code Quality's five levels. */
static const char *gl_severity(enum severity s)
{
	static const char *const v[] = { "info", "minor", "major", "critical", "blocker" };
	return s < SEV__COUNT ? v[s] : "info";
}

/* Fingerprints seen so far, to keep each issue's unique: GitLab folds issues that share one. */
struct seen { uint64_t *v; size_t n, cap; };

static size_t seen_count(struct seen *s, uint64_t h)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		n += s->v[i] == h;
	GROW(s->v, s->cap, s->n);
	s->v[s->n++] = h;
	return n;
}

/* The pipeline's fingerprint when it set one, else one of rule, target, path and message (not
 * the line: an issue keeps its fingerprint when lines move). A repeat gets its ordinal hashed
 * in, so two identical findings in one file stay two issues. */
static char *fingerprint(struct seen *s, const struct finding *f)
{
	uint64_t h = CI_FNV_SEED;
	if (f->fingerprint) {
		h = ci_fnv(h, f->fingerprint);
	} else {
		h = ci_fnv(h, f->rule->id);
		h = ci_fnv(h, target_kind_name(f->kind));
		h = ci_fnv(h, f->target_name);
		h = ci_fnv(h, f->target_id);
		h = ci_fnv(h, f->path);
		h = ci_fnv(h, f->message);
	}
	size_t dup = seen_count(s, h);
	if (dup == 0 && f->fingerprint)
		return xstrdup(f->fingerprint);
	if (dup) {
		char ord[24];
		snprintf(ord, sizeof ord, "#%zu", dup);
		h = ci_fnv(h, ord);
	}
	return xasprintf("%016llx", (unsigned long long)h);
}

/* A path in the repository for file findings; "KIND/NAME" for what has no file. */
static char *gl_path(const struct finding *f)
{
	if (f->path)
		return xstrdup(f->path);
	return xasprintf("%s/%s", target_kind_name(f->kind),
	                 f->target_name ? f->target_name : f->target_id ? f->target_id : "-");
}

static json_t *body(const struct finding *f)
{
	const struct rule *r = f->rule;
	char *t = xasprintf("%s %s\n\n%s%s**Fix:** %s", r->id, r->title,
	                    r->rationale ? r->rationale : "", r->rationale ? "\n\n" : "",
	                    r->remediation ? r->remediation : "");
	json_t *j = json_pack("{s:o}", "body", report_jstr(t));
	free(t);
	return j;
}

static json_t *issue(struct seen *s, const struct finding *f)
{
	char *fp = fingerprint(s, f), *path = gl_path(f);
	json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:[s], s:s, s:o, s:{s:o, s:{s:i}}}",
	                      "type", "issue",
	                      "check_name", report_jstr(f->rule->id),
	                      "description", report_jstr(f->message),
	                      "content", body(f),
	                      "categories", "Security",
	                      "severity", gl_severity(f->severity),
	                      "fingerprint", report_jstr(fp),
	                      "location", "path", report_jstr(path),
	                      "lines", "begin", f->line > 0 ? f->line : 1);
	free(fp);
	free(path);
	return o;
}

int report_gitlab(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	(void)o;
	struct seen s = { 0 };
	json_t *doc = json_array();
	for (size_t i = 0; i < f->n; i++)
		if (!f->v[i].suppressed)
			json_array_append_new(doc, issue(&s, &f->v[i]));
	free(s.v);
	return report_dump(fp, doc);
}
