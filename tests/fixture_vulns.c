/* Runs the image rules over an inventory and candidate records read from a case's vulns.json
 * (see fixture_vulns.h). */
#include "fixture_vulns.h"
#include "model/image.h"
#include "model/image_fs.h"
#include "model/pkg.h"
#include "model/vuln.h"
#include "rules/rule.h"
#include "util/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static char *str(json_t *o, const char *k)
{
	return xstrdup(json_string_value(json_object_get(o, k)));
}

static char **strs(json_t *a, size_t *n)
{
	size_t i;
	json_t *v;
	char **out = xcalloc(json_array_size(a) + 1, sizeof *out);
	*n = 0;
	json_array_foreach(a, i, v)
		out[(*n)++] = xstrdup(json_string_value(v));
	return out;
}

static void read_range(json_t *j, struct osv_range *g)
{
	static const char *const kinds[] = { "introduced", "fixed", "last_affected", "limit" };
	const char *t = json_string_value(json_object_get(j, "type"));
	json_t *evs = json_object_get(j, "events"), *e;
	size_t i;
	g->type = str_eq(t, "SEMVER") ? OSV_SEMVER : str_eq(t, "GIT") ? OSV_GIT : OSV_ECOSYSTEM;
	g->events = xcalloc(json_array_size(evs) + 1, sizeof *g->events);
	json_array_foreach(evs, i, e)
		for (int k = 0; k < 4; k++)
			if (json_object_get(e, kinds[k])) {
				g->events[g->nevents].kind = (enum osv_event_kind)k;
				g->events[g->nevents++].version = str(e, kinds[k]);
			}
}

static void read_rec(json_t *j, struct vuln_rec *r)
{
	json_t *rs = json_object_get(j, "ranges"), *g;
	size_t i;
	r->id = str(j, "id"), r->ecosystem = str(j, "ecosystem"), r->package = str(j, "package");
	r->severity = str(j, "severity"), r->urgency = str(j, "urgency");
	r->withdrawn = str(j, "withdrawn"), r->summary = str(j, "summary");
	r->cvss_score = json_number_value(json_object_get(j, "cvss"));
	r->aliases = strs(json_object_get(j, "aliases"), &r->naliases);
	r->versions = strs(json_object_get(j, "versions"), &r->nversions);
	r->ranges = xcalloc(json_array_size(rs) + 1, sizeof *r->ranges);
	json_array_foreach(rs, i, g)
		read_range(g, &r->ranges[r->nranges++]);
}

/* "Debian" records serve "Debian:12" packages too, as the store's lookup does; a dpkg package
 * by its source only, others by source or name, as pipeline/vuln_scan.c looks them up. */
static bool names_pkg(json_t *rec, const struct pkg *p)
{
	const char *eco = json_string_value(json_object_get(rec, "ecosystem"));
	const char *name = json_string_value(json_object_get(rec, "package"));
	size_t n = eco ? strlen(eco) : 0;
	if (!eco || !name || !p->ecosystem || strncmp(p->ecosystem, eco, n) ||
	    (p->ecosystem[n] && p->ecosystem[n] != ':'))
		return false;
	if (p->source && !strcmp(name, p->source))
		return true;
	return !(p->kind == PKG_DPKG && p->source) && !strcmp(name, p->name);
}

static enum vers_scheme scheme(const char *s)
{
	static const char *const v[] = { "dpkg", "rpm", "apk", "pep440", "semver", "maven", "gem" };
	for (int i = 0; i < 7; i++)
		if (str_eq(s, v[i]))
			return (enum vers_scheme)i;
	return VERS_SEMVER;
}

static enum pkg_kind kind(const char *s)
{
	for (int k = PKG_DPKG; k <= PKG_COMPOSER; k++)
		if (str_eq(s, pkg_kind_name((enum pkg_kind)k)))
			return (enum pkg_kind)k;
	return PKG_NPM;
}

static void read_pkg(json_t *j, json_t *recs, struct pkg_inv *inv)
{
	struct pkg *p = pkg_inv_add(inv, kind(json_string_value(json_object_get(j, "kind"))),
	                            json_string_value(json_object_get(j, "name")),
	                            json_string_value(json_object_get(j, "version")));
	json_t *r;
	size_t i;
	p->source = str(j, "source"), p->source_version = str(j, "source_version");
	p->ecosystem = str(j, "ecosystem"), p->path = str(j, "path");
	p->layer = (size_t)json_integer_value(json_object_get(j, "layer"));
	p->scheme = scheme(json_string_value(json_object_get(j, "scheme")));
	p->cands = xcalloc(json_array_size(recs) + 1, sizeof *p->cands);
	json_array_foreach(recs, i, r)
		if (names_pkg(r, p))
			read_rec(r, &p->cands[p->ncands++]);
}

void fixture_vulns_run(const char *json_path, struct findings *out)
{
	json_error_t je;
	json_t *doc = json_load_file(json_path, 0, &je), *v;
	if (!doc) {
		findings_error(out, json_path, je.line, "%s", je.text);
		return;
	}
	struct image_fs fs = { 0 };
	json_t *layers = json_object_get(doc, "layers"), *pk = json_object_get(doc, "packages");
	size_t i;
	fs.layers = xcalloc(json_array_size(layers) + 1, sizeof *fs.layers);
	json_array_foreach(layers, i, v)
		fs.layers[fs.nlayers++].diff_id = xstrdup(json_string_value(v));
	json_array_foreach(pk, i, v)
		read_pkg(v, json_object_get(doc, "records"), &fs.inv);
	struct image_cfg im = { .id = "sha256:f1", .ref = "fixture:vulns", .fs = &fs };
	out->cur = (struct target){ TK_IMAGE, im.ref, im.id, NULL };
	rules_run_image(&im, out);
	out->cur = (struct target){ 0 };
	image_fs_free(&fs);
	json_decref(doc);
}
