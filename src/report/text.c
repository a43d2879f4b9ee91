/* The text reporter: findings grouped by target, one line each, then errors and a summary. */
#include "report/report.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdint.h>
#include <string.h>

#include "report/report_int.h"

static const char *sev_color(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "\033[1;31m";
	case SEV_MEDIUM:
		return "\033[33m";
	case SEV_LOW:
		return "\033[36m";
	default:
		return "\033[2m";
	}
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_target(const struct finding *a, const struct finding *b)
{
	return a->kind == b->kind && same_str(a->target_name, b->target_name) &&
	       same_str(a->target_id, b->target_id) &&
	       ((a->kind != TK_DOCKERFILE && a->kind != TK_COMPOSE) || same_str(a->path, b->path));
}

/* ":12" after a path, nothing when the line is unknown. */
static void put_line(struct out *o, int line)
{
	if (line > 0) {
		out_c(o, ':');
		out_int(o, line);
	}
}

static void put_header(struct out *o, const struct finding *f)
{
	const char *name = f->target_name ? f->target_name : f->target_id;
	if (f->kind == TK_DOCKERFILE && f->path)
		name = f->path;
	out_str(o, f->kind == TK_COMPOSE ? "compose service" : target_kind_name(f->kind));
	if (name) {
		out_c(o, ' ');
		out_safe(o, name);
	}
	if (f->kind == TK_CONTAINER && f->target_state) {
		out_str(o, " [");
		out_safe(o, f->target_state);
		out_c(o, ']');
	}
	if (f->kind == TK_COMPOSE && f->path) {
		out_str(o, " (");
		out_safe(o, f->path);
		out_c(o, ')');
	}
	out_c(o, '\n');
}

static void put_finding(struct out *o, const struct finding *f, bool color)
{
	out_add(o, "  ", 2);
	if (f->path) {
		out_safe(o, f->path);
		put_line(o, f->line);
		if (f->layer >= 0) {
			out_printf(o, " (layer %d", f->layer);
			if (f->created_by && *f->created_by) {
				/* the history line, cut to what fits on a report line */
				char cut[64];
				snprintf(cut, sizeof cut, "%s", f->created_by);
				out_str(o, ": ");
				out_safe(o, cut);
				if (strlen(f->created_by) >= sizeof cut)
					out_str(o, "…");
			}
			if (!f->visible)
				out_printf(o, "; deleted in layer %d", f->deleted_in);
			out_c(o, ')');
		}
		out_add(o, "  ", 2);
	}
	if (color)
		out_str(o, sev_color(f->severity));
	out_str(o, severity_name(f->severity));
	if (color)
		out_str(o, "\033[0m");
	out_add(o, "  ", 2);
	out_str(o, f->rule->id);
	out_add(o, "  ", 2);
	out_safe(o, f->message);
	if (f->evidence) {
		out_str(o, " [");
		out_safe(o, f->evidence);
		out_c(o, ']');
	}
	out_c(o, '\n');
}

static void put_note(struct out *o, const char *what, const char *input, int line, const char *msg)
{
	out_str(o, what);
	out_add(o, ": ", 2);
	if (input) {
		out_safe(o, input);
		put_line(o, line);
		out_add(o, ": ", 2);
	}
	out_safe(o, msg);
	out_c(o, '\n');
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void put_summary(struct out *o, const struct findings *f, size_t inputs,
                        size_t baselined)
{
	size_t by[SEV__COUNT] = { 0 }, n = 0, nsup = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].suppressed) {
			nsup++;
		} else {
			n++;
			if (f->v[i].severity < SEV__COUNT)
				by[f->v[i].severity]++;
		}
	}
	const char *in = plural(inputs, "input", "inputs");
	if (n == 0 && f->nerrors == 0) {
		out_printf(o, "no findings in %zu %s", inputs, in);
		if (nsup)
			out_printf(o, ", %zu suppressed", nsup);
		if (baselined)
			out_printf(o, ", %zu baselined", baselined);
		out_c(o, '\n');
		return;
	}
	out_printf(o, "%zu %s (%zu critical, %zu high, %zu medium, %zu low, %zu info), "
	           "%zu suppressed, ",
	           n, plural(n, "finding", "findings"), by[SEV_CRITICAL], by[SEV_HIGH],
	           by[SEV_MEDIUM], by[SEV_LOW], by[SEV_INFO], nsup);
	if (baselined)
		out_printf(o, "%zu baselined, ", baselined);
	out_printf(o, "%zu %s in %zu %s\n", f->nerrors, plural(f->nerrors, "error", "errors"),
	           inputs, in);
}

/* After the findings of a live section (host, daemon, containers, images): one line with its
 * totals, so an operator sees where the problems are before reading them. */
static void put_section(struct out *o, const struct findings *f, size_t from, size_t to)
{
	static const char *const names[] = { "host", "daemon", "containers", "images" };
	size_t by[SEV__COUNT] = { 0 }, n = 0, targets = 0;
	const struct finding *prev = NULL;
	int s = target_section(f->v[from].kind);
	if (s >= 4)
		return;
	for (size_t i = from; i < to; i++) {
		const struct finding *x = &f->v[i];
		if (x->suppressed)
			continue;
		n++;
		by[x->severity < SEV__COUNT ? x->severity : SEV_INFO]++;
		targets += !prev || !same_target(prev, x);
		prev = x;
	}
	if (!n)
		return;
	out_printf(o, "-- %s: %zu %s", names[s], n, plural(n, "finding", "findings"));
	if (s >= 2)
		out_printf(o, " in %zu %s", targets, s == 2 ? plural(targets, "container", "containers")
		                                           : plural(targets, "image", "images"));
	out_printf(o, " (%zu critical, %zu high, %zu medium, %zu low, %zu info)\n\n",
	           by[SEV_CRITICAL], by[SEV_HIGH], by[SEV_MEDIUM], by[SEV_LOW], by[SEV_INFO]);
}

static void put_findings(struct out *o, const struct findings *f, bool color)
{
	const struct finding *prev = NULL;
	size_t start = 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		if (i > start && target_section(x->kind) != target_section(f->v[start].kind)) {
			if (prev)
				out_c(o, '\n');
			put_section(o, f, start, i);
			start = i;
			prev = NULL;
		}
		if (x->suppressed)
			continue;
		if (!prev || !same_target(prev, x)) {
			if (prev)
				out_c(o, '\n');
			put_header(o, x);
		}
		put_finding(o, x, color);
		prev = x;
	}
	if (prev)
		out_c(o, '\n');
	if (f->n)
		put_section(o, f, start, f->n);
}

/* A suppression given with its reason, in the config or the checked file, is a risk someone
 * accepted: shown with the reason rather than only counted. --ignore's reason is the option. */
static bool accepted(const struct finding *f)
{
	return f->suppressed && f->suppress_reason &&
	       !str_eq(f->suppress_source, "option");
}

static void put_accepted(struct out *o, const struct findings *f, bool color)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (!accepted(&f->v[i]))
			continue;
		if (!n++)
			out_str(o, "accepted risks (suppressed with a reason)\n");
		put_finding(o, &f->v[i], color);
		out_str(o, "    reason: ");
		out_safe(o, f->v[i].suppress_reason);
		out_c(o, '\n');
	}
	if (n)
		out_c(o, '\n');
}

int report_text(FILE *fp, const struct findings *f, const struct report_opts *ro)
{
	struct out o = { .fp = fp };
	put_findings(&o, f, ro->color);
	put_accepted(&o, f, ro->color);
	/* On stdout the errors already went to stderr; a report file carries its own copy. */
	for (size_t i = 0; ro->list_problems && i < f->nerrors; i++)
		put_note(&o, "error", f->errors[i].input, f->errors[i].line, f->errors[i].message);
	for (size_t i = 0; ro->list_problems && i < f->nwarnings; i++)
		put_note(&o, "warning", f->warnings[i].input, f->warnings[i].line,
		         f->warnings[i].message);
	put_summary(&o, f, ro->inputs, ro->baselined);
	return out_end(&o);
}
