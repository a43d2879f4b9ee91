/* The value lists options point at (struct opt's values), read by completion and man pages.
 * Each is made from the table the option's parser reads, so the lists cannot drift. */
#include "cmd/opts.h"
#include "model/finding.h"
#include "report/report.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const *opt_values_formats(void)
{
	static const char *v[16];
	size_t n = 0;
	for (const struct report_format_name *f = report_formats; f->name && n < 15; f++)
		v[n++] = f->name;
	v[n] = NULL;
	return v;
}

const char *const *opt_values_fail_on(void)
{
	static const char *v[SEV__COUNT + 2];
	size_t n = 0;
	for (int s = SEV__COUNT - 1; s >= 0; s--)
		v[n++] = severity_name((enum severity)s);
	v[n++] = "none";
	v[n] = NULL;
	return v;
}

const char *const *opt_values_color(void)
{
	static const char *const v[] = { "auto", "always", "never", NULL };
	return v;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every rule id and every peer alias, sorted, each once (two rules may share a peer's check);
 * made once, for a process that ends soon after. */
const char *const *opt_values_rules(void)
{
	static const char **v;
	if (v)
		return v;
	size_t n = rules_count;
	for (size_t i = 0; i < rules_count; i++)
		for (const char *const *a = rules_all[i]->aliases; a && *a; a++)
			n++;
	v = xcalloc(n + 1, sizeof *v);
	n = 0;
	for (size_t i = 0; i < rules_count; i++) {
		v[n++] = rules_all[i]->id;
		for (const char *const *a = rules_all[i]->aliases; a && *a; a++)
			v[n++] = *a;
	}
	qsort(v, n, sizeof *v, by_name);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || strcmp(v[k - 1], v[i]))
			v[k++] = v[i];
	v[k] = NULL;
	return v;
}
