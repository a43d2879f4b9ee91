/* The image audit. Each image is read once, layer by layer, by the image reader (collect/); file
 * contents go through the secret engine as they stream. Then the image rules run over the model, the
 * environment rule over the config's Env, and the Dockerfile rules that make sense for an
 * image over the history's created_by lines. */
#include "pipeline/image_audit.h"
#include "collect/sbom_read.h"
#include "pipeline/run.h"
#include "pipeline/vuln_scan.h"
#include "pipeline/rematch.h"
#include "collect/inv_store.h"
#include "collect/image_cfg.h"
#include "collect/image_read.h"
#include "model/cspec.h"
#include "model/dockerfile.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The Dockerfile rules whose findings mean the same on an image's history: what a build
 * fetched, trusted or wrote, not how the Dockerfile is laid out. BW-D006 is Dockle's
 * CIS-DI-0009, which Dockle judges on an image's history. */
static const char *const history_rules[] = {
	"BW-D006", "BW-D007", "BW-D011", "BW-D012", "BW-D041", "BW-D043", "BW-D044", "BW-D047",
};

/* "ADD file:<sha> in /", "COPY multi:<sha> in /etc/": how the classic builder records the
 * context files it copied, not an instruction anyone wrote; no Dockerfile rule judges them. */
static bool build_artifact(const char *c)
{
	static const char *const srcs[] = { "file:", "multi:", "dir:", NULL };
	if (!str_prefix(c, "ADD ") && !str_prefix(c, "COPY "))
		return false;
	c += strcspn(c, " ");
	c += strspn(c, " ");
	for (const char *const *s = srcs; *s; s++)
		if (str_prefix(c, *s) && strstr(c, " in "))
			return true;
	return false;
}

/* "/bin/sh -c #(nop)  ENV A=b" -> "ENV A=b"; "/bin/sh -c make" -> "RUN make";
 * "|2 A=1 B=2 /bin/sh -c make" -> "RUN make"; BuildKit's "RUN /bin/sh -c make # buildkit" ->
 * "RUN make". Newlines become continuations so each entry stays one instruction. */
static void history_line(struct buf *b, const char *c)
{
	const char *sh = "/bin/sh -c ";
	size_t n = strlen(c);
	if (*c == '|') {
		const char *s = strstr(c, sh);
		c = s ? s : c + n;
	}
	if (str_prefix(c, "RUN ") && str_prefix(c + 4, sh))
		c += 4;
	bool run = str_prefix(c, sh);
	if (run)
		c += strlen(sh);
	while (*c == ' ')
		c++;
	bool nop = str_prefix(c, "#(nop)");
	if (nop)
		for (c += 6; *c == ' '; c++)
			;
	if ((nop || !run) && build_artifact(c))
		return;
	n = strlen(c);
	if (n >= 11 && !strcmp(c + n - 11, " # buildkit"))
		n -= 11;
	if (run && !nop)
		buf_adds(b, "RUN ");
	for (size_t i = 0; i < n; i++)
		c[i] == '\n' ? buf_adds(b, "\\\n") : buf_addc(b, c[i]);
	buf_addc(b, '\n');
}

static bool history_rule(const struct rule *r)
{
	for (size_t i = 0; i < sizeof history_rules / sizeof *history_rules; i++)
		if (!strcmp(r->id, history_rules[i]))
			return true;
	return false;
}

/* Findings of the history rules, with the history line as evidence and no file location. */
static void check_history(const struct image_cfg *im, struct findings *out)
{
	struct buf b = { 0 };
	char *err = NULL;
	int line;
	buf_adds(&b, "FROM scratch\n");
	for (size_t i = 0; i < im->nhistory; i++)
		history_line(&b, im->history[i]);
	struct dockerfile *df = dockerfile_parse("history", b.s, b.len, &err, &line);
	struct findings tmp = { .cur = out->cur };
	if (df)
		rules_run_dockerfile(df, &tmp);
	for (size_t i = 0; i < tmp.n; i++) {
		struct finding *f = &tmp.v[i];
		if (history_rule(f->rule))
			finding_add(out, f->rule, LOC_NONE, f->evidence, "history: %s", f->message);
	}
	findings_free(&tmp);
	dockerfile_free(df);
	free(err);
	free(b.s);
}

/* The config's Env through the container rule that judges environment variables. */
static void check_env(const struct image_cfg *im, struct findings *out)
{
	const struct rule *r = rule_find("BW-C020");
	struct cspec *c = cspec_new(CSPEC_IMAGE);
	c->name = xstrdup(im->ref);
	for (size_t i = 0; i < im->nenv; i++) {
		const char *eq = strchr(im->env[i], '=');
		if (!eq)
			continue;
		char *k = xstrndup(im->env[i], (size_t)(eq - im->env[i]));
		cspec_add_env(c, k, eq + 1, LOC_NONE);
		free(k);
	}
	if (r && r->check_cspec)
		r->check_cspec(r, c, out);
	cspec_free(c);
}

/* The image and its packages, for the fleet store: copied, as rd is freed before the run
 * ends (the strings only, not the candidate records). */
static void keep_inv(struct fleet_inv *v, const struct image_cfg *im, const struct pkg_inv *inv)
{
	struct fleet_image *fi = v ? fleet_inv_image(v, im->id, im->ref) : NULL;
	if (!fi || fi->have_pkgs)
		return;
	fi->have_pkgs = true;
	for (size_t i = 0; i < inv->npkgs; i++) {
		const struct pkg *p = &inv->pkgs[i];
		fleet_inv_pkg(fi, &(struct fleet_pkg){ p->ecosystem, p->name, p->version,
			(char *)pkg_kind_name(p->kind), p->source, p->source_version, (int)p->scheme });
	}
}

static void report(const char *ref, struct image_read *rd, struct vuln_scan *vs,
                   struct inv_store *keep, struct fleet_inv *fi, struct findings *out)
{
	struct image_cfg *im = image_cfg_from_inspect(rd->config);
	if (!im)
		return;
	image_cfg_set_history(im, json_object_get(rd->config, "history"));
	free(im->ref);
	im->ref = xstrdup(rd->ref ? rd->ref : ref);
	if (rd->id) {
		free(im->id);
		im->id = xstrdup(rd->id);
	}
	im->fs = &rd->fs;
	vuln_scan_fill(vs, im->ref, &rd->fs.inv, out);
	out->cur = (struct target){ TK_IMAGE, im->ref, im->id, NULL };
	size_t first = out->n;
	rules_run_image(im, out);
	if (vs)
		rematch_keep(keep, im->id, im->ref, &rd->fs.inv, out, first);
	vuln_scan_filter(vs, out, first);
	keep_inv(fi, im, &rd->fs.inv);
	check_env(im, out);
	check_history(im, out);
	out->cur = (struct target){ 0 };
	image_cfg_free(im);
}

/* sbom:FILE, an inventory another tool wrote: only its packages are judged, against the store. */
static void report_sbom(const char *ref, struct vuln_scan *vs, struct findings *out)
{
	const struct rule *r = rule_find("BW-V001");
	struct image_fs fs = { 0 };
	struct image_cfg im = { .id = (char *)ref, .ref = (char *)ref, .fs = &fs };
	char err[512];
	if (!vs) {
		findings_error(out, ref, 0, "an SBOM has packages, not layers: scan it with bulwark "
		               "vulns (or image --vulns)");
		return;
	}
	if (sbom_read(ref + 5, &fs.inv, err, sizeof err) != 0) {
		findings_error(out, ref + 5, 0, "%s", err);
		return;
	}
	vuln_scan_fill(vs, ref, &fs.inv, out);
	out->cur = (struct target){ TK_IMAGE, ref, NULL, NULL };
	size_t first = out->n;
	if (r && r->check_image)
		r->check_image(r, &im, out);
	vuln_scan_filter(vs, out, first);
	out->cur = (struct target){ 0 };
	pkg_inv_clear(&fs.inv);
}

void image_audit(const struct image_audit_opts *o, char **refs, size_t n, struct findings *out,
                 struct image_audit_counts *c)
{
	const struct audit_opts *a = o->engine;
	struct image_reader_opts ro = { a ? a->host : NULL, a ? a->context : NULL,
	                                a ? a->timeout : 0, o->cache, o->max_layer_bytes,
	                                o->vulns && o->vulns->on, a ? a->registry_ca : NULL,
	                                a && a->insecure };
	struct image_reader *r = image_reader_open(&ro, out);
	struct vuln_scan *vs = vuln_scan_open(o->vulns, time(NULL), out);
	struct inv_store *keep = rematch_store(vs, out);
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		struct image_read rd = { 0 };
		if (!strncmp(refs[i], "sbom:", 5)) {
			report_sbom(refs[i], vs, out);
			c->images++;
			continue;
		}
		image_reader_read(r, refs[i], &rd, out);
		if (rd.config) {
			report(refs[i], &rd, vs, keep, o->inv, out);
			c->images++;
		}
		c->layers += rd.fs.nlayers;
		c->layers_scanned += rd.layers_scanned;
		c->layers_cached += rd.layers_cached;
		image_read_free(&rd);
	}
	inv_store_close(keep);
	vuln_scan_close(vs);
	image_reader_close(r);
}

char *image_cache_default(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (x && *x == '/')
		return xasprintf("%s/bulwark/layers.db", x);
	return home && *home == '/' ? xasprintf("%s/.cache/bulwark/layers.db", home) : NULL;
}

void image_audit_note(const struct image_audit_counts *n)
{
	fprintf(stderr, "bulwark: note: %zu %s, %zu layers (%zu scanned, %zu from the cache)\n",
	        n->images, n->images == 1 ? "image" : "images", n->layers, n->layers_scanned,
	        n->layers_cached);
}

int pipeline_image(const struct run_end *e, const struct audit_opts *a, const struct run_cache *c,
                   const struct run_vulns *v, char **refs, size_t n)
{
	struct findings out = { 0 };
	struct image_audit_counts k;
	char *cache = run_cache_file(c);
	struct fleet_inv inv = { 0 };
	struct run_end with_inv = *e;
	with_inv.store.inv = e->store.url ? &inv : NULL;
	struct image_audit_opts io = { a, cache, c->max_layer_bytes, v, with_inv.store.inv };
	image_audit(&io, refs, n, &out, &k);
	free(cache);
	image_audit_note(&k);
	int rc = pipeline_finish(&with_inv, &out, k.images);
	fleet_inv_free(&inv);
	return rc;
}
