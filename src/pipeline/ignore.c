#include "pipeline/ignore.h"
#include "model/pragma.h"
#include "rules/rule.h"
#include "util/util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Parse "ID,ID reason" up to end (exclusive). */
static void parse_ids(struct ignore *ig, const char *p, const char *end)
{
	size_t cap = 0;
	while (p < end && !isspace((unsigned char)*p)) {
		const char *q = p;
		while (q < end && *q != ',' && !isspace((unsigned char)*q))
			q++;
		if (q > p) {
			GROW(ig->ids, cap, ig->nids);
			ig->ids[ig->nids++] = xstrndup(p, (size_t)(q - p));
		}
		p = q < end && *q == ',' ? q + 1 : q;
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	ig->reason = end > p ? xstrndup(p, (size_t)(end - p)) : NULL;
}

static bool blank_or_comment(const char *l, size_t n)
{
	size_t i = 0;
	while (i < n && isspace((unsigned char)l[i]))
		i++;
	return i == n || l[i] == '#';
}

static void ignore_free_one(struct ignore *g)
{
	for (size_t k = 0; k < g->nids; k++)
		free(g->ids[k]);
	free(g->ids);
	free(g->reason);
}

/* Pragmas with nothing after them (or past the 64 waiting at once) cover no line; without them
 * the list is in line order, which ignores_apply relies on. */
static void drop_unplaced(struct ignores *ig)
{
	size_t n = 0;
	for (size_t i = 0; i < ig->n; i++) {
		if (ig->v[i].first < 0)
			ignore_free_one(&ig->v[i]);
		else
			ig->v[n++] = ig->v[i];
	}
	ig->n = n;
}

/* A global pragma's ids join the file's one list; its reason is the first given. */
static void add_global(struct ignores *ig, const char *ids, const char *end)
{
	struct ignore one = { 0 };
	size_t cap = ig->global.nids;
	parse_ids(&one, ids, end);
	for (size_t k = 0; k < one.nids; k++) {
		GROW(ig->global.ids, cap, ig->global.nids);
		ig->global.ids[ig->global.nids++] = one.ids[k];
	}
	if (!ig->global.reason)
		ig->global.reason = one.reason;
	else
		free(one.reason);
	free(one.ids);
}

void ignores_scan(struct ignores *ig, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	int line = 1;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)   /* a byte-order mark starts no line */
		p += 3;
	/* indexes, not pointers: GROW may move v */
	size_t pending[64];
	size_t npending = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *hash, *pr;
		enum pragma_kind kind = pragma_find(p, n, &hash, &pr);
		bool own = blank_or_comment(p, n);
		if (!own) {
			for (size_t i = 0; i < npending; i++)
				ig->v[pending[i]].first = ig->v[pending[i]].last = line;
			npending = 0;
		}
		if (kind == PRAGMA_NONE || (!own && ig->own_line_only)) {
			/* no pragma, or one that is part of an instruction (BW-D058 says so) */
		} else if (kind == PRAGMA_GLOBAL) {
			add_global(ig, pr, p + n);
		} else {
			GROW(ig->v, ig->cap, ig->n);
			struct ignore *g = &ig->v[ig->n++];
			memset(g, 0, sizeof *g);
			parse_ids(g, pr, p + n);
			if (own) {
				g->first = g->last = -1;
				if (npending < 64)
					pending[npending++] = ig->n - 1;
			} else {
				g->first = g->last = line;
			}
		}
		line++;
		p = nl ? nl + 1 : end;
	}
	drop_unplaced(ig);
}

static bool names(const struct ignore *g, const struct finding *f)
{
	for (size_t k = 0; k < g->nids; k++)
		if (rule_matches(f->rule, g->ids[k]) || str_ieq(g->ids[k], "all"))
			return true;
	return false;
}

static bool covers(const struct ignore *g, const struct finding *f)
{
	return f->line >= g->first && f->line <= g->last && names(g, f);
}

/* The pragmas that can cover the finding start at or before its line: binary search for the
 * last of those, then look back a bounded way (ranges of different instructions don't overlap,
 * so the nearest few decide). */
static const struct ignore *find_cover(const struct ignores *ig, const struct finding *f)
{
	size_t lo = 0, hi = ig->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ig->v[mid].first <= f->line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t j = lo, seen = 0; j-- > 0 && seen++ < 64;)
		if (covers(&ig->v[j], f))
			return &ig->v[j];
	return NULL;
}

void ignores_apply(const struct ignores *ig, struct findings *out, size_t from, const char *path)
{
	for (size_t i = from; (ig->n || ig->global.nids) && i < out->n; i++) {
		struct finding *f = &out->v[i];
		const struct ignore *g = &ig->global;
		if (f->suppressed || !str_eq(f->path, path))
			continue;
		if (!names(g, f) && !(g = find_cover(ig, f)))
			continue;
		f->suppressed = true;
		f->suppress_source = xstrdup("inline");
		f->suppress_reason = xstrdup(g->reason);
	}
}

void ignores_free(struct ignores *ig)
{
	for (size_t i = 0; i < ig->n; i++)
		ignore_free_one(&ig->v[i]);
	ignore_free_one(&ig->global);
	free(ig->v);
	memset(ig, 0, sizeof *ig);
}
