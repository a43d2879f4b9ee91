/* The live audit. A handful of engine calls (/info, /version, the container and image lists,
 * then inspects fetched concurrently), the host's files read directly, every model built once,
 * every rule run once over it. When the engine fails mid-run, what was gathered is still
 * checked and reported, with one error naming the request that failed. */
#include "pipeline/audit.h"
#include "collect/daemon.h"
#include "collect/engine.h"
#include "collect/host.h"
#include "collect/image_cfg.h"
#include "collect/inspect.h"
#include "pipeline/image_audit.h"
#include "pipeline/lint.h"
#include "pipeline/run.h"
#include "model/daemon.h"
#include "model/host.h"
#include "rules/rule.h"
#include "util/progress.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* Inspects are fetched and checked in batches, so memory stays bounded for any number. */
#define BATCH 256

struct audit {
	const struct audit_opts *o;
	struct findings *out;
	struct audit_counts *n;
	struct engine *e;          /* NULL once it failed */
	char *ename;               /* the endpoint, naming the engine in messages and targets */
	const char *root;
	json_t *info, *version, *containers, *images;
	struct daemon d;
	struct host h;
	struct cs_engine ce;
	struct progress prog;
	size_t done;
};

static void engine_failed(struct audit *a, const char *err)
{
	findings_error(a->out, a->ename, 0, "%s", err ? err : "request failed");
	engine_close(a->e);
	a->e = NULL;
}

/* One GET; NULL on any failure. A transport failure ends all engine work; an error status is an
 * error only where the caller says the answer is required. */
static json_t *get(struct audit *a, const char *path, bool required)
{
	json_t *j = NULL;
	char *err = NULL;
	if (!a->e)
		return NULL;
	int st = engine_get(a->e, path, &j, &err);
	if (st < 0) {
		engine_failed(a, err);
	} else if (st >= 300 || !j) {
		if (required && err)
			findings_error(a->out, a->ename, 0, "%s", err);
		else if (required)
			findings_error(a->out, a->ename, 0, "GET %s: no answer", path);
		json_decref(j);
		j = NULL;
	}
	free(err);
	return j;
}

/* n GETs at once; out[i] NULL where that one failed. A transport failure of any of them is
 * reported once and stops engine work after this batch. */
static void get_many(struct audit *a, char **paths, size_t n, json_t **res)
{
	int *st = xcalloc(n ? n : 1, sizeof *st);
	char **err = xcalloc(n ? n : 1, sizeof *err);
	const char *failed = NULL;
	if (a->e)
		engine_get_many(a->e, (const char *const *)paths, n, st, res, err);
	for (size_t i = 0; i < n; i++) {
		if (st[i] < 0 && !failed)
			failed = err[i] ? err[i] : "request failed";
		if (st[i] < 200 || st[i] >= 300) {
			json_decref(res[i]);
			res[i] = NULL;
		}
	}
	if (failed)
		engine_failed(a, failed);
	for (size_t i = 0; i < n; i++)
		free(err[i]);
	free(err);
	free(st);
}

/* The error is printed after the endpoint already, so the endpoint is not repeated in it:
 * "cannot connect to unix:///x: refused" becomes "cannot connect: refused". */
static char *unprefixed(const char *ename, const char *err)
{
	const char *cc = "cannot connect to ";
	size_t n = strlen(ename), k = strlen(cc);
	if (!err)
		return xstrdup("cannot reach the engine");
	if (str_prefix(err, cc) && !strncmp(err + k, ename, n) && !strncmp(err + k + n, ": ", 2))
		return xasprintf("cannot connect: %s", err + k + n + 2);
	if (!strncmp(err, ename, n) && !strncmp(err + n, ": ", 2))
		return xstrdup(err + n + 2);
	return xstrdup(err);
}

static bool connect_engine(struct audit *a)
{
	struct engine_endpoint ep = { 0 };
	struct engine_opts eo = { a->o->timeout, a->o->parallel };
	char *err = NULL;
	if (a->o->replay) {
		a->ename = xstrdup(a->o->replay);
		a->e = engine_replay(a->o->replay, &err);
	} else if (engine_endpoint_resolve(&ep, a->o->host, a->o->context, &err) == 0) {
		a->ename = xstrdup(ep.host);
		a->e = engine_connect(&ep, &eo, &err);
	} else {
		a->ename = xstrdup(a->o->host ? a->o->host : a->o->context ? a->o->context : "docker");
	}
	engine_endpoint_free(&ep);
	if (!a->e) {
		char *msg = unprefixed(a->ename, err);
		findings_error(a->out, a->ename, 0, "%s", msg);
		free(msg);
	}
	free(err);
	return a->e != NULL;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void collect_daemon(struct audit *a)
{
	char *unit = host_unit_path(a->root, "docker.service");
	struct daemon_inputs in = { a->root, a->o->daemon_json, unit, a->info, a->version,
	                            a->ename };
	daemon_collect(&a->d, &in, a->out);
	free(unit);
	if (a->containers || a->images)
		daemon_add_counts(&a->d, a->containers, a->images);
	json_t *swarm = json_object_get(a->info, "Swarm");
	if (!str_eq(jstr(swarm, "LocalNodeState"), "active"))
		return;
	bool manager = json_is_true(json_object_get(swarm, "ControlAvailable"));
	json_t *sw = manager ? get(a, "/swarm", false) : NULL;
	json_t *nodes = manager ? get(a, "/nodes", false) : NULL;
	json_t *nets = get(a, "/networks", false);
	json_t *secrets = manager ? get(a, "/secrets", false) : NULL;
	daemon_add_swarm(&a->d, sw, nodes, nets, secrets);
	json_decref(sw);
	json_decref(nodes);
	json_decref(nets);
	json_decref(secrets);
}

static void collect_host(struct audit *a)
{
	struct host_inputs in = {
		.root = a->root,
		.data_root = a->d.data_root,
		.daemon_json = a->o->daemon_json,
		.tls_ca = a->d.tls_ca, .tls_cert = a->d.tls_cert, .tls_key = a->d.tls_key,
		.sockets = (const char *const *)a->d.unix_sockets,
		.hostname = jstr(a->info, "Name"),
		.live = !*a->root && !a->o->replay,
		.stat_overrides = a->o->stat_overrides,
	};
	host_collect(&a->h, &in, a->out);
	a->ce = (struct cs_engine){
		.lsm_known = a->h.apparmor.known && a->h.selinux.known,
		.apparmor = a->h.apparmor.enabled,
		.selinux = a->h.selinux.enabled,
		.data_root = a->d.data_root,
		.sockets = (const char *const *)a->d.unix_sockets,
		.default_ulimits = a->d.default_ulimits,
		.no_new_privileges = a->d.no_new_privileges,
	};
}

static void run_host_rules(struct audit *a)
{
	a->out->cur = (struct target){ TK_HOST, a->h.hostname.v, NULL, NULL };
	rules_run_host(&a->h, a->out);
	a->out->cur = (struct target){ TK_DAEMON, a->ename, jstr(a->info, "ID"), NULL };
	rules_run_daemon(&a->d, a->out);
}

static bool wanted(const struct audit_opts *o, json_t *c)
{
	const char *id = jstr(c, "Id");
	size_t i;
	json_t *nm;
	if (!o->ncontainers)
		return true;
	for (size_t k = 0; k < o->ncontainers; k++) {
		const char *w = o->containers[k];
		if (id && strlen(w) >= 4 && str_prefix(id, w))
			return true;
		json_array_foreach(json_object_get(c, "Names"), i, nm) {
			const char *n = json_string_value(nm);
			if (n && (!strcmp(n, w) || (*n == '/' && !strcmp(n + 1, w))))
				return true;
		}
	}
	return false;
}

/* --container names that match no container are errors: the user asked for them. */
static void check_names_found(struct audit *a)
{
	for (size_t k = 0; k < a->o->ncontainers; k++) {
		struct audit_opts one = { 0 };
		size_t i;
		json_t *c;
		bool found = false;
		one.containers = &a->o->containers[k];
		one.ncontainers = 1;
		json_array_foreach(a->containers, i, c)
			found = found || wanted(&one, c);
		if (!found)
			findings_error(a->out, a->ename, 0, "no such container: %s",
			               a->o->containers[k]);
	}
}

static void check_container(struct audit *a, struct cspec *c, json_t *top)
{
	if (!c)
		return;
	if (top)
		cspec_set_procs(c, top, a->root);
	a->out->cur = (struct target){ TK_CONTAINER, c->name, c->id, c->state };
	rules_run_cspec(c, a->out);
	a->out->cur.state = NULL;
	cspec_free(c);
	a->n->containers++;
}

/* One batch: inspect each, then find the running ones' processes: from their cgroups when this
 * host can see them (a file read), else from the engine's /top (which runs ps each time). */
static void container_batch(struct audit *a, char **ids, size_t n)
{
	char **paths = xcalloc(n, sizeof *paths), **tops = xcalloc(n, sizeof *tops);
	json_t **ins = xcalloc(n, sizeof *ins), **top = xcalloc(n, sizeof *top);
	size_t *who = xcalloc(n, sizeof *who), nt = 0;
	struct cspec **cs = xcalloc(n, sizeof *cs);
	for (size_t i = 0; i < n; i++)
		paths[i] = xasprintf("/containers/%s/json", ids[i]);
	get_many(a, paths, n, ins);
	for (size_t i = 0; i < n; i++) {
		cs[i] = cspec_from_inspect(ins[i], &a->ce);
		if (cs[i] && json_is_true(json_object_get(json_object_get(ins[i], "State"), "Running")) &&
		    !cspec_procs_from_cgroup(cs[i], ins[i], a->root)) {
			who[nt] = i;
			tops[nt++] = xasprintf("/containers/%s/top", ids[i]);
		}
	}
	json_t **tres = xcalloc(nt ? nt : 1, sizeof *tres);
	get_many(a, tops, nt, tres);
	for (size_t k = 0; k < nt; k++)
		top[who[k]] = tres[k];
	for (size_t i = 0; i < n; i++) {
		check_container(a, cs[i], top[i]);
		json_decref(ins[i]);
		json_decref(top[i]);
		free(paths[i]);
		free(tops[i]);
	}
	free(tres);
	free(cs);
	free(who);
	free(top);
	free(ins);
	free(tops);
	free(paths);
	progress_step(&a->prog, a->done += n);
}

static void audit_containers(struct audit *a)
{
	size_t i, n = 0;
	json_t *c;
	char **ids = xcalloc(json_array_size(a->containers) + 1, sizeof *ids);
	json_array_foreach(a->containers, i, c)
		if (jstr(c, "Id") && wanted(a->o, c))
			ids[n++] = (char *)jstr(c, "Id");
	if (a->containers)
		check_names_found(a);
	for (size_t at = 0; at < n && a->e; at += BATCH)
		container_batch(a, ids + at, n - at < BATCH ? n - at : BATCH);
	free(ids);
}

static void check_image(struct audit *a, json_t *j)
{
	struct image_cfg *im = image_cfg_from_inspect(j);
	if (!im)
		return;
	a->out->cur = (struct target){ TK_IMAGE, im->ref, im->id, NULL };
	rules_run_image(im, a->out);
	image_cfg_free(im);
	a->n->images++;
}

static void image_batch(struct audit *a, char **refs, size_t n, bool named)
{
	char **paths = xcalloc(n, sizeof *paths);
	json_t **res = xcalloc(n, sizeof *res);
	for (size_t i = 0; i < n; i++)
		paths[i] = xasprintf("/images/%s/json", refs[i]);
	get_many(a, paths, n, res);
	for (size_t i = 0; i < n; i++) {
		if (!res[i] && named && a->e)
			findings_error(a->out, a->ename, 0, "no such image: %s", refs[i]);
		check_image(a, res[i]);
		json_decref(res[i]);
		free(paths[i]);
	}
	free(res);
	free(paths);
	progress_step(&a->prog, a->done += n);
}

/* Every layer of the images: streamed from the engine one image at a time. */
static void audit_images_full(struct audit *a, char **refs, size_t n)
{
	struct image_audit_opts io = { a->o, a->o->cache, 0 };
	struct image_audit_counts c;
	image_audit(&io, refs, n, a->out, &c);
	a->n->images += c.images;
	a->n->layers += c.layers;
	a->n->layers_scanned += c.layers_scanned;
	a->n->layers_cached += c.layers_cached;
	progress_step(&a->prog, a->done += n);
}

static void audit_images(struct audit *a)
{
	size_t i, n = 0;
	json_t *im;
	bool named = a->o->nimages > 0;
	char **refs = named ? a->o->images : xcalloc(json_array_size(a->images) + 1, sizeof *refs);
	if (named)
		n = a->o->nimages;
	else
		json_array_foreach(a->images, i, im)
			if (jstr(im, "Id"))
				refs[n++] = (char *)jstr(im, "Id");
	if (a->o->images_full && a->e)
		audit_images_full(a, refs, n);
	else
		for (size_t at = 0; at < n && a->e; at += BATCH)
			image_batch(a, refs + at, n - at < BATCH ? n - at : BATCH, named);
	if (!named)
		free(refs);
}

/* --container limits the audit to containers, --image to images; neither: everything. */
void audit_run(const struct audit_opts *o, struct findings *out, struct audit_counts *n)
{
	struct audit a = { .o = o, .out = out, .n = n, .root = o->root ? o->root : "" };
	bool only_c = o->ncontainers > 0, only_i = o->nimages > 0;
	memset(n, 0, sizeof *n);
	if (o->no_engine)
		a.ename = xstrdup("docker");
	else if (connect_engine(&a)) {
		a.info = get(&a, "/info", true);
		a.version = get(&a, "/version", false);
		/* a recording may leave out what its case does not need */
		bool live = !o->replay;
		if (!only_i)
			a.containers = get(&a, "/containers/json?all=1", live);
		if (!only_c && !only_i)
			a.images = get(&a, "/images/json", live);
	}
	collect_daemon(&a);
	collect_host(&a);
	if (!only_c && !only_i)
		run_host_rules(&a);
	progress_start(&a.prog, json_array_size(a.containers) + (only_i ? o->nimages
	                                                        : json_array_size(a.images)),
	               "auditing");
	if (!only_i)
		audit_containers(&a);
	if (!only_c)
		audit_images(&a);
	progress_end(&a.prog);
	n->inputs = 1 + n->containers + n->images;
	out->cur = (struct target){ 0 };
	json_decref(a.info);
	json_decref(a.version);
	json_decref(a.containers);
	json_decref(a.images);
	daemon_free(&a.d);
	host_free(&a.h);
	engine_close(a.e);
	free(a.ename);
}

/* The live audit, then the files named on the command line, in one report. */
int pipeline_audit(const struct run_end *e, struct audit_opts *a, const struct run_cache *c,
                   const struct run_files *f)
{
	struct findings out = { 0 };
	struct audit_counts n;
	char *cache = a->images_full ? run_cache_file(c) : NULL;
	a->cache = cache;
	audit_run(a, &out, &n);
	if (a->images_full)
		image_audit_note(&(struct image_audit_counts){ n.images, n.layers, n.layers_scanned,
		                                               n.layers_cached });
	free(cache);
	struct lint l = { .out = &out };
	if (f->ncompose)
		lint_compose(&l, (const char *const *)f->compose, f->ncompose);
	if (f->npaths)
		lint_paths(&l, f->paths, f->npaths);
	return pipeline_finish(e, &out, n.inputs + l.inputs);
}
