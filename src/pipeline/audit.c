/* The live audit. The estate collector asks the engine and reads the host's files; every rule
 * runs once over each model it hands out, containers and images batch by batch. When the engine
 * fails mid-run, what was gathered is still checked and reported. */
#include "pipeline/audit.h"
#include "pipeline/image_audit.h"
#include "pipeline/lint.h"
#include "pipeline/run.h"
#include "pipeline/config.h"
#include "rules/rule.h"
#include "util/progress.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* Specs are converted and checked in batches, so memory stays bounded for any number. */
#define BATCH 256

static void run_host_rules(struct estate *es, unsigned parts, struct findings *out)
{
	out->cur = (struct target){ TK_HOST, es->h.hostname.v, NULL, NULL };
	if (es->host_read && (parts & AUDIT_HOST))
		rules_run_host(&es->h, out);
	out->cur = (struct target){ TK_DAEMON, es->name, es->engine_id, NULL };
	if (parts & AUDIT_DAEMON)
		rules_run_daemon(&es->d, out);
}

static size_t audit_containers(struct estate *es, struct fleet_inv *inv, struct findings *out,
                               struct progress *pr, size_t done)
{
	struct cspec *batch[BATCH];
	size_t n, audited = 0;
	while ((n = estate_next_containers(es, batch, BATCH))) {
		for (size_t i = 0; i < n; i++) {
			struct cspec *c = batch[i];
			if (!c)
				continue;
			out->cur = (struct target){ TK_CONTAINER, c->name, c->id, c->state };
			rules_run_cspec(c, out);
			if (inv)
				fleet_inv_container(inv, c->id, c->name, c->image.s, c->image_id, c->state);
			out->cur.state = NULL;
			cspec_free(c);
			audited++;
		}
		progress_step(pr, done += n);
	}
	return audited;
}

static size_t audit_image_configs(struct estate *es, struct fleet_inv *inv,
                                  struct findings *out, struct progress *pr, size_t done)
{
	struct image_cfg *batch[BATCH];
	size_t n, audited = 0;
	while ((n = estate_next_images(es, batch, BATCH))) {
		for (size_t i = 0; i < n; i++) {
			struct image_cfg *im = batch[i];
			if (!im)
				continue;
			out->cur = (struct target){ TK_IMAGE, im->ref, im->id, NULL };
			rules_run_image(im, out);
			if (inv)
				fleet_inv_image(inv, im->id, im->ref);
			image_cfg_free(im);
			audited++;
		}
		progress_step(pr, done += n);
	}
	return audited;
}

/* Every layer of the images: streamed from the engine one image at a time. */
static void audit_images_full(const struct audit_opts *o, const struct run_vulns *v,
                              struct estate *es, struct fleet_inv *inv, struct findings *out,
                              struct audit_counts *n)
{
	char **refs;
	size_t nrefs = estate_image_refs(es, &refs);
	struct image_audit_opts io = { o, o->cache, 0, v, inv };
	struct image_audit_counts c;
	if (!nrefs)
		return;
	image_audit(&io, refs, nrefs, out, &c);
	n->images += c.images;
	n->layers += c.layers;
	n->layers_scanned += c.layers_scanned;
	n->layers_cached += c.layers_cached;
}

static void audit_all(const struct audit_opts *o, const struct run_vulns *v,
                      struct fleet_inv *inv, struct findings *out, struct audit_counts *n)
{
	bool only_c = o->ncontainers > 0, only_i = o->nimages > 0;
	unsigned parts = o->only ? o->only
	                 : AUDIT_HOST | AUDIT_DAEMON | AUDIT_CONTAINERS | AUDIT_IMAGES;
	struct progress prog;
	memset(n, 0, sizeof *n);
	struct estate *es = estate_open(o, out);
	if (!only_c && !only_i)
		run_host_rules(es, parts, out);
	progress_start(&prog, es->total, "auditing");
	if (!only_i && (parts & AUDIT_CONTAINERS))
		n->containers = audit_containers(es, inv, out, &prog, 0);
	if (!only_c && o->images_full)
		audit_images_full(o, v, es, inv, out, n);
	else if (!only_c && (parts & AUDIT_IMAGES))
		n->images = audit_image_configs(es, inv, out, &prog, n->containers);
	progress_end(&prog);
	n->inputs = 1 + n->containers + n->images;
	out->cur = (struct target){ 0 };
	if (es->engine_id)
		snprintf(n->engine_id, sizeof n->engine_id, "%s", es->engine_id);
	estate_close(es);
}

void audit_run(const struct audit_opts *o, struct findings *out, struct audit_counts *n)
{
	audit_all(o, NULL, NULL, out, n);
}

/* The live audit, then the files named on the command line, in one report. */
int pipeline_audit(const struct run_end *e, struct audit_opts *a, const struct run_cache *c,
                   const struct run_vulns *v, const struct run_files *f)
{
	struct findings out = { 0 };
	struct audit_counts n;
	struct config *cfg = run_config(e, &out);
	char *cache = a->images_full ? run_cache_file(c) : NULL;
	a->cache = cache;
	struct fleet_inv inv = { 0 };
	audit_all(a, v, e->store.url ? &inv : NULL, &out, &n);
	if (a->images_full)
		image_audit_note(&(struct image_audit_counts){ n.images, n.layers, n.layers_scanned,
		                                               n.layers_cached });
	free(cache);
	struct lint l = { .out = &out, .trusted_registries = config_registries(cfg),
	                  .fingerprints = run_fingerprints(e) };
	if (f->ncompose)
		lint_compose(&l, (const char *const *)f->compose, f->ncompose);
	if (f->npaths)
		lint_paths(&l, f->paths, f->npaths);
	struct run_end with_id = *e;
	with_id.store.engine_id = *n.engine_id ? n.engine_id : NULL;
	with_id.store.inv = e->store.url ? &inv : NULL;
	int rc = pipeline_finish_config(&with_id, &out, n.inputs + l.inputs, cfg);
	fleet_inv_free(&inv);
	return rc;
}
