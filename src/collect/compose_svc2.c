/* Structured service keys: ports, volumes, devices (short and long syntax), env_file, ulimits,
 * healthcheck and deploy. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char *text(const struct ynode *map, const char *key)
{
	return y_text(y_get(map, key));
}

/* Calls fn for each entry of a list; a non-list is reported. */
static void each(struct svc *s, const char *key, struct ynode *v,
                 void (*fn)(struct svc *s, const char *key, struct ynode *it))
{
	if (v->kind != Y_SEQ) {
		if (v->kind != Y_NULL)
			svc_type_err(s, key, v, "a list");
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i]->kind != Y_NULL)
			fn(s, key, v->items[i]);
}

static void port(struct svc *s, const char *key, struct ynode *it)
{
	if (it->kind == Y_STR) {
		add_port_short(s->c, it->s, true, y_loc(s, it));
		return;
	}
	const char *target = it->kind == Y_MAP ? text(it, "target") : NULL;
	if (!target) {
		svc_type_err(s, key, it, it->kind == Y_MAP ? "a target port" : "a port or a mapping");
		return;
	}
	struct cs_port *p = cspec_add_port(s->c);
	const char *ip = text(it, "host_ip"), *pub = text(it, "published");
	p->host_ip = ip && *ip ? xstrdup(ip) : NULL;
	p->host_port = pub && *pub ? xstrdup(pub) : NULL;
	p->container_port = xstrdup(target);
	p->proto = xstrdup(text(it, "protocol") ? text(it, "protocol") : "tcp");
	p->published = true;
	p->loc = y_loc(s, it);
}

void svc_ports(struct svc *s, const char *key, struct ynode *v)
{
	each(s, key, v, port);
}

static enum mount_type mount_type(const char *t, const char *src)
{
	if (!t)
		return src && strchr("/.~", *src) && *src ? MOUNT_BIND : MOUNT_VOLUME;
	return str_eq(t, "bind")     ? MOUNT_BIND
	       : str_eq(t, "volume") ? MOUNT_VOLUME
	       : str_eq(t, "tmpfs")  ? MOUNT_TMPFS
	       : str_eq(t, "npipe")  ? MOUNT_NPIPE
	                             : MOUNT_OTHER;
}

static void volume(struct svc *s, const char *key, struct ynode *it)
{
	if (it->kind == Y_STR) {
		add_volume_short(s->c, it->s, y_loc(s, it));
		return;
	}
	const char *target = it->kind == Y_MAP ? text(it, "target") : NULL;
	if (!target) {
		svc_type_err(s, key, it, it->kind == Y_MAP ? "a target path" : "a string or a mapping");
		return;
	}
	struct cs_mount *m = cspec_add_mount(s->c);
	const char *src = text(it, "source"), *ro = text(it, "read_only");
	m->type = mount_type(text(it, "type"), src);
	m->source = xstrdup(src);
	m->target = xstrdup(target);
	if (ro && !parse_bool(ro, &m->read_only))
		svc_type_err(s, "volumes.read_only", y_get(it, "read_only"), "a boolean");
	m->propagation = xstrdup(text(y_get(it, "bind"), "propagation"));
	m->loc = y_loc(s, it);
}

void svc_volumes(struct svc *s, const char *key, struct ynode *v)
{
	each(s, key, v, volume);
}

static void device(struct svc *s, const char *key, struct ynode *it)
{
	if (it->kind == Y_STR) {
		add_device_short(s->c, it->s, y_loc(s, it));
		return;
	}
	const char *src = it->kind == Y_MAP ? text(it, "source") : NULL;
	if (!src) {
		svc_type_err(s, key, it, it->kind == Y_MAP ? "a source device" : "a string or a mapping");
		return;
	}
	const char *dst = text(it, "target"), *perms = text(it, "permissions");
	struct cs_device *d = cspec_add_device(s->c);
	d->host = xstrdup(src);
	d->container = xstrdup(dst ? dst : src);
	d->perms = xstrdup(perms ? perms : "rwm");
	d->loc = y_loc(s, it);
}

void svc_devices(struct svc *s, const char *key, struct ynode *v)
{
	each(s, key, v, device);
}

void svc_ulimits(struct svc *s, const char *key, struct ynode *v)
{
	if (v->kind != Y_MAP) {
		if (v->kind != Y_NULL)
			svc_type_err(s, key, v, "a mapping");
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct ynode *u = v->pairs[i].val;
		int64_t soft, hard;
		bool ok = parse_int(y_text(u), &soft);
		hard = soft;
		if (u->kind == Y_MAP) {
			ok = parse_int(text(u, "soft"), &soft) && parse_int(text(u, "hard"), &hard);
		}
		if (!ok) {
			svc_type_err(s, key, u, "a number or soft/hard numbers");
			continue;
		}
		struct cs_ulimit *l = cspec_add_ulimit(s->c);
		l->name = xstrdup(v->pairs[i].key);
		l->soft = soft;
		l->hard = hard;
		l->loc = y_loc(s, u);
	}
}

static char *join(const struct ynode *seq)
{
	struct buf b = { 0 };
	for (size_t i = 0; i < seq->n; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, y_text(seq->items[i]) ? y_text(seq->items[i]) : "");
	}
	return buf_take(&b);
}

void svc_healthcheck(struct svc *s, const char *key, struct ynode *v)
{
	if (v->kind != Y_MAP) {
		if (v->kind != Y_NULL)
			svc_type_err(s, key, v, "a mapping");
		return;
	}
	struct ynode *test = y_get(v, "test");
	const char *dis = text(v, "disable");
	bool disabled = false;
	s->c->healthcheck.set = true;
	s->c->healthcheck.loc = y_loc(s, v);
	if (dis && !parse_bool(dis, &disabled))
		svc_type_err(s, "healthcheck.disable", y_get(v, "disable"), "a boolean");
	free(s->c->healthcheck.test);
	s->c->healthcheck.test = NULL;
	if (test && test->kind == Y_SEQ) {
		s->c->healthcheck.test = join(test);
		disabled |= test->n > 0 && str_eq(y_text(test->items[0]), "NONE");
	} else if (test && test->kind == Y_STR) {
		s->c->healthcheck.test = xstrdup(test->s);
	} else if (test && test->kind == Y_MAP) {
		svc_type_err(s, "healthcheck.test", test, "a string or a list");
	}
	s->c->healthcheck.disabled = disabled;
}

static void env_entries(struct svc *s, const struct envcache *e)
{
	struct cctx *cx = s->cx;
	for (size_t i = 0; i < e->env.n; i++) {
		const struct denv *d = &e->env.v[i];
		if (!y_charge(&cx->b, 1, strlen(d->key) + (d->val ? strlen(d->val) : 0))) {
			cx_budget_check(cx, e->file, d->line);
			return;
		}
		svc_env_set(s, d->key, d->val, false, (struct loc){ cx_path(cx, e->file), d->line });
	}
}

static const struct envcache *env_load(struct svc *s, const struct ynode *at, const char *rel,
                                       bool required)
{
	struct cctx *cx = s->cx;
	char *path = path_join(cx->basedirs[at->file], rel), *dir, *t;
	const struct envcache *r = NULL;
	size_t len;
	int err, file;
	for (size_t i = 0; i < cx->nenvs; i++)
		if (str_eq(cx_path(cx, cx->envs[i].file), path)) {
			free(path);
			return &cx->envs[i];
		}
	t = read_capped(path, COMPOSE_MAX_FILE, &len, &err);
	dir = path_dir(path);
	file = t ? cx_add_path(cx, path, dir) : -1;
	if (file >= 0) {
		GROW(cx->envs, cx->cap_envs, cx->nenvs);
		struct envcache *e = &cx->envs[cx->nenvs++];
		memset(e, 0, sizeof *e);
		e->file = file;
		dotenv_parse(&e->env, t, len, cx);
		r = e;
	} else if (required) {
		findings_warn(cx->out, cx_path(cx, at->file), at->line,
		              "services.%s.env_file: cannot read %s: %s", s->name, path,
		              t ? "too many files" : strerror(err));
	}
	free(t);
	free(dir);
	free(path);
	return r;
}

static void env_file(struct svc *s, const char *key, struct ynode *it)
{
	const char *rel = y_text(it), *req = NULL;
	bool required = true;
	if (it->kind == Y_MAP) {
		rel = text(it, "path");
		req = text(it, "required");
	}
	if (!rel || (req && !parse_bool(req, &required))) {
		svc_type_err(s, key, it, "a path or a mapping with `path`");
		return;
	}
	const struct envcache *e = env_load(s, it, rel, required);
	if (e)
		env_entries(s, e);
}

void svc_env_file(struct svc *s, struct ynode *v)
{
	if (v->kind == Y_STR)
		env_file(s, "env_file", v);
	else
		each(s, "env_file", v, env_file);
}

static void deploy_num(struct svc *s, struct ynode *map, const char *key, const char *path,
                       struct cs_num *n, bool (*parse)(const char *, int64_t *))
{
	struct ynode *v = y_get(map, key);
	if (!v || v->kind == Y_NULL || n->set)
		return;
	if (!y_text(v) || !parse(y_text(v), &n->v)) {
		svc_type_err(s, path, v, parse == parse_bytes ? "a byte size" : "a number");
		return;
	}
	n->set = true;
	n->loc = y_loc(s, v);
}

static void deploy_restart(struct svc *s, struct ynode *rp)
{
	struct ynode *cond = y_get(rp, "condition");
	const char *c = y_text(cond);
	if (!c)
		return;
	cs_set(&s->c->restart, str_eq(c, "any") ? "always" : str_eq(c, "none") ? "no" : c,
	       y_loc(s, cond));
	deploy_num(s, rp, "max_attempts", "deploy.restart_policy.max_attempts", &s->c->restart_max,
	           parse_int);
}

/* deploy.* only fills what the top-level keys left unset, as `docker compose up` does. */
void svc_deploy(struct svc *s, struct ynode *v)
{
	if (v->kind != Y_MAP) {
		if (v->kind != Y_NULL)
			svc_type_err(s, "deploy", v, "a mapping");
		return;
	}
	struct ynode *res = y_get(v, "resources"), *lim = y_get(res, "limits");
	struct ynode *resv = y_get(res, "reservations"), *rp = y_get(v, "restart_policy");
	deploy_num(s, lim, "memory", "deploy.resources.limits.memory", &s->c->memory, parse_bytes);
	deploy_num(s, lim, "cpus", "deploy.resources.limits.cpus", &s->c->nano_cpus, parse_cpus);
	deploy_num(s, lim, "pids", "deploy.resources.limits.pids", &s->c->pids_limit, parse_int);
	deploy_num(s, resv, "memory", "deploy.resources.reservations.memory",
	           &s->c->memory_reservation, parse_bytes);
	if (!s->c->restart.s && rp && rp->kind == Y_MAP)
		deploy_restart(s, rp);
}
