/* The image audit. Each image is read once, layer by layer, by the image sources; file contents
 * go through the secret engine as they stream. Then the image rules run over the model, the
 * environment rule over the config's Env, and the Dockerfile rules that make sense for an
 * image over the history's created_by lines. */
#include "pipeline/image_audit.h"
#include "pipeline/run.h"
#include "collect/engine.h"
#include "collect/image_cfg.h"
#include "collect/imgsrc.h"
#include "model/cspec.h"
#include "model/dockerfile.h"
#include "rules/rule.h"
#include "secret/secret.h"
#include "util/util.h"
#include "util/version.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The Dockerfile rules whose findings mean the same on an image's history: what a build
 * fetched, trusted or wrote, not how the Dockerfile is laid out. */
static const char *const history_rules[] = {
	"BW-D007", "BW-D011", "BW-D012", "BW-D041", "BW-D043", "BW-D044", "BW-D047",
};

struct found { struct img_secret *v; size_t n, cap; struct secret_stream *ss; };

static void on_secret(void *ctx, const struct secret_match *m)
{
	struct found *f = ctx;
	if (f->n >= 100)    /* a file full of keys is reported by its first hundred */
		return;
	GROW(f->v, f->cap, f->n);
	f->v[f->n++] = (struct img_secret){ xstrdup(m->kind->id), xstrdup(m->kind->name),
	                                    m->kind->severity, m->line, secret_evidence(m) };
}

static void *hook_open(void *arg, const char *path)
{
	struct found *f = xcalloc(1, sizeof *f);
	(void)path;
	f->ss = secret_stream_open(arg, on_secret, f);
	return f;
}

static void hook_feed(void *st, const void *buf, size_t n)
{
	secret_stream_feed(((struct found *)st)->ss, buf, n);
}

static void hook_close(void *st, struct img_file *file)
{
	struct found *f = st;
	secret_stream_close(f->ss);
	file->secrets = f->v;
	file->nsecrets = f->n;
	free(f);
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

static void report(const char *ref, struct image_read *rd, struct findings *out)
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
	out->cur = (struct target){ TK_IMAGE, im->ref, im->id, NULL };
	rules_run_image(im, out);
	check_env(im, out);
	check_history(im, out);
	out->cur = (struct target){ 0 };
	image_cfg_free(im);
}

/* The engine's description of an image in the shape of an image config: Config, the diff_ids
 * it verified on arrival, and the history (oldest first). NULL when it has no such image. */
static json_t *engine_config(struct engine *e, const char *ref, char **id, char **tag)
{
	char *p = xasprintf("/images/%s/json", ref), *h = xasprintf("/images/%s/history", ref);
	json_t *ins = NULL, *hist = NULL, *cfg = NULL, *out = json_array();
	char *err = NULL, *err2 = NULL;
	if (engine_get(e, p, &ins, &err) / 100 == 2 && engine_get(e, h, &hist, &err2) / 100 == 2) {
		for (size_t i = json_array_size(hist); i-- > 0;) {
			json_t *x = json_array_get(hist, i);
			json_array_append_new(out, json_pack("{s:O?,s:b}", "created_by",
			                                     json_object_get(x, "CreatedBy"), "empty_layer",
			                                     json_integer_value(json_object_get(x, "Size")) == 0));
		}
		cfg = json_pack("{s:O?,s:{s:s,s:O?},s:O}", "config", json_object_get(ins, "Config"),
		                "rootfs", "type", "layers", "diff_ids",
		                json_object_get(json_object_get(ins, "RootFS"), "Layers"), "history", out);
		*id = xstrdup(json_string_value(json_object_get(ins, "Id")));
		*tag = xstrdup(json_string_value(json_array_get(json_object_get(ins, "RepoTags"), 0)));
	}
	json_decref(out);
	json_decref(ins);
	json_decref(hist);
	free(err);
	free(err2);
	free(p);
	free(h);
	return cfg;
}

/* The engine, connected once for every image named by reference; NULL with *why when it
 * cannot be reached (the same reason then serves every such image). */
struct engine_conn { struct engine *e; char *why; bool tried; };

static struct engine *engine_of(const struct image_audit_opts *o, struct engine_conn *c)
{
	if (!c->tried) {
		struct engine_endpoint ep = { 0 };
		struct engine_opts eo = { o->engine ? o->engine->timeout : 0, 1 };
		c->tried = true;
		if (engine_endpoint_resolve(&ep, o->engine ? o->engine->host : NULL,
		                            o->engine ? o->engine->context : NULL, &c->why) == 0)
			c->e = engine_connect(&ep, &eo, &c->why);
		engine_endpoint_free(&ep);
	}
	return c->e;
}

/* A name the engine knows: from the layer cache alone when every layer is there, else
 * streamed from GET /images/{name}/get. The walker's complaints
 * about a stream the engine cut short are replaced by the engine's own error. */
static int from_engine(const struct image_audit_opts *o, struct engine_conn *conn,
                       const char *ref, const struct imgsrc_opts *so, struct image_read *rd,
                       struct findings *out)
{
	char *err = NULL, *path = xasprintf("/images/%s/get", ref);
	struct engine *e = engine_of(o, conn);
	struct findings tmp = { 0 };
	int rc = -1;
	if (!e)
		err = xstrdup(conn->why ? conn->why : "cannot reach the engine");
	char *id = NULL, *tag = NULL;
	json_t *cfg = e ? engine_config(e, ref, &id, &tag) : NULL;
	if (cfg && so->cache_path && imgsrc_cached(ref, cfg, so, rd, out) == 0)
		rc = 0;
	json_decref(cfg);
	struct engine_stream *s = e && rc != 0 ? engine_stream_open(e, path, &err) : NULL;
	if (s) {
		rc = imgsrc_stream(engine_stream_read, s, ref, so, rd, &tmp);
		if (engine_stream_close(s, &err) / 100 == 2 && !err) {
			findings_move(out, &tmp);
		} else {
			findings_free(&tmp);
			rc = -1;
		}
	}
	if (err)
		findings_error(out, ref, 0, "%s", err);
	/* named as the engine names it, however it was asked for (an id from audit --images) */
	if (rc == 0 && tag) {
		free(rd->ref);
		rd->ref = tag;
		tag = NULL;
	}
	if (rc == 0 && id && !rd->id) {
		rd->id = id;
		id = NULL;
	}
	free(id);
	free(tag);
	findings_free(&tmp);
	free(err);
	free(path);
	return rc;
}

/* "oci:DIR" or "oci:DIR:REF" (REF after the last ':' that follows the last '/'). */
static int from_oci(const char *spec, const struct imgsrc_opts *so, struct image_read *rd,
                    struct findings *out)
{
	char *dir = xstrdup(spec);
	char *slash = strrchr(dir, '/'), *colon = strrchr(dir, ':');
	const char *want = NULL;
	if (colon && (!slash || colon > slash)) {
		*colon = '\0';
		want = colon + 1;
	}
	int rc = imgsrc_oci_layout(dir, want, so, rd, out);
	free(dir);
	return rc;
}

void image_audit(const struct image_audit_opts *o, char **refs, size_t n, struct findings *out,
                 struct image_audit_counts *c)
{
	const char *why = NULL;
	const struct secret_db *db = secret_db_get(&why);
	char *id = xasprintf("secrets-%016llx-%s", (unsigned long long)secret_db_pattern_hash(),
	                     bulwark_version);
	struct content_hook hook = { hook_open, hook_feed, hook_close, (void *)db, id };
	struct imgsrc_opts so = { o->max_layer_bytes, 0, o->cache, db ? &hook : NULL };
	struct engine_conn conn = { 0 };
	memset(c, 0, sizeof *c);
	if (!db)
		findings_warn(out, "secret engine", 0, "%s; file contents are not scanned",
		              why ? why : "unavailable");
	for (size_t i = 0; i < n; i++) {
		struct image_read rd = { 0 };
		const char *ref = refs[i];
		if (str_prefix(ref, "docker-archive:"))
			imgsrc_docker_archive(ref + 15, NULL, &so, &rd, out);
		else if (str_prefix(ref, "oci:"))
			from_oci(ref + 4, &so, &rd, out);
		else
			from_engine(o, &conn, ref, &so, &rd, out);
		if (rd.config) {
			report(ref, &rd, out);
			c->images++;
		}
		c->layers += rd.fs.nlayers;
		c->layers_scanned += rd.layers_scanned;
		c->layers_cached += rd.layers_cached;
		image_read_free(&rd);
	}
	engine_close(conn.e);
	free(conn.why);
	free(id);
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
                   char **refs, size_t n)
{
	struct findings out = { 0 };
	struct image_audit_counts k;
	char *cache = run_cache_file(c);
	struct image_audit_opts io = { a, cache, c->max_layer_bytes };
	image_audit(&io, refs, n, &out, &k);
	free(cache);
	image_audit_note(&k);
	return pipeline_finish(e, &out, k.images);
}
