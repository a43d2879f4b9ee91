/* How a rule reports: a finding with the rule's own severity (config overrides come later). */
#include "rules/rule.h"
#include <stdarg.h>

void finding_add(struct findings *out, const struct rule *r, struct loc loc, const char *evidence,
                 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	findings_push(out, r, r->severity, loc, evidence, fmt, ap);
	va_end(ap);
}
