/* The JSON reporter: schema "bulwark/findings/v1", documented in docs/json-schema.md. */
#include "report/report.h"
#include "rules/rule.h"
#include "util/util.h"
#include <jansson.h>

#include "report/report_int.h"

static json_t *aliases_json(const struct rule *r)
{
	json_t *a = json_array();
	for (const char *const *p = r->aliases; p && *p; p++)
		json_array_append_new(a, report_jstr(*p));
	return a;
}

static json_t *location_json(const struct finding *f)
{
	if (!f->path)
		return json_null();
	return json_pack("{s:o, s:o}", "path", report_jstr(f->path), "line", report_jline(f->line));
}

static json_t *finding_json(const struct finding *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule", report_jstr(f->rule->id));
	json_object_set_new(o, "title", report_jstr(f->rule->title));
	json_object_set_new(o, "severity", json_string(severity_name(f->severity)));
	json_object_set_new(o, "cis", report_jstr(f->rule->cis));
	json_object_set_new(o, "aliases", aliases_json(f->rule));
	json_object_set_new(o, "target", json_pack("{s:s, s:o, s:o}",
	                                           "kind", target_kind_name(f->kind),
	                                           "name", report_jstr(f->target_name),
	                                           "id", report_jstr(f->target_id)));
	json_object_set_new(o, "location", location_json(f));
	json_object_set_new(o, "message", report_jstr(f->message));
	json_object_set_new(o, "evidence", report_jstr(f->evidence));
	if (f->suppressed)
		json_object_set_new(o, "suppression",
		                    json_pack("{s:s, s:o}", "source",
		                              str_eq(f->suppress_source, "inline") ? "inline" : "config",
		                              "reason", report_jstr(f->suppress_reason)));
	return o;
}

static json_t *notes_json(const struct findings *f, bool errors)
{
	json_t *a = json_array();
	size_t n = errors ? f->nerrors : f->nwarnings;
	for (size_t i = 0; i < n; i++) {
		const char *input = errors ? f->errors[i].input : f->warnings[i].input;
		int line = errors ? f->errors[i].line : f->warnings[i].line;
		const char *msg = errors ? f->errors[i].message : f->warnings[i].message;
		json_array_append_new(a, json_pack("{s:o, s:o, s:o}", "input", report_jstr(input),
		                                   "line", report_jline(line),
		                                   "message", report_jstr(msg)));
	}
	return a;
}

static json_t *summary_json(const struct findings *f, const struct report_opts *o)
{
	size_t by[SEV__COUNT] = { 0 }, nsup = 0, nfind = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].suppressed) {
			nsup++;
		} else {
			nfind++;
			if (f->v[i].severity < SEV__COUNT)
				by[f->v[i].severity]++;
		}
	}
	json_t *sev = json_object();
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		json_object_set_new(sev, severity_name(s), json_integer((json_int_t)by[s]));
	return json_pack("{s:I, s:I, s:o, s:I, s:I, s:I, s:s, s:b}",
	                 "inputs", (json_int_t)o->inputs,
	                 "findings", (json_int_t)nfind,
	                 "by_severity", sev,
	                 "suppressed", (json_int_t)nsup,
	                 "errors", (json_int_t)f->nerrors,
	                 "warnings", (json_int_t)f->nwarnings,
	                 "fail_on", severity_name(o->fail_on),
	                 "failed", report_failing(f, o->fail_on) > 0);
}

int report_json(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	json_t *found = json_array(), *sup = json_array();
	for (size_t i = 0; i < f->n; i++)
		json_array_append_new(f->v[i].suppressed ? sup : found, finding_json(&f->v[i]));

	json_t *doc = json_object();
	json_object_set_new(doc, "schema", json_string("bulwark/findings/v1"));
	json_object_set_new(doc, "tool", json_pack("{s:s, s:o}", "name", "bulwark",
	                                           "version", report_jstr(bulwark_version)));
	json_object_set_new(doc, "findings", found);
	json_object_set_new(doc, "suppressed", sup);
	json_object_set_new(doc, "errors", notes_json(f, true));
	json_object_set_new(doc, "warnings", notes_json(f, false));
	json_object_set_new(doc, "summary", summary_json(f, o));
	return report_dump(fp, doc);
}
