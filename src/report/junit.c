/* --format junit: JUnit XML as Jenkins, GitLab and Azure read it. One testsuite per target, one
 * testcase per rule with findings on it; the testcase fails when one of them is at or above
 * --fail-on, is skipped when all of them are suppressed, and passes otherwise (what it found
 * below the threshold is in its system-out). A last suite, "bulwark", holds each input error
 * as a testcase with an error, so a run that read nothing is never green. */
#include "report/report.h"
#include "report/report_ci.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* The rules of one target, in order of first finding. */
struct rcase { const struct rule *rule; size_t fail, pass, sup; };
struct target_cases { struct rcase *v; size_t n, cap; };

static struct rcase *rcase_of(struct target_cases *t, const struct rule *r)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].rule == r)
			return &t->v[i];
	GROW(t->v, t->cap, t->n);
	t->v[t->n] = (struct rcase){ .rule = r };
	return &t->v[t->n++];
}

/* "app/Dockerfile:3 high BW-D004: message [evidence]" */
static void finding_line(struct out *o, const struct finding *f)
{
	if (f->path) {
		xml_text(o, f->path);
		if (f->line > 0)
			out_printf(o, ":%d", f->line);
		out_c(o, ' ');
	}
	out_printf(o, "%s %s: ", severity_name(f->severity), f->rule->id);
	xml_text(o, f->message);
	if (f->evidence) {
		out_str(o, " [");
		xml_text(o, f->evidence);
		out_c(o, ']');
	}
	if (f->suppressed) {
		out_str(o, " (suppressed");
		if (f->suppress_reason) {
			out_str(o, ": ");
			xml_text(o, f->suppress_reason);
		}
		out_c(o, ')');
	}
	out_c(o, '\n');
}

enum pick { FAILING, PASSING, SUPPRESSED };

static bool picked(const struct finding *f, const struct rule *r, enum pick p,
                   enum severity fail_on)
{
	if (f->rule != r)
		return false;
	if (p == SUPPRESSED)
		return f->suppressed;
	return !f->suppressed && (f->severity >= fail_on) == (p == FAILING);
}

/* The findings of rule r in [from, to) that p picks, one line each. */
static void finding_lines(struct out *o, const struct findings *f, size_t from, size_t to,
                          const struct rule *r, enum pick p, enum severity fail_on)
{
	for (size_t i = from; i < to; i++)
		if (picked(&f->v[i], r, p, fail_on))
			finding_line(o, &f->v[i]);
}

static const struct finding *first_picked(const struct findings *f, size_t from, size_t to,
                                          const struct rule *r, enum pick p, enum severity fail_on)
{
	for (size_t i = from; i < to; i++)
		if (picked(&f->v[i], r, p, fail_on))
			return &f->v[i];
	return NULL;
}

static void put_case(struct out *o, const struct findings *f, size_t from, size_t to,
                     const struct rcase *c, const char *label, enum severity fail_on)
{
	const struct rule *r = c->rule;
	out_str(o, "    <testcase name=\"");
	xml_attr(o, r->id);
	out_c(o, ' ');
	xml_attr(o, r->title);
	out_str(o, "\" classname=\"");
	xml_attr(o, label);
	out_str(o, "\">\n");
	if (c->fail) {
		const struct finding *x = first_picked(f, from, to, r, FAILING, fail_on);
		out_printf(o, "      <failure type=\"%s\" message=\"", severity_name(x->severity));
		xml_attr(o, x->message);
		if (c->fail > 1)
			out_printf(o, " (and %zu more)", c->fail - 1);
		out_str(o, "\">");
		finding_lines(o, f, from, to, r, FAILING, fail_on);
		out_str(o, "\n");
		if (r->rationale) {
			xml_text(o, r->rationale);
			out_str(o, "\n\n");
		}
		out_str(o, "Fix: ");
		xml_text(o, r->remediation);
		out_str(o, "\n</failure>\n");
	} else if (!c->pass) {
		out_str(o, "      <skipped>");
		finding_lines(o, f, from, to, r, SUPPRESSED, fail_on);
		out_str(o, "</skipped>\n");
	}
	if ((c->fail || c->pass) && (c->pass || c->sup)) {
		out_str(o, "      <system-out>");
		finding_lines(o, f, from, to, r, PASSING, fail_on);
		finding_lines(o, f, from, to, r, SUPPRESSED, fail_on);
		out_str(o, "</system-out>\n");
	}
	out_str(o, "    </testcase>\n");
}

/* The cases of the target of findings [from, to), with how many fail and are skipped. */
static void count_cases(const struct findings *f, size_t from, size_t to, enum severity fail_on,
                        struct target_cases *t, size_t *nfail, size_t *nskip)
{
	*nfail = *nskip = 0;
	for (size_t i = from; i < to; i++) {
		const struct finding *x = &f->v[i];
		struct rcase *c = rcase_of(t, x->rule);
		if (x->suppressed)
			c->sup++;
		else if (x->severity >= fail_on)
			c->fail++;
		else
			c->pass++;
	}
	for (size_t i = 0; i < t->n; i++) {
		*nfail += t->v[i].fail > 0;
		*nskip += !t->v[i].fail && !t->v[i].pass;
	}
}

/* The end of the run of findings from i that share its target. */
static size_t target_end(const struct findings *f, size_t i)
{
	size_t j = i + 1;
	while (j < f->n && ci_same_target(&f->v[i], &f->v[j]))
		j++;
	return j;
}

/* The testsuite of the target of findings [from, to). */
static void put_suite(struct out *o, const struct findings *f, size_t from, size_t to,
                      enum severity fail_on)
{
	struct target_cases t = { 0 };
	size_t nfail, nskip;
	count_cases(f, from, to, fail_on, &t, &nfail, &nskip);
	if (t.n) {
		char *label = ci_target_label(&f->v[from]);
		out_str(o, "  <testsuite name=\"");
		xml_attr(o, label);
		out_printf(o, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
		           t.n, nfail, nskip);
		for (size_t i = 0; i < t.n; i++)
			put_case(o, f, from, to, &t.v[i], label, fail_on);
		out_str(o, "  </testsuite>\n");
		free(label);
	}
	free(t.v);
}

/* The run itself: each input error a testcase with an error; none, one passing testcase. */
static void put_inputs(struct out *o, const struct findings *f, const struct report_opts *ro)
{
	size_t n = f->nerrors ? f->nerrors : 1;
	out_printf(o, "  <testsuite name=\"bulwark\" tests=\"%zu\" failures=\"0\" errors=\"%zu\" "
	           "skipped=\"0\">\n", n, f->nerrors);
	if (!f->nerrors)
		out_printf(o, "    <testcase name=\"%zu input%s read\" classname=\"bulwark\"/>\n",
		           ro->inputs, ro->inputs == 1 ? "" : "s");
	for (size_t i = 0; i < f->nerrors; i++) {
		const struct input_error *e = &f->errors[i];
		out_str(o, "    <testcase name=\"");
		xml_attr(o, e->input ? e->input : "input");
		out_str(o, "\" classname=\"bulwark\">\n      <error type=\"input\" message=\"");
		xml_attr(o, e->message);
		out_str(o, "\">");
		xml_text(o, e->input);
		if (e->line > 0)
			out_printf(o, ":%d", e->line);
		out_str(o, ": ");
		xml_text(o, e->message);
		out_str(o, "</error>\n    </testcase>\n");
	}
	if (f->nwarnings) {
		out_str(o, "    <system-out>");
		for (size_t i = 0; i < f->nwarnings; i++) {
			out_str(o, "warning: ");
			xml_text(o, f->warnings[i].input);
			if (f->warnings[i].line > 0)
				out_printf(o, ":%d", f->warnings[i].line);
			out_str(o, ": ");
			xml_text(o, f->warnings[i].message);
			out_c(o, '\n');
		}
		out_str(o, "</system-out>\n");
	}
	out_str(o, "  </testsuite>\n");
}

int report_junit(FILE *fp, const struct findings *f, const struct report_opts *ro)
{
	struct out out = { .fp = fp }, *o = &out;
	size_t tests = f->nerrors ? f->nerrors : 1, fails = 0;
	/* The totals go first, on the root: one pass to count. */
	for (size_t i = 0, j; i < f->n; i = j) {
		struct target_cases t = { 0 };
		size_t nf, ns;
		j = target_end(f, i);
		count_cases(f, i, j, ro->fail_on, &t, &nf, &ns);
		tests += t.n, fails += nf;
		(void)ns;
		free(t.v);
	}
	out_str(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	out_printf(o, "<testsuites name=\"bulwark\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
	           tests, fails, f->nerrors);
	for (size_t i = 0, j; i < f->n; i = j) {
		j = target_end(f, i);
		put_suite(o, f, i, j, ro->fail_on);
	}
	put_inputs(o, f, ro);
	out_str(o, "</testsuites>\n");
	return out_end(o);
}
