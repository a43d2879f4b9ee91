/* The report's order: live targets first, a section each (host, daemon, containers, images),
 * grouped by target; files (Dockerfiles, compose files) follow, by path; then line, rule, message. */
#include "pipeline/sort.h"
#include "rules/rule.h"
#include <stdlib.h>
#include <string.h>

/* Findings of one input share one copy of its path and target name: equal pointers. */
static int cmp_str(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_live(const struct finding *a, const struct finding *b)
{
	int c;
	if ((c = cmp_str(a->target_name, b->target_name)))
		return c;
	if ((c = cmp_str(a->target_id, b->target_id)))
		return c;
	return cmp_str(a->path, b->path);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int sa = target_section(a->kind), sb = target_section(b->kind), c;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (sa < 4) {
		if ((c = cmp_live(a, b)))
			return c;
	} else if ((c = cmp_str(a->path, b->path)))
		return c;
	if ((c = cmp_str(a->target_name, b->target_name)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)))
		return c;
	return cmp_str(a->message, b->message);
}

/* Each input's findings are sorted as it is linted, on its own thread; then the whole list is
 * usually in order already, and checking is cheaper than sorting it again. */
void findings_sort_from(struct findings *f, size_t from)
{
	size_t i = from + 1;
	while (i < f->n && cmp_finding(&f->v[i - 1], &f->v[i]) <= 0)
		i++;
	if (i < f->n)
		qsort(f->v + from, f->n - from, sizeof *f->v, cmp_finding);
}

void findings_sort(struct findings *f)
{
	findings_sort_from(f, 0);
}
