/* Service keys on how the container runs: ulimits, healthcheck, and deploy's resources and
 * restart policy. */
#include "collect/compose_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

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
			ok = parse_int(y_key_text(u, "soft"), &soft) && parse_int(y_key_text(u, "hard"), &hard);
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
	const char *dis = y_key_text(v, "disable");
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
