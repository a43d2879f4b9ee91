/* The text reporter: findings grouped by target, one line each, then errors and a summary. */
#include "report/report.h"
#include "rules/rule.h"
#include <string.h>

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

/* Messages quote the files being checked: never let them drive the terminal. */
static void put_safe(FILE *fp, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\r')
			fputs("\\r", fp);
		else if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)  /* C1 controls, e.g. CSI */
			fprintf(fp, "\\u%04x", *++p);
		else
			fputc(*p, fp);
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

static void put_header(FILE *fp, const struct finding *f)
{
	const char *name = f->target_name ? f->target_name : f->target_id;
	if (f->kind == TK_DOCKERFILE && f->path)
		name = f->path;
	fputs(f->kind == TK_COMPOSE ? "compose service" : target_kind_name(f->kind), fp);
	if (name) {
		fputc(' ', fp);
		put_safe(fp, name);
	}
	if (f->kind == TK_COMPOSE && f->path) {
		fputs(" (", fp);
		put_safe(fp, f->path);
		fputc(')', fp);
	}
	fputc('\n', fp);
}

static void put_finding(FILE *fp, const struct finding *f, bool color)
{
	fputs("  ", fp);
	if (f->path) {
		put_safe(fp, f->path);
		if (f->line > 0)
			fprintf(fp, ":%d", f->line);
		fputs("  ", fp);
	}
	if (color)
		fprintf(fp, "%s%s\033[0m", sev_color(f->severity), severity_name(f->severity));
	else
		fputs(severity_name(f->severity), fp);
	fprintf(fp, "  %s  ", f->rule->id);
	put_safe(fp, f->message);
	if (f->evidence) {
		fputs(" [", fp);
		put_safe(fp, f->evidence);
		fputc(']', fp);
	}
	fputc('\n', fp);
}

static void put_note(FILE *fp, const char *what, const char *input, int line, const char *msg)
{
	fprintf(fp, "%s: ", what);
	if (input) {
		put_safe(fp, input);
		if (line > 0)
			fprintf(fp, ":%d", line);
		fputs(": ", fp);
	}
	put_safe(fp, msg);
	fputc('\n', fp);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void put_summary(FILE *fp, const struct findings *f, size_t inputs)
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
		fprintf(fp, "no findings in %zu %s", inputs, in);
		if (nsup)
			fprintf(fp, ", %zu suppressed", nsup);
		fputc('\n', fp);
		return;
	}
	fprintf(fp, "%zu %s (%zu critical, %zu high, %zu medium, %zu low, %zu info), "
	        "%zu suppressed, %zu %s in %zu %s\n",
	        n, plural(n, "finding", "findings"), by[SEV_CRITICAL], by[SEV_HIGH],
	        by[SEV_MEDIUM], by[SEV_LOW], by[SEV_INFO], nsup, f->nerrors,
	        plural(f->nerrors, "error", "errors"), inputs, in);
}

int report_text(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	const struct finding *prev = NULL;
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		if (x->suppressed)
			continue;
		if (!prev || !same_target(prev, x)) {
			if (prev)
				fputc('\n', fp);
			put_header(fp, x);
		}
		put_finding(fp, x, o->color);
		prev = x;
	}
	if (prev)
		fputc('\n', fp);
	/* On stdout the errors already went to stderr; a report file carries its own copy. */
	for (size_t i = 0; o->list_problems && i < f->nerrors; i++)
		put_note(fp, "error", f->errors[i].input, f->errors[i].line, f->errors[i].message);
	for (size_t i = 0; o->list_problems && i < f->nwarnings; i++)
		put_note(fp, "warning", f->warnings[i].input, f->warnings[i].line,
		         f->warnings[i].message);
	put_summary(fp, f, o->inputs);
	return ferror(fp) ? -1 : 0;
}
