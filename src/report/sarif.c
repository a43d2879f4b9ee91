/* The SARIF 2.1.0 reporter, for code-scanning dashboards. Mapping: docs/json-schema.md; where
 * results point: sarif_loc.c. */
#include "report/report.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/version.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

static const char *sarif_level(enum severity s)
{
	return s >= SEV_HIGH ? "error" : s == SEV_MEDIUM ? "warning" : "note";
}

/* GitHub code scanning buckets these: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low. */
static const char *security_severity(enum severity s)
{
	static const char *const v[] = { "1.0", "3.0", "5.0", "7.0", "9.0" };
	return s < SEV__COUNT ? v[s] : "1.0";
}

static json_t *text_json(const char *s)
{
	return json_pack("{s:o}", "text", report_jstr(s));
}

static json_t *help_json(const struct rule *r)
{
	struct buf md = { 0 };
	if (r->rationale)
		buf_printf(&md, "%s\n\n", r->rationale);
	buf_printf(&md, "**Remediation:** %s", r->remediation);
	if (r->refs && r->refs[0]) {
		buf_adds(&md, "\n\n**References:**\n");
		for (const char *const *p = r->refs; *p; p++)
			buf_printf(&md, "\n- %s", *p);
	}
	char *s = buf_take(&md);
	json_t *h = json_pack("{s:o, s:o}", "text", report_jstr(r->remediation),
	                      "markdown", report_jstr(s));
	free(s);
	return h;
}

static json_t *rule_json(const struct rule *r)
{
	json_t *aliases = json_array();
	for (const char *const *p = r->aliases; p && *p; p++)
		json_array_append_new(aliases, report_jstr(*p));
	json_t *props = json_pack("{s:s, s:[s]}", "security-severity",
	                          security_severity(r->severity), "tags", "security");
	if (r->cis)
		json_object_set_new(props, "cis", report_jstr(r->cis));
	json_object_set_new(props, "aliases", aliases);

	json_t *o = json_pack("{s:o, s:o, s:o, s:o}", "id", report_jstr(r->id),
	                      "name", report_jstr(r->id),
	                      "shortDescription", text_json(r->title),
	                      "fullDescription", text_json(r->rationale ? r->rationale : r->title));
	if (r->remediation)
		json_object_set_new(o, "help", help_json(r));
	json_object_set_new(o, "defaultConfiguration",
	                    json_pack("{s:s}", "level", sarif_level(r->severity)));
	json_object_set_new(o, "properties", props);
	return o;
}

/* A known vulnerability is its own SARIF rule, named by the vulnerability's id: dashboards
 * list, triage and close them one by one, with the record's score as security-severity. */
static json_t *vuln_rule_json(const struct finding *f)
{
	const struct finding_vuln *v = f->vuln;
	char score[16];
	snprintf(score, sizeof score, "%.1f", v->cvss);
	struct buf md = { 0 };
	buf_printf(&md, "%s%s%s", v->id, v->summary ? ": " : "", v->summary ? v->summary : "");
	if (v->naliases) {
		buf_adds(&md, "\n\nAlso known as:");
		for (size_t i = 0; i < v->naliases; i++)
			buf_printf(&md, " %s", v->aliases[i]);
	}
	buf_printf(&md, "\n\nFound by %s (%s). **Remediation:** %s", f->rule->id,
	           f->rule->title, f->rule->remediation);
	char *help = buf_take(&md);
	json_t *props = json_pack("{s:s, s:[s, s], s:s, s:o}",
	                          "security-severity", v->cvss > 0 ? score
	                                              : security_severity(f->severity),
	                          "tags", "security", "vulnerability",
	                          "bulwark-rule", f->rule->id,
	                          "aliases", json_array());
	for (size_t i = 0; i < v->naliases; i++)
		json_array_append_new(json_object_get(props, "aliases"), report_jstr(v->aliases[i]));
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:{s:o, s:o}, s:{s:s}, s:o}",
	                      "id", report_jstr(v->id), "name", report_jstr(v->id),
	                      "shortDescription", text_json(v->summary ? v->summary : v->id),
	                      "fullDescription", text_json(v->summary ? v->summary : v->id),
	                      "help", "text", report_jstr(f->rule->remediation),
	                      "markdown", report_jstr(help),
	                      "defaultConfiguration", "level", sarif_level(f->severity),
	                      "properties", props);
	free(help);
	return o;
}

/* Rules in order of first appearance; ruleIndex points into this list. A vulnerability's
 * entry is keyed by its id and keeps the first finding that named it. */
struct rule_list { const struct rule **v; const struct finding **vf; size_t n, cap, vcap; };

static size_t rule_index(struct rule_list *l, const struct finding *f)
{
	const char *vid = f->vuln ? f->vuln->id : NULL;
	for (size_t i = 0; i < l->n; i++)
		if (vid ? l->vf[i] && !strcmp(l->vf[i]->vuln->id, vid) : !l->vf[i] && l->v[i] == f->rule)
			return i;
	GROW(l->v, l->cap, l->n);
	GROW(l->vf, l->vcap, l->n);
	l->v[l->n] = f->rule;
	l->vf[l->n] = vid ? f : NULL;
	return l->n++;
}

static json_t *suppression_json(const struct finding *f)
{
	json_t *s = json_pack("{s:s}", "kind",
	                      str_eq(f->suppress_source, "inline") ? "inSource" : "external");
	if (f->suppress_reason)
		json_object_set_new(s, "justification", report_jstr(f->suppress_reason));
	return s;
}

static json_t *result_json(struct sarif_bases *sb, const struct finding *f, size_t rule_idx)
{
	json_t *props = json_pack("{s:s, s:{s:s, s:o, s:o}}",
	                          "severity", severity_name(f->severity),
	                          "target", "kind", target_kind_name(f->kind),
	                          "name", report_jstr(f->target_name),
	                          "id", report_jstr(f->target_id));
	if (f->evidence)
		json_object_set_new(props, "evidence", report_jstr(f->evidence));

	if (f->vuln) {
		json_object_set_new(props, "rule", report_jstr(f->rule->id));
		if (f->vuln->fixed)
			json_object_set_new(props, "fixed", report_jstr(f->vuln->fixed));
	}
	json_t *o = json_pack("{s:o, s:I, s:s, s:o, s:[o]}",
	                      "ruleId", report_jstr(f->vuln ? f->vuln->id : f->rule->id),
	                      "ruleIndex", (json_int_t)rule_idx,
	                      "level", sarif_level(f->severity),
	                      "message", text_json(f->message),
	                      "locations", sarif_location(sb, f));
	if (f->fingerprint)   /* the JSON report's: one baseline serves both */
		json_object_set_new(o, "partialFingerprints",
		                    json_pack("{s:o}", "bulwark/v1", report_jstr(f->fingerprint)));
	if (f->suppressed)
		json_object_set_new(o, "suppressions", json_pack("[o]", suppression_json(f)));
	json_object_set_new(o, "properties", props);
	return o;
}

static json_t *notification_json(struct sarif_bases *sb, const char *level, const char *input,
                                 int line, const char *msg)
{
	json_t *n = json_pack("{s:s, s:o}", "level", level, "message", text_json(msg));
	if (input)
		json_object_set_new(n, "locations",
		                    json_pack("[o]", sarif_input_location(sb, input, line)));
	return n;
}

static json_t *invocation_json(struct sarif_bases *sb, const struct findings *f)
{
	json_t *notes = json_array();
	for (size_t i = 0; i < f->nerrors; i++)
		json_array_append_new(notes, notification_json(sb, "error", f->errors[i].input,
		                                               f->errors[i].line,
		                                               f->errors[i].message));
	for (size_t i = 0; i < f->nwarnings; i++)
		json_array_append_new(notes, notification_json(sb, "warning", f->warnings[i].input,
		                                               f->warnings[i].line,
		                                               f->warnings[i].message));
	return json_pack("{s:b, s:o}", "executionSuccessful", f->nerrors == 0,
	                 "toolExecutionNotifications", notes);
}

json_t *sarif_run(const struct findings *f)
{
	struct rule_list rl = { 0 };
	struct sarif_bases sb;
	json_t *results = json_array(), *rules = json_array();

	sarif_bases_init(&sb);
	for (size_t i = 0; i < f->n; i++)
		json_array_append_new(results,
		                      result_json(&sb, &f->v[i], rule_index(&rl, &f->v[i])));
	for (size_t i = 0; i < rl.n; i++)
		json_array_append_new(rules, rl.vf[i] ? vuln_rule_json(rl.vf[i]) : rule_json(rl.v[i]));
	free(rl.v);
	free(rl.vf);

	json_t *driver = json_pack("{s:s, s:o, s:o}", "name", "bulwark",
	                           "version", report_jstr(bulwark_version), "rules", rules);
	json_t *run = json_pack("{s:{s:o}, s:[o], s:o}", "tool", "driver", driver,
	                        "invocations", invocation_json(&sb, f), "results", results);
	json_t *bases = sarif_bases_json(&sb);
	if (json_object_size(bases))
		json_object_set(run, "originalUriBaseIds", bases);
	json_decref(bases);
	return run;
}

int report_sarif(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	(void)o;
	json_t *doc = json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA_URI,
	                        "version", "2.1.0", "runs", sarif_run(f));
	return report_dump(fp, doc);
}
