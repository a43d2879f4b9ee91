/* Re-matching kept inventories (pipeline/rematch.h). A finding is new when its (package,
 * vulnerability id) was not among the image's matches last time; every match, fixed or not,
 * is what is recorded, so --ignore-unfixed only changes what is shown. */
#include "pipeline/rematch.h"
#include "collect/inv_store.h"
#include "model/image.h"
#include "model/image_fs.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct inv_store *rematch_store(struct vuln_scan *vs, struct findings *out)
{
	char err[512];
	if (!vs)
		return NULL;
	struct inv_store *s = inv_store_open(vuln_scan_path(vs), true, err, sizeof err);
	if (!s)
		findings_warn(out, vuln_scan_path(vs), 0, "inventories are not kept for --rematch: %s",
		              err);
	return s;
}

static char *key_of(const struct finding *f)
{
	return xasprintf("%s\x1f%s", f->vuln->package, f->vuln->id);
}

/* The keys of the vulnerability findings from index from on. */
static char **keys_of(const struct findings *out, size_t from, size_t *n)
{
	char **k = xcalloc(out->n - from + 1, sizeof *k);
	*n = 0;
	for (size_t i = from; i < out->n; i++)
		if (out->v[i].vuln)
			k[(*n)++] = key_of(&out->v[i]);
	return k;
}

static void keys_free(char **k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i]);
	free(k);
}

void rematch_keep(struct inv_store *s, const char *digest, const char *ref,
                  const struct pkg_inv *inv, struct findings *out, size_t from)
{
	char err[512];
	size_t n;
	if (!s || !digest)
		return;
	char **k = keys_of(out, from, &n);
	if (!inv_store_save(s, digest, ref, time(NULL), inv, k, n, err, sizeof err))
		findings_warn(out, ref, 0, "inventory not kept for --rematch: %s", err);
	keys_free(k, n);
}

/* findings_remove_if takes no context: the entry being re-matched, for seen_before. */
static const struct inv_entry *g_entry;

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool seen_before(const struct finding *f)
{
	if (!f->vuln)
		return false;
	char *k = key_of(f);
	bool seen = g_entry->nfound && bsearch(&k, g_entry->found, g_entry->nfound,
	                                       sizeof *g_entry->found, by_str);
	free(k);
	return seen;
}

/* Whether the keys (sorted here) are the entry's found ones: then nothing needs writing. */
static bool same_keys(char **k, size_t n, const struct inv_entry *en)
{
	if (n != en->nfound)
		return false;
	qsort(k, n, sizeof *k, by_str);
	for (size_t i = 0; i < n; i++)
		if (strcmp(k[i], en->found[i]))
			return false;
	return true;
}

static void rematch_one(struct vuln_scan *vs, struct inv_store *s, struct inv_entry *en,
                        struct findings *out)
{
	const struct rule *r = rule_find("BW-V001");
	struct image_fs fs = { 0 };
	struct image_cfg im = { .id = en->digest, .ref = en->ref, .fs = &fs };
	char err[512];
	size_t n;
	fs.inv = en->inv;   /* lent to fs for the rule, taken back below */
	vuln_scan_fill(vs, en->ref, &fs.inv, out);
	out->cur = (struct target){ TK_IMAGE, en->ref, en->digest, NULL };
	size_t first = out->n;
	if (r && r->check_image)
		r->check_image(r, &im, out);
	char **k = keys_of(out, first, &n);
	if (!same_keys(k, n, en) && !inv_store_set_found(s, en->digest, k, n, err, sizeof err))
		findings_error(out, en->ref, 0, "%s", err);
	keys_free(k, n);
	g_entry = en;
	findings_remove_if(out, first, seen_before);
	vuln_scan_filter(vs, out, first);
	out->cur = (struct target){ 0 };
	en->inv = fs.inv;
}

int pipeline_rematch(const struct run_end *e, const struct run_vulns *v)
{
	struct findings out = { 0 };
	struct vuln_scan *vs = vuln_scan_open(v, time(NULL), &out);
	struct inv_store *s = NULL;
	struct inv_entry en = { 0 };
	char err[512] = "";
	size_t n = 0;
	int rc = 0;
	if (vs && !(s = inv_store_open(vuln_scan_path(vs), false, err, sizeof err)) && *err)
		findings_error(&out, vuln_scan_path(vs), 0, "%s", err);
	while (s && (rc = inv_store_next(s, &en, err, sizeof err)) == 1) {
		rematch_one(vs, s, &en, &out);
		n++;
	}
	if (rc < 0)
		findings_error(&out, vuln_scan_path(vs), 0, "%s", err);
	if (vs && !s && !*err)
		findings_warn(&out, vuln_scan_path(vs), 0, "no inventories are kept yet: scan images "
		              "with bulwark vulns (or image --vulns) first");
	inv_entry_clear(&en);
	inv_store_close(s);
	vuln_scan_close(vs);
	fprintf(stderr, "bulwark: note: %zu stored %s re-matched\n", n,
	        n == 1 ? "inventory" : "inventories");
	return pipeline_finish(e, &out, n);
}
