/* What the HTML, JUnit and GitLab writers share about findings: targets and fingerprints. */
#include "report/report_ci.h"
#include "util/util.h"
#include <string.h>

/* Equal strings, or both NULL (str_eq says false to NULL). */
static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool ci_same_target(const struct finding *a, const struct finding *b)
{
	return a->kind == b->kind && same(a->target_name, b->target_name) &&
	       same(a->target_id, b->target_id) &&
	       ((a->kind != TK_DOCKERFILE && a->kind != TK_COMPOSE) || same(a->path, b->path));
}

char *ci_target_label(const struct finding *f)
{
	const char *name = f->target_name ? f->target_name : f->target_id;
	if (f->kind == TK_DOCKERFILE && f->path)
		name = f->path;
	if (f->kind == TK_COMPOSE)
		return xasprintf("compose service %s (%s)", name ? name : "?", f->path ? f->path : "?");
	return xasprintf("%s%s%s", target_kind_name(f->kind), name ? " " : "", name ? name : "");
}

uint64_t ci_fnv(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		h = (h ^ *p) * 0x100000001b3u;
	return (h ^ 0) * 0x100000001b3u;
}
