/* The HTML report's summary: totals, a bar chart of severities in inline SVG, and a table of
 * findings by target. Every count carries data-count, which tests and scripts read. */
#include "report/html_int.h"
#include "rules/rule.h"
#include <stdlib.h>

void html_count(const struct findings *f, enum severity fail_on, size_t baselined,
                struct html_counts *c)
{
	*c = (struct html_counts){ .baselined = baselined };
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		if (x->suppressed) {
			c->suppressed++;
		} else {
			c->findings++;
			c->by[x->severity < SEV__COUNT ? x->severity : SEV_INFO]++;
			c->failing += x->severity >= fail_on;
		}
	}
}

static void total(struct out *o, const char *id, const char *what, size_t n)
{
	out_printf(o, "<div><b id=\"count-%s\" data-count=\"%zu\">%zu</b>%s</div>\n", id, n, n,
	           what);
}

/* One bar per severity, most severe on top, scaled to the largest count. */
static void chart(struct out *o, const struct html_counts *c)
{
	size_t max = 1;
	for (int s = 0; s < SEV__COUNT; s++)
		max = c->by[s] > max ? c->by[s] : max;
	out_str(o, "<svg id=\"chart\" role=\"img\" aria-label=\"findings by severity\" "
	           "width=\"460\" height=\"140\" viewBox=\"0 0 460 140\">\n");
	for (int s = SEV_CRITICAL, row = 0; s >= SEV_INFO; s--, row++) {
		size_t w = (c->by[s] * 300 + max - 1) / max;
		int y = 6 + row * 26;
		out_printf(o, "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text>", y + 15,
		           severity_name(s));
		out_printf(o, "<rect class=\"bar\" data-severity=\"%s\" data-count=\"%zu\" x=\"80\" "
		           "y=\"%d\" width=\"%zu\" height=\"20\" fill=\"%s\"/>", severity_name(s),
		           c->by[s], y, w, (const char *const[]){ "#607d8b", "#1565c0", "#c79100",
		                                                "#e65100", "#b71c1c" }[s]);
		out_printf(o, "<text x=\"%zu\" y=\"%d\" font-size=\"13\">%zu</text>\n", 86 + w,
		           y + 15, c->by[s]);
	}
	out_str(o, "</svg>\n");
}

static void by_severity(struct out *o, const struct html_counts *c)
{
	out_str(o, "<table id=\"by-severity\"><tr><th>severity</th><th>findings</th></tr>\n");
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		out_printf(o, "<tr><td><span class=\"sev %s\">%s</span></td><td class=\"n\" "
		           "id=\"count-%s\" data-count=\"%zu\">%zu</td></tr>\n", severity_name(s),
		           severity_name(s), severity_name(s), c->by[s], c->by[s]);
	out_str(o, "</table>\n");
}

/* A row for the target of the findings [from, to), if any of them is shown unsuppressed. */
static void target_row(struct out *o, const struct findings *f, size_t from, size_t to)
{
	size_t by[SEV__COUNT] = { 0 }, n = 0;
	for (size_t i = from; i < to; i++)
		if (!f->v[i].suppressed) {
			by[f->v[i].severity < SEV__COUNT ? f->v[i].severity : SEV_INFO]++;
			n++;
		}
	if (!n)
		return;
	char *label = ci_target_label(&f->v[from]);
	out_printf(o, "<tr class=\"target-summary\" data-kind=\"%s\" data-target=\"",
	           target_kind_name(f->v[from].kind));
	xml_attr(o, label);
	out_printf(o, "\" data-count=\"%zu\"><td>", n);
	xml_text(o, label);
	out_str(o, "</td>");
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		out_printf(o, "<td class=\"n\">%zu</td>", by[s]);
	out_printf(o, "<td class=\"n\">%zu</td></tr>\n", n);
	free(label);
}

static void by_target(struct out *o, const struct findings *f)
{
	out_str(o, "<table id=\"by-target\"><tr><th>target</th>");
	for (int s = SEV_CRITICAL; s >= SEV_INFO; s--)
		out_printf(o, "<th>%s</th>", severity_name(s));
	out_str(o, "<th>total</th></tr>\n");
	for (size_t i = 0, j; i < f->n; i = j) {
		for (j = i + 1; j < f->n && ci_same_target(&f->v[i], &f->v[j]); j++)
			;
		target_row(o, f, i, j);
	}
	out_str(o, "</table>\n");
}

void html_summary(struct out *o, const struct findings *f, const struct html_counts *c)
{
	out_str(o, "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"totals\">\n");
	total(o, "findings", "findings", c->findings);
	total(o, "suppressed", "suppressed", c->suppressed);
	total(o, "baselined", "baselined", c->baselined);
	total(o, "errors", "errors", f->nerrors);
	total(o, "warnings", "warnings", f->nwarnings);
	out_str(o, "</div>\n<h3>By severity</h3>\n");
	chart(o, c);
	by_severity(o, c);
	out_str(o, "<h3>By target</h3>\n");
	if (c->findings)
		by_target(o, f);
	else
		out_str(o, "<p class=\"none\">No findings.</p>\n");
	out_str(o, "</section>\n");
}
