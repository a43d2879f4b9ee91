/* One service mapping -> one cspec. Simple fields go through a table; the structured ones are in
 * compose_svc2.c. Wrong types are reported per key and the key is skipped. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct loc y_loc(const struct svc *s, const struct ynode *n)
{
	return (struct loc){ cx_path(s->cx, n->file), n->line };
}

void svc_type_err(struct svc *s, const char *key, const struct ynode *n, const char *what)
{
	findings_error(s->cx->out, cx_path(s->cx, n->file), n->line, "services.%s.%s: expected %s",
	               s->name, key, what);
}

void svc_env_set(struct svc *s, const char *key, const char *val, bool interpolated,
                 struct loc loc)
{
	size_t *i = smap_get(&s->envidx, key);
	struct cs_env *e;
	if (i) {
		e = &s->c->env[*i];
		free(e->value);
		e->value = xstrdup(val);
		e->interpolated = interpolated;
		e->loc = loc;
		return;
	}
	e = cspec_add_env(s->c, key, val, loc);
	e->interpolated = interpolated;
	smap_put(&s->envidx, e->key, s->c->nenv - 1);
}

/* Text of a scalar, NULL for null; lists and mappings are reported. */
static const char *scalar(struct svc *s, const char *key, const struct ynode *v, bool *bad)
{
	*bad = v->kind == Y_SEQ || v->kind == Y_MAP;
	if (*bad)
		svc_type_err(s, key, v, "a string");
	return y_text(v);
}

static void f_image(struct svc *s, const char *key, struct ynode *v)
{
	bool bad;
	const char *t = scalar(s, key, v, &bad);
	if (!bad)
		cs_set(&s->c->image, t, y_loc(s, v));
}

static void f_restart(struct svc *s, const char *key, struct ynode *v)
{
	bool bad;
	const char *t = scalar(s, key, v, &bad);
	if (!t)
		return;
	const char *colon = strchr(t, ':');
	char *pol = colon ? xstrndup(t, (size_t)(colon - t)) : xstrdup(t);
	cs_set(&s->c->restart, pol, y_loc(s, v));
	if (colon && parse_int(colon + 1, &s->c->restart_max.v)) {
		s->c->restart_max.set = true;
		s->c->restart_max.loc = y_loc(s, v);
	}
	free(pol);
}

static void f_expose(struct svc *s, const char *key, struct ynode *v)
{
	if (v->kind != Y_SEQ) {
		svc_type_err(s, key, v, "a list");
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct ynode *it = v->items[i];
		if (it->kind == Y_STR)
			add_port_short(s->c, it->s, false, y_loc(s, it));
		else if (it->kind != Y_NULL)
			svc_type_err(s, key, it, "a list of ports");
	}
}

static void f_tmpfs(struct svc *s, const char *key, struct ynode *v)
{
	struct ynode *one[1] = { v }, **items = v->kind == Y_SEQ ? v->items : one;
	size_t n = v->kind == Y_SEQ ? v->n : 1;
	for (size_t i = 0; i < n; i++) {
		const char *t = y_text(items[i]);
		if (!t) {
			if (items[i]->kind != Y_NULL)
				svc_type_err(s, key, items[i], "a string or a list of strings");
			continue;
		}
		struct cs_mount *m = cspec_add_mount(s->c);
		m->type = MOUNT_TMPFS;
		m->target = xstrndup(t, strcspn(t, ":"));
		m->loc = y_loc(s, items[i]);
	}
}

/* environment and sysctls arrive as mappings (service_normalize). */
static void f_environment(struct svc *s, const char *key, struct ynode *v)
{
	(void)key;
	for (size_t i = 0; v->kind == Y_MAP && i < v->n; i++)
		svc_env_set(s, v->pairs[i].key, y_text(v->pairs[i].val), v->pairs[i].val->interpolated,
		            y_loc(s, v->pairs[i].val));
}

static void f_sysctls(struct svc *s, const char *key, struct ynode *v)
{
	(void)key;
	for (size_t i = 0; v->kind == Y_MAP && i < v->n; i++) {
		const char *val = y_text(v->pairs[i].val);
		char *kv = val ? xasprintf("%s=%s", v->pairs[i].key, val) : xstrdup(v->pairs[i].key);
		cs_strs_add(&s->c->sysctls, kv, y_loc(s, v->pairs[i].val));
		free(kv);
	}
}

typedef void (*field_fn)(struct svc *s, const char *key, struct ynode *v);
enum fkind { F_STR, F_FLAG, F_BYTES, F_INT, F_CPUS, F_STRS, F_FN };

#define O(f) offsetof(struct cspec, f)
static const struct field { const char *key; enum fkind kind; size_t off; field_fn fn; } fields[] = {
	{ "image", F_FN, 0, f_image },
	{ "privileged", F_FLAG, O(privileged), NULL },
	{ "read_only", F_FLAG, O(read_only), NULL },
	{ "cap_add", F_STRS, O(cap_add), NULL },
	{ "cap_drop", F_STRS, O(cap_drop), NULL },
	{ "security_opt", F_STRS, O(security_opt), NULL },
	{ "network_mode", F_STR, O(network_mode), NULL },
	{ "pid", F_STR, O(pid_mode), NULL },
	{ "ipc", F_STR, O(ipc_mode), NULL },
	{ "uts", F_STR, O(uts_mode), NULL },
	{ "userns_mode", F_STR, O(userns_mode), NULL },
	{ "cgroup", F_STR, O(cgroupns_mode), NULL },
	{ "cgroup_parent", F_STR, O(cgroup_parent), NULL },
	{ "user", F_STR, O(user), NULL },
	{ "cpuset", F_STR, O(cpuset), NULL },
	{ "mem_limit", F_BYTES, O(memory), NULL },
	{ "memswap_limit", F_BYTES, O(memory_swap), NULL },
	{ "mem_reservation", F_BYTES, O(memory_reservation), NULL },
	{ "cpu_shares", F_INT, O(cpu_shares), NULL },
	{ "cpu_quota", F_INT, O(cpu_quota), NULL },
	{ "cpu_period", F_INT, O(cpu_period), NULL },
	{ "pids_limit", F_INT, O(pids_limit), NULL },
	{ "cpus", F_CPUS, O(nano_cpus), NULL },
	{ "restart", F_FN, 0, f_restart },
	{ "ports", F_FN, 0, svc_ports },
	{ "expose", F_FN, 0, f_expose },
	{ "volumes", F_FN, 0, svc_volumes },
	{ "tmpfs", F_FN, 0, f_tmpfs },
	{ "devices", F_FN, 0, svc_devices },
	{ "environment", F_FN, 0, f_environment },
	{ "sysctls", F_FN, 0, f_sysctls },
	{ "ulimits", F_FN, 0, svc_ulimits },
	{ "healthcheck", F_FN, 0, svc_healthcheck },
};

static void strs(struct svc *s, const char *key, struct ynode *v, struct cs_strs *l)
{
	if (v->kind != Y_SEQ) {
		if (v->kind != Y_NULL)
			svc_type_err(s, key, v, "a list");
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->kind == Y_STR)
			cs_strs_add(l, v->items[i]->s, y_loc(s, v->items[i]));
		else if (v->items[i]->kind != Y_NULL)
			svc_type_err(s, key, v->items[i], "a list of strings");
	}
}

static void num(struct svc *s, const struct field *f, struct ynode *v, void *p)
{
	struct cs_num *n = p;
	bool bad, ok = false;
	const char *t = scalar(s, f->key, v, &bad);
	if (!t)
		return;
	if (f->kind == F_BYTES)
		ok = parse_bytes(t, &n->v);
	else if (f->kind == F_INT)
		ok = parse_int(t, &n->v);
	else
		ok = parse_cpus(t, &n->v);
	if (!ok) {
		svc_type_err(s, f->key, v, f->kind == F_BYTES ? "a byte size" : "a number");
		return;
	}
	n->set = true;
	n->loc = y_loc(s, v);
}

static void apply(struct svc *s, const struct field *f, struct ynode *v)
{
	void *p = (char *)s->c + f->off;
	bool bad;
	const char *t;
	switch (f->kind) {
	case F_FN:
		f->fn(s, f->key, v);
		break;
	case F_STRS:
		strs(s, f->key, v, p);
		break;
	case F_STR:
		if ((t = scalar(s, f->key, v, &bad)))
			cs_set(p, t, y_loc(s, v));
		break;
	case F_FLAG:
		if (!(t = scalar(s, f->key, v, &bad)))
			break;
		if (!parse_bool(t, &((struct cs_flag *)p)->v)) {
			svc_type_err(s, f->key, v, "a boolean");
			break;
		}
		((struct cs_flag *)p)->set = true;
		((struct cs_flag *)p)->loc = y_loc(s, v);
		break;
	default:
		num(s, f, v, p);
	}
}

struct cspec *service_to_cspec(struct cctx *cx, const char *name, struct ynode *svc)
{
	struct svc s = { .cx = cx, .c = cspec_new(CSPEC_COMPOSE), .name = name };
	service_normalize(cx, name, svc);
	s.c->name = xstrdup(name);
	s.c->loc = y_loc(&s, svc);
	struct ynode *ef = y_get(svc, "env_file");
	if (ef && ef->tag != YT_RESET)
		svc_env_file(&s, ef);
	for (size_t i = 0; i < svc->n; i++) {
		struct ynode *v = svc->pairs[i].val;
		if (v->tag == YT_RESET)
			continue;
		for (size_t j = 0; j < sizeof fields / sizeof *fields; j++)
			if (str_eq(svc->pairs[i].key, fields[j].key))
				apply(&s, &fields[j], v);
	}
	struct ynode *build = y_get(svc, "build");
	s.c->built = build && build->tag != YT_RESET && build->kind != Y_NULL;
	struct ynode *dep = y_get(svc, "deploy");
	if (dep && dep->tag != YT_RESET)
		svc_deploy(&s, dep);
	smap_free(&s.envidx);
	return s.c;
}

/* Calls fn for each entry of a list; a non-list is reported. */
void svc_each(struct svc *s, const char *key, struct ynode *v,
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
