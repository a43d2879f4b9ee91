/* OSV's evaluation algorithm, from the schema's pseudocode: per range, the events sorted by
 * version ("0" first), walked up to the version: introduced turns it on, fixed at or below it
 * and last_affected below it turn it off; limit events bound the range from above. */
#include "rules/vuln/osv_match.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

int osv_cmp_scheme(void *ctx, const char *a, const char *b)
{
	return vers_cmp(*(const enum vers_scheme *)ctx, a, b);
}

int osv_cmp_semver(void *ctx, const char *a, const char *b)
{
	(void)ctx;
	return vers_cmp(VERS_SEMVER, a, b);
}

static bool zero(const struct osv_event *e)
{
	return e->kind == OSV_INTRODUCED && e->version && !strcmp(e->version, "0");
}

struct sort_ctx { osv_cmp_fn cmp; void *ctx; };

/* Event order: "0" before everything, then by version; equal versions keep the record's order
 * (the events are one array, so their addresses are that order). */
static int ev_cmp(const void *pa, const void *pb, void *pc)
{
	const struct osv_event *a = *(const struct osv_event *const *)pa;
	const struct osv_event *b = *(const struct osv_event *const *)pb;
	const struct sort_ctx *c = pc;
	bool za = zero(a), zb = zero(b);
	int r = za || zb ? (za == zb ? 0 : za ? -1 : 1) : c->cmp(c->ctx, a->version, b->version);
	return r ? r : (a > b) - (a < b);
}

/* The events with a version, sorted; *n says how many. */
static const struct osv_event **sorted(const struct osv_range *g, osv_cmp_fn cmp, void *ctx,
                                       size_t *n)
{
	const struct osv_event **v = xcalloc(g->nevents + 1, sizeof *v);
	struct sort_ctx c = { cmp, ctx };
	*n = 0;
	for (size_t i = 0; i < g->nevents; i++)
		if (g->events[i].version)
			v[(*n)++] = &g->events[i];
	qsort_r(v, *n, sizeof *v, ev_cmp, &c);
	return v;
}

static bool before_limits(const struct osv_range *g, const char *v, osv_cmp_fn cmp, void *ctx)
{
	bool any = false;
	for (size_t i = 0; i < g->nevents; i++) {
		const struct osv_event *e = &g->events[i];
		if (e->kind != OSV_LIMIT || !e->version)
			continue;
		any = true;
		if (strchr(e->version, '*') || cmp(ctx, v, e->version) < 0)
			return true;
	}
	return !any;
}

/* The lowest fixed event above v in g, or NULL. */
static const char *fixed_above(const struct osv_range *g, const char *v, osv_cmp_fn cmp,
                               void *ctx)
{
	const char *best = NULL;
	for (size_t i = 0; i < g->nevents; i++) {
		const struct osv_event *e = &g->events[i];
		if (e->kind == OSV_FIXED && e->version && cmp(ctx, e->version, v) > 0 &&
		    (!best || cmp(ctx, e->version, best) < 0))
			best = e->version;
	}
	return best;
}

static bool in_range(const struct osv_range *g, const char *v, osv_cmp_fn cmp, void *ctx)
{
	if (!before_limits(g, v, cmp, ctx))
		return false;
	size_t n;
	const struct osv_event **ev = sorted(g, cmp, ctx, &n);
	bool hit = false;
	for (size_t i = 0; i < n; i++) {
		const struct osv_event *e = ev[i];
		if (e->kind == OSV_INTRODUCED && (zero(e) || cmp(ctx, v, e->version) >= 0))
			hit = true;
		else if (e->kind == OSV_FIXED && cmp(ctx, v, e->version) >= 0)
			hit = false;
		else if (e->kind == OSV_LAST_AFFECTED && cmp(ctx, v, e->version) > 0)
			hit = false;
	}
	free(ev);
	return hit;
}

struct osv_verdict osv_judge(const struct vuln_rec *r, const char *version, osv_cmp_fn cmp,
                             osv_cmp_fn semver, void *ctx)
{
	struct osv_verdict d = { 0 };
	if (r->withdrawn && *r->withdrawn)
		return d;
	for (size_t i = 0; i < r->nranges; i++) {
		const struct osv_range *g = &r->ranges[i];
		osv_cmp_fn c = g->type == OSV_SEMVER ? semver : cmp;
		if (g->type == OSV_GIT) {
			d.git_skipped = true;
			continue;
		}
		if (!d.affected && in_range(g, version, c, ctx)) {
			d.affected = true;
			d.fixed = fixed_above(g, version, c, ctx);
		}
	}
	for (size_t i = 0; i < r->nversions && !d.affected; i++)
		if (r->versions[i] && (!strcmp(version, r->versions[i]) ||
		                       !cmp(ctx, version, r->versions[i])))
			d.affected = true;
	/* Listed but outside every range: a fix from any range above it is still the best hint. */
	for (size_t i = 0; d.affected && !d.fixed && i < r->nranges; i++)
		if (r->ranges[i].type != OSV_GIT)
			d.fixed = fixed_above(&r->ranges[i], version,
			                      r->ranges[i].type == OSV_SEMVER ? semver : cmp, ctx);
	return d;
}
