/* --format html: one self-contained page. Style, chart and script are inline and a policy
 * forbids every load, so the page makes no request; it reads in full with JavaScript off (the
 * script only adds filtering). Every string from the findings is escaped (xml.c). */
#include "report/html_int.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/version.h"
#include <stdlib.h>

static const char *const part_ids[] = { "host", "daemon", "containers", "images", "files" };
static const char *const part_titles[] = { "Host", "Daemon", "Containers", "Images", "Files" };
static const char *const part_nouns[] = { "target", "target", "container", "image", "target" };

static bool listed(const struct finding *f)
{
	return !f->suppressed;
}

static void put_loc(struct out *o, const struct finding *f)
{
	if (!f->path)
		return;
	out_str(o, " <span class=\"loc\">");
	xml_text(o, f->path);
	if (f->line > 0)
		out_printf(o, ":%d", f->line);
	out_str(o, "</span>");
}

/* Where in an image the file is, and a known vulnerability's versions. */
static void put_extra(struct out *o, const struct finding *f)
{
	if (f->layer >= 0) {
		out_printf(o, "<p class=\"layer\">layer %d", f->layer);
		if (f->created_by) {
			out_str(o, ": <code>");
			xml_text(o, f->created_by);
			out_str(o, "</code>");
		}
		if (!f->visible)
			out_printf(o, "; deleted in layer %d, still in the image", f->deleted_in);
		out_str(o, "</p>\n");
	}
	if (f->vuln) {
		out_str(o, "<p class=\"vuln\">");
		xml_text(o, f->vuln->id);
		out_str(o, " in ");
		xml_text(o, f->vuln->package);
		out_str(o, " ");
		xml_text(o, f->vuln->installed);
		out_str(o, f->vuln->fixed ? ", fixed in " : ", no fix yet");
		xml_text(o, f->vuln->fixed);
		out_str(o, "</p>\n");
	}
}

/* The rule's rationale, fix and references: text only, never links. */
static void put_rule_doc(struct out *o, const struct rule *r)
{
	out_str(o, "<details><summary>Why and how to fix</summary>\n");
	if (r->rationale) {
		out_str(o, "<p class=\"rationale\">");
		xml_text(o, r->rationale);
		out_str(o, "</p>\n");
	}
	out_str(o, "<p class=\"fix\"><b>Fix:</b> ");
	xml_text(o, r->remediation);
	out_str(o, "</p>\n");
	if (r->refs && r->refs[0]) {
		out_str(o, "<p class=\"refs\">References:");
		for (const char *const *p = r->refs; *p; p++) {
			out_str(o, p == r->refs ? " " : "; ");
			xml_text(o, *p);
		}
		out_str(o, "</p>\n");
	}
	out_str(o, "</details>\n");
}

static void put_finding(struct out *o, const struct finding *f, size_t idx, const char *idp)
{
	const char *sev = severity_name(f->severity);
	out_printf(o, "<article class=\"finding sev-%s\" id=\"%sf-%zu\" data-severity=\"%s\" "
	           "data-rule=\"", sev, idp, idx, sev);
	xml_attr(o, f->rule->id);
	out_printf(o, "\">\n<p><span class=\"sev\">%s</span> <code class=\"rule\">", sev);
	xml_text(o, f->rule->id);
	out_str(o, "</code> <b class=\"title\">");
	xml_text(o, f->rule->title);
	out_str(o, "</b>");
	put_loc(o, f);
	out_str(o, "</p>\n<p class=\"msg\">");
	xml_text(o, f->message);
	out_str(o, "</p>\n");
	if (f->evidence) {
		out_str(o, "<p class=\"evidence\">Evidence: <code>");
		xml_text(o, f->evidence);
		out_str(o, "</code></p>\n");
	}
	put_extra(o, f);
	put_rule_doc(o, f->rule);
	out_str(o, "</article>\n");
}

static size_t count_listed(const struct findings *f, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		n += listed(&f->v[i]);
	return n;
}

/* One target's findings [from, to) under a heading of its own. */
static void put_target(struct out *o, const struct findings *f, size_t from, size_t to,
                       const char *idp)
{
	size_t n = count_listed(f, from, to);
	if (!n)
		return;
	const struct finding *x = &f->v[from];
	char *label = ci_target_label(x);
	out_printf(o, "<section class=\"target\" data-kind=\"%s\" data-count=\"%zu\">\n<h3>",
	           target_kind_name(x->kind), n);
	xml_text(o, label);
	if (x->kind == TK_CONTAINER && x->target_state) {
		out_str(o, " <span class=\"state\">[");
		xml_text(o, x->target_state);
		out_str(o, "]</span>");
	}
	out_str(o, "</h3>\n");
	for (size_t i = from; i < to; i++)
		if (listed(&f->v[i]))
			put_finding(o, &f->v[i], i, idp);
	out_str(o, "</section>\n");
	free(label);
}

/* The findings [from, to) of one part (host, daemon, containers, images, files). */
static void put_part(struct out *o, const struct findings *f, size_t from, size_t to, int part,
                     const char *idp)
{
	size_t n = count_listed(f, from, to), targets = 0, i, j;
	if (!n)
		return;
	for (i = from; i < to; i = j) {
		for (j = i + 1; j < to && ci_same_target(&f->v[i], &f->v[j]); j++)
			;
		targets += count_listed(f, i, j) > 0;
	}
	out_printf(o, "<section class=\"part\" id=\"%spart-%s\" data-count=\"%zu\" "
	           "data-targets=\"%zu\">\n<h2>%s: %zu finding%s in %zu %s%s</h2>\n", idp,
	           part_ids[part], n, targets, part_titles[part], n, n == 1 ? "" : "s", targets,
	           part_nouns[part], targets == 1 ? "" : "s");
	for (i = from; i < to; i = j) {
		for (j = i + 1; j < to && ci_same_target(&f->v[i], &f->v[j]); j++)
			;
		put_target(o, f, i, j, idp);
	}
	out_str(o, "</section>\n");
}

void html_filters(struct out *o)
{
	out_str(o, "<div id=\"filters\" hidden>Show:");
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		out_printf(o, " <label><input type=\"checkbox\" value=\"%s\" checked> %s</label>",
		           severity_name(s), severity_name(s));
	out_str(o, " <input id=\"filter-text\" type=\"search\" placeholder=\"filter text\"></div>\n");
}

void html_findings(struct out *o, const struct findings *f, const char *idp)
{
	for (size_t i = 0, j; i < f->n; i = j) {
		int part = target_section(f->v[i].kind);
		for (j = i + 1; j < f->n && target_section(f->v[j].kind) == part; j++)
			;
		put_part(o, f, i, j, part < 5 ? part : 4, idp);
	}
}

static void put_suppressed(struct out *o, const struct findings *f, size_t n)
{
	out_printf(o, "<section id=\"suppressed\" data-count=\"%zu\">\n<h2>Suppressed: %zu</h2>\n",
	           n, n);
	if (n)
		out_str(o, "<table><tr><th>severity</th><th>rule</th><th>target</th><th>location</th>"
		           "<th>message</th><th>by</th><th>reason</th></tr>\n");
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		if (!x->suppressed)
			continue;
		char *label = ci_target_label(x);
		out_printf(o, "<tr class=\"suppressed-finding\" data-rule=\"%s\"><td>%s</td><td>"
		           "<code>%s</code></td><td>", x->rule->id, severity_name(x->severity),
		           x->rule->id);
		xml_text(o, label);
		out_str(o, "</td><td>");
		put_loc(o, x);
		out_str(o, "</td><td>");
		xml_text(o, x->message);
		out_printf(o, "</td><td>%s</td><td class=\"reason\">",
		           str_eq(x->suppress_source, "inline") ? "inline comment"
		           : str_eq(x->suppress_source, "option") ? "--ignore" : "config");
		xml_text(o, x->suppress_reason ? x->suppress_reason : "(no reason given)");
		out_str(o, "</td></tr>\n");
		free(label);
	}
	if (n)
		out_str(o, "</table>\n");
	out_str(o, "</section>\n");
}

static void put_notes(struct out *o, const struct findings *f, bool errors)
{
	size_t n = errors ? f->nerrors : f->nwarnings;
	if (!n)
		return;
	out_printf(o, "<section id=\"%s\" data-count=\"%zu\">\n<h2>%s: %zu</h2>\n<ul>\n",
	           errors ? "errors" : "warnings", n, errors ? "Errors" : "Warnings", n);
	for (size_t i = 0; i < n; i++) {
		const char *in = errors ? f->errors[i].input : f->warnings[i].input;
		int line = errors ? f->errors[i].line : f->warnings[i].line;
		out_str(o, "<li>");
		if (in) {
			out_str(o, "<span class=\"loc\">");
			xml_text(o, in);
			if (line > 0)
				out_printf(o, ":%d", line);
			out_str(o, "</span>: ");
		}
		xml_text(o, errors ? f->errors[i].message : f->warnings[i].message);
		out_str(o, "</li>\n");
	}
	out_str(o, "</ul>\n</section>\n");
}

static void put_header(struct out *o, const struct html_counts *c, const struct report_opts *ro)
{
	bool none = ro->fail_on >= SEV__COUNT;
	out_str(o, "<h1>bulwark report</h1>\n<p class=\"meta\">bulwark ");
	xml_text(o, bulwark_version);
	out_printf(o, " &middot; %zu input%s &middot; fail on %s &middot; ", ro->inputs,
	           ro->inputs == 1 ? "" : "s", none ? "none" : severity_name(ro->fail_on));
	out_printf(o, "<span id=\"verdict\" class=\"%s\" data-failing=\"%zu\">%s</span></p>\n",
	           c->failing ? "failed" : "passed", c->failing,
	           c->failing ? "failed" : "passed");
}

void html_page_start(struct out *o, const char *title)
{
	out_str(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	html_head_assets(o);
	out_str(o, "<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
	xml_text(o, title);
	out_str(o, "</title>\n</head>\n<body>\n");
}

int report_html(FILE *fp, const struct findings *f, const struct report_opts *ro)
{
	struct out out = { .fp = fp }, *o = &out;
	struct html_counts c;
	html_count(f, ro->fail_on, ro->baselined, &c);
	html_page_start(o, "bulwark report");
	put_header(o, &c, ro);
	html_summary(o, f, &c);
	html_filters(o);
	html_findings(o, f, "");
	put_suppressed(o, f, c.suppressed);
	put_notes(o, f, true);
	put_notes(o, f, false);
	html_script(o);
	out_str(o, "</body>\n</html>\n");
	return out_end(o);
}
