/* The HTML report's parts: html.c writes the page, html_summary.c the counts and the chart,
 * html_assets.c the style, the script and the policy that admits only those two. */
#ifndef BW_HTML_INT_H
#define BW_HTML_INT_H
#include "report/report.h"
#include "report/report_ci.h"

/* What the summary counts, over the findings the report shows. */
struct html_counts {
	size_t by[SEV__COUNT];      /* unsuppressed, by severity */
	size_t findings, suppressed, baselined, failing;
};
/* baselined: how many the pipeline left out as the --baseline report had them. */
void html_count(const struct findings *f, enum severity fail_on, size_t baselined,
                struct html_counts *c);

/* <meta> Content-Security-Policy, <style> and the filter <script>. */
void html_head_assets(struct out *o);
void html_script(struct out *o);
/* From the doctype to <body>: the policy, the style and the title. */
void html_page_start(struct out *o, const char *title);
/* The filter bar the script shows; then the unsuppressed findings, a section per part and
 * target, every element id prefixed with idp (a page holding several lists keeps them apart). */
void html_filters(struct out *o);
void html_findings(struct out *o, const struct findings *f, const char *idp);
/* The summary section: totals, the severity chart, the table by target. */
void html_summary(struct out *o, const struct findings *f, const struct html_counts *c);
#endif
