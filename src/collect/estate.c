#include "collect/estate.h"
#include "collect/daemon.h"
#include "collect/engine.h"
#include "collect/host.h"
#include "collect/image_cfg.h"
#include "collect/inspect.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct estate_priv {
	struct estate pub;
	const struct audit_opts *o;
	struct findings *out;
	struct engine *e;          /* NULL once it failed */
	char *ename;
	const char *root;
	char *replay_root;         /* --replay without --root: the recording's own host tree */
	json_t *info, *version, *containers, *images;
	char **cids; size_t ncids, cat;     /* containers to audit, and the next one */
	char **refs; size_t nrefs, iat;     /* images to audit, and the next one */
	bool named;                /* refs are the --image names asked for */
};
static void engine_failed(struct estate_priv *a, const char *err)
{
	findings_error(a->out, a->ename, 0, "%s", err ? err : "request failed");
	engine_close(a->e);
	a->e = NULL;
}

/* One GET; NULL on any failure. A transport failure ends all engine work; an error status is an
 * error only where the caller says the answer is required. */
static json_t *get(struct estate_priv *a, const char *path, bool required)
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
static void get_many(struct estate_priv *a, char **paths, size_t n, json_t **res)
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

static bool connect_engine(struct estate_priv *a)
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

static void collect_daemon(struct estate_priv *a)
{
	char *unit = host_unit_path(a->root, "docker.service");
	struct daemon_inputs in = { a->root, a->o->daemon_json, unit, a->info, a->version,
	                            a->ename };
	daemon_collect(&a->pub.d, &in, a->out);
	free(unit);
	if (a->containers || a->images)
		daemon_add_counts(&a->pub.d, a->containers, a->images);
	json_t *swarm = json_object_get(a->info, "Swarm");
	if (!str_eq(jstr(swarm, "LocalNodeState"), "active"))
		return;
	bool manager = json_is_true(json_object_get(swarm, "ControlAvailable"));
	json_t *sw = manager ? get(a, "/swarm", false) : NULL;
	json_t *nodes = manager ? get(a, "/nodes", false) : NULL;
	json_t *nets = get(a, "/networks", false);
	json_t *secrets = manager ? get(a, "/secrets", false) : NULL;
	/* Only a manager can list services; a worker is judged by its tasks (daemon_add_counts). */
	json_t *services = manager ? get(a, "/services", false) : NULL;
	daemon_add_swarm(&a->pub.d, sw, nodes, nets, secrets);
	daemon_add_services(&a->pub.d, services);
	json_decref(services);
	json_decref(sw);
	json_decref(nodes);
	json_decref(nets);
	json_decref(secrets);
}

static void collect_host(struct estate_priv *a)
{
	struct host_inputs in = {
		.root = a->root,
		.data_root = a->pub.d.data_root,
		.daemon_json = a->o->daemon_json,
		.tls_ca = a->pub.d.tls_ca, .tls_cert = a->pub.d.tls_cert, .tls_key = a->pub.d.tls_key,
		.sockets = (const char *const *)a->pub.d.unix_sockets,
		.hostname = jstr(a->info, "Name"),
		.live = !*a->root && !a->o->replay,
		.stat_overrides = a->o->stat_overrides,
	};
	host_collect(&a->pub.h, &in, a->out);
}

/* What every container spec points at: the daemon's settings and, when read, the host's LSMs. */
static void engine_facts(struct estate_priv *a)
{
	a->pub.ce = (struct cs_engine){
		.lsm_known = a->pub.h.apparmor.known && a->pub.h.selinux.known,
		.apparmor = a->pub.h.apparmor.enabled,
		.selinux = a->pub.h.selinux.enabled,
		.data_root = a->pub.d.data_root,
		.sockets = (const char *const *)a->pub.d.unix_sockets,
		.default_ulimits = a->pub.d.default_ulimits,
		.no_new_privileges = a->pub.d.no_new_privileges,
	};
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
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
static void check_names_found(struct estate_priv *a)
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

/* Whether name is among the first n of v. */
static bool listed(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], name))
			return true;
	return false;
}

/* A live container shows a named volume by its name and its _data directory only: ask the
 * engine what each volume of the batch is, so a local volume that binds a host path is judged
 * as that path. */
static void follow_volumes(struct estate_priv *a, struct cspec **cs, size_t n)
{
	size_t nv = 0, cap = 0;
	char **names = NULL;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; cs[i] && k < cs[i]->nmounts; k++) {
			const struct cs_mount *m = &cs[i]->mounts[k];
			if (m->type != MOUNT_VOLUME || !m->source || !*m->source ||
			    strchr(m->source, '/') || listed(names, nv, m->source))
				continue;
			GROW(names, cap, nv);
			names[nv++] = m->source;
		}
	char **paths = xcalloc(nv ? nv : 1, sizeof *paths);
	json_t **res = xcalloc(nv ? nv : 1, sizeof *res);
	for (size_t v = 0; v < nv; v++)
		paths[v] = xasprintf("/volumes/%s", names[v]);
	if (nv)
		get_many(a, paths, nv, res);
	for (size_t v = 0; v < nv; v++) {
		for (size_t i = 0; res[v] && i < n; i++)
			if (cs[i])
				cspec_follow_volume(cs[i], res[v]);
		json_decref(res[v]);
		free(paths[v]);
	}
	free(res);
	free(paths);
	free(names);
}

enum { EXEC_CHUNK = 64 };

struct exec_reqs {
	char *paths[EXEC_CHUNK];
	struct cspec *owner[EXEC_CHUNK];
	json_t *inspect[EXEC_CHUNK];     /* the owner's, to tell its health probes */
	size_t n;
};

static void exec_flush(struct estate_priv *a, struct exec_reqs *q)
{
	json_t *res[EXEC_CHUNK] = { 0 };
	if (q->n)
		get_many(a, q->paths, q->n, res);
	for (size_t k = 0; k < q->n; k++) {
		if (res[k])
			cspec_add_exec_inspect(q->owner[k], res[k], q->inspect[k]);
		json_decref(res[k]);
		free(q->paths[k]);
	}
	q->n = 0;
}

/* The execs on record of a batch's containers, at most CSPEC_MAX_EXECS each, asked EXEC_CHUNK
 * at a time so that few answers are held at once. */
static void read_execs(struct estate_priv *a, struct cspec **cs, json_t **ins, size_t n)
{
	struct exec_reqs q = { .n = 0 };
	const char *ids[CSPEC_MAX_EXECS];
	for (size_t i = 0; i < n; i++) {
		size_t m = cs[i] ? cspec_exec_ids(cs[i], ins[i], ids) : 0;
		if (cs[i] && cs[i]->nexec_ids > CSPEC_MAX_EXECS)
			findings_warn(a->out, a->ename, 0, "container %s lists %zu execs: only %d are "
			              "audited", cs[i]->name ? cs[i]->name : "?", cs[i]->nexec_ids,
			              CSPEC_MAX_EXECS);
		for (size_t k = 0; k < m; k++) {
			q.owner[q.n] = cs[i];
			q.inspect[q.n] = ins[i];
			q.paths[q.n++] = xasprintf("/exec/%s/json", ids[k]);
			if (q.n == EXEC_CHUNK)
				exec_flush(a, &q);
		}
	}
	exec_flush(a, &q);
}

/* One batch of containers: inspect each, then find the running ones' processes: from their
 * cgroups when this host can see them (a file read), else from the engine's /top (which runs ps
 * each time). */
static void container_batch(struct estate_priv *a, char **ids, size_t n, struct cspec **cs)
{
	char **paths = xcalloc(n, sizeof *paths), **tops = xcalloc(n, sizeof *tops);
	json_t **ins = xcalloc(n, sizeof *ins), **top = xcalloc(n, sizeof *top);
	size_t *who = xcalloc(n, sizeof *who), nt = 0;
	for (size_t i = 0; i < n; i++)
		paths[i] = xasprintf("/containers/%s/json", ids[i]);
	get_many(a, paths, n, ins);
	for (size_t i = 0; i < n; i++) {
		cs[i] = cspec_from_inspect(ins[i], &a->pub.ce);
		if (cs[i] && json_is_true(json_object_get(json_object_get(ins[i], "State"), "Running")) &&
		    !cspec_procs_from_cgroup(cs[i], ins[i], a->root)) {
			who[nt] = i;
			tops[nt++] = xasprintf("/containers/%s/top", ids[i]);
		}
	}
	follow_volumes(a, cs, n);
	read_execs(a, cs, ins, n);
	json_t **tres = xcalloc(nt ? nt : 1, sizeof *tres);
	get_many(a, tops, nt, tres);
	for (size_t k = 0; k < nt; k++)
		top[who[k]] = tres[k];
	for (size_t i = 0; i < n; i++) {
		if (cs[i] && top[i])
			cspec_set_procs(cs[i], top[i], a->root);
		json_decref(ins[i]);
		json_decref(top[i]);
		free(paths[i]);
		free(tops[i]);
	}
	free(tres);
	free(who);
	free(top);
	free(ins);
	free(tops);
	free(paths);
}

size_t estate_next_containers(struct estate *es, struct cspec **batch, size_t max)
{
	struct estate_priv *a = (struct estate_priv *)es;
	size_t n = a->ncids - a->cat < max ? a->ncids - a->cat : max;
	if (!a->e || !n)
		return 0;
	container_batch(a, a->cids + a->cat, n, batch);
	a->cat += n;
	return n;
}

size_t estate_next_images(struct estate *es, struct image_cfg **batch, size_t max)
{
	struct estate_priv *a = (struct estate_priv *)es;
	size_t n = a->nrefs - a->iat < max ? a->nrefs - a->iat : max;
	if (!a->e || !n)
		return 0;
	char **refs = a->refs + a->iat, **paths = xcalloc(n, sizeof *paths);
	json_t **res = xcalloc(n, sizeof *res);
	for (size_t i = 0; i < n; i++)
		paths[i] = xasprintf("/images/%s/json", refs[i]);
	get_many(a, paths, n, res);
	for (size_t i = 0; i < n; i++) {
		if (!res[i] && a->named && a->e)
			findings_error(a->out, a->ename, 0, "no such image: %s", refs[i]);
		batch[i] = image_cfg_from_inspect(res[i]);
		json_decref(res[i]);
		free(paths[i]);
	}
	free(res);
	free(paths);
	a->iat += n;
	return n;
}

size_t estate_image_refs(struct estate *es, char ***refs)
{
	struct estate_priv *a = (struct estate_priv *)es;
	*refs = a->refs;
	return a->e ? a->nrefs : 0;
}

bool estate_live(const struct estate *es)
{
	return ((const struct estate_priv *)es)->e != NULL;
}

static void list_containers(struct estate_priv *a)
{
	size_t i;
	json_t *c;
	a->cids = xcalloc(json_array_size(a->containers) + 1, sizeof *a->cids);
	json_array_foreach(a->containers, i, c)
		if (jstr(c, "Id") && wanted(a->o, c))
			a->cids[a->ncids++] = (char *)jstr(c, "Id");
	if (a->containers)
		check_names_found(a);
}

static void list_images(struct estate_priv *a)
{
	size_t i;
	json_t *im;
	a->named = a->o->nimages > 0;
	if (a->named) {
		a->refs = a->o->images;
		a->nrefs = a->o->nimages;
		return;
	}
	a->refs = xcalloc(json_array_size(a->images) + 1, sizeof *a->refs);
	json_array_foreach(a->images, i, im)
		if (jstr(im, "Id"))
			a->refs[a->nrefs++] = (char *)jstr(im, "Id");
}

/* --container limits the audit to containers, --image to images; neither: everything. */
struct estate *estate_open(const struct audit_opts *o, struct findings *out)
{
	struct estate_priv *a = xcalloc(1, sizeof *a);
	bool only_c = o->ncontainers > 0, only_i = o->nimages > 0;
	bool want_c = !o->only || (o->only & AUDIT_CONTAINERS);
	bool want_i = !o->only || (o->only & AUDIT_IMAGES);
	a->o = o;
	a->out = out;
	a->root = o->root ? o->root : "";
	/* A recording is another machine: none of this one's files belong in its audit. Its host
	 * files are its root/ directory, if it has one. */
	if (o->replay && !o->root)
		a->root = a->replay_root = xasprintf("%s/root", o->replay);
	a->pub.host_read = !a->replay_root || is_dir(a->replay_root);
	if (!a->pub.host_read)
		findings_warn(out, a->replay_root, 0, "the recording holds no host files (root/): "
		              "the host is not audited");
	if (o->no_engine)
		a->ename = xstrdup("docker");
	else if (connect_engine(a)) {
		a->info = get(a, "/info", true);
		a->version = get(a, "/version", false);
		/* a recording may leave out what its case does not need */
		bool live = !o->replay;
		if (!only_i && want_c)
			a->containers = get(a, "/containers/json?all=1", live);
		if (!only_c && !only_i && want_i)
			a->images = get(a, "/images/json", live);
	}
	collect_daemon(a);
	if (a->pub.host_read)
		collect_host(a);
	engine_facts(a);
	a->pub.name = a->ename;
	a->pub.engine_id = jstr(a->info, "ID");
	a->pub.total = json_array_size(a->containers) + (only_i ? o->nimages
	                                                 : json_array_size(a->images));
	if (!only_i && want_c)
		list_containers(a);
	if (!only_c && want_i)
		list_images(a);
	return &a->pub;
}

void estate_close(struct estate *es)
{
	struct estate_priv *a = (struct estate_priv *)es;
	if (!a)
		return;
	if (!a->named)
		free(a->refs);
	free(a->cids);
	json_decref(a->info);
	json_decref(a->version);
	json_decref(a->containers);
	json_decref(a->images);
	daemon_free(&a->pub.d);
	host_free(&a->pub.h);
	engine_close(a->e);
	free(a->ename);
	free(a->replay_root);
	free(a);
}
