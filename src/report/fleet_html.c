/* --format html for the fleet: one self-contained page, the single-host page's policy, style
 * and script (html_assets.c), with the estate's overview on top (hosts, top rules, the rule x
 * host matrix, the vulnerabilities of the images in use, the trend) and then a section per host holding its latest findings as the
 * single-host page shows them (html.c). Hosts are linked by index (#host-N): names are the
 * store's, not fit for an id. No time of writing is printed: the same store, the same bytes. */
#include "report/fleet_int.h"
#include "model/fleet_findings.h"
#include "report/html_int.h"
#include "util/util.h"
#include "util/version.h"
#include <stdlib.h>
#include <string.h>

enum { TOP_RULES = 10 };

static void sev_head(struct out *o)
{
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		out_printf(o, "<th>%s</th>", severity_name(s));
}

static void host_row(struct out *o, const struct fleet_host *h, size_t i)
{
	out_str(o, "<tr class=\"host-row\" data-host=\"");
	xml_attr(o, h->name);
	out_printf(o, "\" data-count=\"%zu\"><td><a href=\"#host-%zu\">", h->findings, i);
	xml_text(o, h->name);
	out_printf(o, "</a></td><td class=\"n\">%zu</td><td>", h->runs);
	xml_text(o, h->last_run);
	out_str(o, "</td>");
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		out_printf(o, "<td class=\"n\">%zu</td>", h->by_sev[s]);
	if (h->compared)
		out_printf(o, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n", h->new_,
		           h->fixed);
	else
		out_str(o, "<td class=\"none\">first run</td><td class=\"none\">first run</td></tr>\n");
}

static void hosts_table(struct out *o, const struct fleet *f)
{
	out_printf(o, "<h2>Hosts</h2>\n<table id=\"hosts\" data-count=\"%zu\"><tr><th>host</th>"
	           "<th>runs</th><th>last run</th>", f->nhosts);
	sev_head(o);
	out_str(o, "<th>new</th><th>fixed</th></tr>\n");
	for (size_t i = 0; i < f->nhosts; i++)
		host_row(o, &f->hosts[i], i);
	out_str(o, "</table>\n");
}

static void rule_id(struct out *o, const char *id)
{
	out_str(o, "<code>");
	xml_text(o, id);
	out_str(o, "</code>");
}

/* A severity as the page colours it. */
static void sev_span(struct out *o, const char *sev)
{
	out_str(o, "<span class=\"sev ");
	xml_attr(o, sev);
	out_str(o, "\">");
	xml_text(o, sev);
	out_str(o, "</span>");
}

static void top_rules(struct out *o, const struct fleet *f)
{
	size_t n = f->nrules < TOP_RULES ? f->nrules : TOP_RULES;
	out_printf(o, "<h2>Top rules</h2>\n<table id=\"top-rules\" data-count=\"%zu\"><tr>"
	           "<th>rule</th><th>severity</th><th>hosts</th><th>findings</th></tr>\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct fleet_rule *r = &f->rules[i];
		out_str(o, "<tr class=\"rule-row\" data-rule=\"");
		xml_attr(o, r->rule);
		out_printf(o, "\" data-hosts=\"%zu\" data-count=\"%zu\"><td>", r->hosts, r->findings);
		rule_id(o, r->rule);
		out_str(o, "</td><td>");
		sev_span(o, r->severity);
		out_printf(o, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n",
		           r->hosts, r->findings);
	}
	out_str(o, "</table>\n");
}

/* Hosts down, rules across; cells grouped by host first (a counting sort of their indexes). */
static void matrix(struct out *o, const struct fleet *f)
{
	size_t *start = xcalloc(f->nhosts + 2, sizeof *start);
	size_t *order = xcalloc(f->ncells + 1, sizeof *order), *row = xcalloc(f->nrules + 1,
	                                                                   sizeof *row);
	for (size_t c = 0; c < f->ncells; c++)
		start[f->cells[c].host + 2]++;
	for (size_t h = 2; h < f->nhosts + 2; h++)
		start[h] += start[h - 1];
	for (size_t c = 0; c < f->ncells; c++)
		order[start[f->cells[c].host + 1]++] = c;
	out_printf(o, "<h2>Rule &times; host</h2>\n<table id=\"matrix\" data-hosts=\"%zu\" "
	           "data-rules=\"%zu\"><tr><th>host</th>", f->nhosts, f->nrules);
	for (size_t r = 0; r < f->nrules; r++) {
		out_str(o, "<th>");
		rule_id(o, f->rules[r].rule);
		out_str(o, "</th>");
	}
	out_str(o, "</tr>\n");
	for (size_t h = 0; h < f->nhosts; h++) {
		memset(row, 0, (f->nrules + 1) * sizeof *row);
		for (size_t k = start[h]; k < start[h + 1]; k++)
			row[f->cells[order[k]].rule] += f->cells[order[k]].n;
		out_printf(o, "<tr><td><a href=\"#host-%zu\">", h);
		xml_text(o, f->hosts[h].name);
		out_str(o, "</a></td>");
		for (size_t r = 0; r < f->nrules; r++)
			if (row[r])
				out_printf(o, "<td class=\"n cell\" data-count=\"%zu\">%zu</td>", row[r],
				           row[r]);
			else
				out_str(o, "<td></td>");
		out_str(o, "</tr>\n");
	}
	out_str(o, "</table>\n");
	free(start);
	free(order);
	free(row);
}

static void trend(struct out *o, const struct fleet *f)
{
	out_printf(o, "<h2>Trend</h2>\n<table id=\"trend\" data-count=\"%zu\"><tr><th>day</th>"
	           "<th>hosts</th><th>runs</th><th>findings</th></tr>\n", f->ndays);
	for (size_t i = 0; i < f->ndays; i++) {
		const struct fleet_day *d = &f->days[i];
		out_str(o, "<tr class=\"day\"><td>");
		xml_text(o, d->day);
		out_printf(o, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\" "
		           "data-count=\"%zu\">%zu</td></tr>\n", d->hosts, d->runs, d->findings,
		           d->findings);
	}
	out_str(o, "</table>\n");
}

static void vuln_row(struct out *o, const struct fleet_vuln *v)
{
	out_str(o, "<tr class=\"vuln-row\" data-vuln=\"");
	xml_attr(o, v->id);
	out_printf(o, "\" data-images=\"%zu\" data-hosts=\"%zu\"><td>", v->nimages, v->nhosts);
	rule_id(o, v->id);
	out_str(o, "</td><td>");
	sev_span(o, v->severity);
	out_str(o, "</td><td>");
	xml_text(o, v->package);
	out_str(o, " ");
	xml_text(o, v->installed);
	out_str(o, "</td><td>");
	xml_text(o, v->fixed ? v->fixed : "none yet");
	out_printf(o, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td>", v->nimages,
	           v->containers);
	for (size_t h = 0; h < v->nhosts; h++) {
		out_str(o, h ? ", " : "");
		xml_text(o, v->hosts[h]);
	}
	out_str(o, "</td></tr>\n");
}

/* Only with a vulnerability store: the stored packages of the images in use, matched again. */
static void vulns(struct out *o, const struct fleet *f)
{
	if (!f->have_vulns)
		return;
	out_printf(o, "<h2>Vulnerabilities in the images in use</h2>\n<p class=\"meta\">%zu "
	           "images in use, %zu without stored packages</p>\n<table id=\"vulns\" "
	           "data-count=\"%zu\"><tr><th>id</th><th>severity</th><th>package</th>"
	           "<th>fixed in</th><th>images</th><th>containers</th><th>hosts</th></tr>\n",
	           f->images_in_use, f->images_unread, f->nvulns);
	for (size_t i = 0; i < f->nvulns; i++)
		vuln_row(o, &f->vulns[i]);
	out_str(o, "</table>\n");
}

static void overview(struct out *o, const struct fleet *f)
{
	size_t total = 0;
	for (size_t i = 0; i < f->nhosts; i++)
		total += f->hosts[i].findings;
	out_str(o, "<section id=\"overview\">\n<h1>bulwark fleet report</h1>\n<p class=\"meta\">"
	           "bulwark ");
	xml_text(o, bulwark_version);
	out_printf(o, " &middot; <span id=\"count-hosts\" data-count=\"%zu\">%zu hosts</span> "
	           "&middot; <span id=\"count-runs\" data-count=\"%zu\">%zu runs</span> &middot; "
	           "<span id=\"count-findings\" data-count=\"%zu\">%zu findings</span>", f->nhosts,
	           f->nhosts, f->runs, f->runs, total, total);
	if (f->since) {
		out_str(o, " &middot; since ");
		xml_text(o, f->since);
	}
	out_str(o, "</p>\n");
	hosts_table(o, f);
	top_rules(o, f);
	matrix(o, f);
	vulns(o, f);
	trend(o, f);
	out_str(o, "</section>\n");
}

/* Host i's page: its posture and its latest findings, ids prefixed "hI-". */
static bool host_page(struct out *o, const struct fleet *f, size_t i)
{
	struct findings fl = { 0 };
	if (!f->source->read(f->source->ctx, i, &fl)) {
		findings_free(&fl);
		return false;
	}
	const struct fleet_host *h = &f->hosts[i];
	out_printf(o, "<section class=\"host\" id=\"host-%zu\" data-host=\"", i);
	xml_attr(o, h->name);
	out_printf(o, "\" data-count=\"%zu\">\n<h2>Host ", fl.n);
	xml_text(o, h->name);
	out_printf(o, "</h2>\n<p class=\"meta\">%zu run%s &middot; last run ", h->runs,
	           h->runs == 1 ? "" : "s");
	xml_text(o, h->last_run);
	out_printf(o, " &middot; %zu finding%s &middot; <a href=\"#overview\">overview</a></p>\n",
	           fl.n, fl.n == 1 ? "" : "s");
	char idp[32];
	snprintf(idp, sizeof idp, "h%zu-", i);
	if (fl.n)
		html_findings(o, &fl, idp);
	else
		out_str(o, "<p class=\"none\">No findings.</p>\n");
	out_str(o, "</section>\n");
	findings_free(&fl);
	return true;
}

int fleet_html_write(FILE *fp, const struct fleet *f)
{
	if (!f->source)
		return -1;
	struct out out = { .fp = fp }, *o = &out;
	html_page_start(o, "bulwark fleet report");
	overview(o, f);
	html_filters(o);
	for (size_t i = 0; i < f->nhosts; i++)
		if (!host_page(o, f, i)) {
			out_end(o);
			return -1;
		}
	html_script(o);
	out_str(o, "</body>\n</html>\n");
	return out_end(o);
}
