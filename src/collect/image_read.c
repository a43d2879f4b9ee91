#include "collect/image_read.h"
#include "collect/registry.h"
#include "collect/engine.h"
#include "secret/secret.h"
#include "util/util.h"
#include "util/version.h"
#include <stdlib.h>
#include <string.h>

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
	f->ss = secret_stream_open(arg, on_secret, f);
	secret_stream_set_comments(f->ss, secret_comment_markers(path));
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

struct image_reader {
	struct image_reader_opts o;
	struct imgsrc_opts so;
	struct content_hook hook;
	char *hook_id;
	struct engine_conn conn;
};

static struct engine *engine_of(const struct image_reader_opts *o, struct engine_conn *c)
{
	if (!c->tried) {
		struct engine_endpoint ep = { 0 };
		struct engine_opts eo = { o->timeout, 1 };
		c->tried = true;
		if (engine_endpoint_resolve(&ep, o->host, o->context, &c->why) == 0)
			c->e = engine_connect(&ep, &eo, &c->why);
		engine_endpoint_free(&ep);
	}
	return c->e;
}

/* A name the engine knows: from the layer cache alone when every layer is there, else
 * streamed from GET /images/{name}/get. The walker's complaints
 * about a stream the engine cut short are replaced by the engine's own error. */
static int from_engine(const struct image_reader_opts *o, struct engine_conn *conn,
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

struct image_reader *image_reader_open(const struct image_reader_opts *o, struct findings *out)
{
	struct image_reader *r = xcalloc(1, sizeof *r);
	const char *why = NULL;
	const struct secret_db *db = secret_db_get(&why);
	r->o = *o;
	/* the cache key of a layer's scan: a new pattern set or version scans again */
	r->hook_id = xasprintf("secrets-%016llx-%s", (unsigned long long)secret_db_pattern_hash(),
	                       bulwark_version);
	r->hook = (struct content_hook){ hook_open, hook_feed, hook_close, (void *)db, r->hook_id };
	r->so = (struct imgsrc_opts){ o->max_layer_bytes, 0, o->cache, db ? &r->hook : NULL,
	                             o->pkg_warnings };
	if (!db)
		findings_warn(out, "secret engine", 0, "%s; file contents are not scanned",
		              why ? why : "unavailable");
	return r;
}

void image_reader_read(struct image_reader *r, const char *ref, struct image_read *rd,
                       struct findings *out)
{
	if (str_prefix(ref, "docker-archive:"))
		imgsrc_docker_archive(ref + 15, NULL, &r->so, rd, out);
	else if (str_prefix(ref, "oci:"))
		from_oci(ref + 4, &r->so, rd, out);
	else if (str_prefix(ref, "docker://"))
		imgsrc_registry(ref, &(struct reg_opts){ r->o.registry_ca, NULL, r->o.insecure,
		                                         r->o.timeout }, &r->so, rd, out);
	else
		from_engine(&r->o, &r->conn, ref, &r->so, rd, out);
}

void image_reader_close(struct image_reader *r)
{
	engine_close(r->conn.e);
	free(r->conn.why);
	free(r->hook_id);
	free(r);
}
