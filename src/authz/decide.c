/* One decision: decode, classify, role, then what the request asks for. Reads the policy only,
 * allocates per request only what the answer holds, so calls run concurrently. */
#include "authz/authz_int.h"
#include "collect/create.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void deny(struct authz_decision *d, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void deny(struct authz_decision *d, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->allow = false;
	d->rule = xstrdup(rule);
	d->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

static bool any_glob(char *const *pats, const char *s)
{
	for (size_t i = 0; pats && pats[i]; i++)
		if (s && glob_match(pats[i], s))
			return true;
	return false;
}

/* labels: "key=glob" (or "key": present) each carried in the create body's Labels. */
static bool labels_match(char *const *want, json_t *body)
{
	json_t *labels = json_object_get(body, "Labels");
	for (size_t i = 0; want && want[i]; i++) {
		const char *eq = strchr(want[i], '=');
		char *key = eq ? xstrndup(want[i], (size_t)(eq - want[i])) : xstrdup(want[i]);
		const char *v = json_string_value(json_object_get(labels, key));
		free(key);
		if (!v || (eq && !glob_match(eq + 1, v)))
			return false;
	}
	return true;
}

/* An image reference in the form the docker CLI shows it: the newer CLI sends
 * docker.io/library/alpine where the older sent alpine. NULL when there is nothing to drop. */
static const char *familiar(const char *ref)
{
	const char *p = NULL;
	if (!ref)
		return NULL;
	if (!strncmp(ref, "docker.io/", 10))
		p = ref + 10;
	else if (!strncmp(ref, "index.docker.io/", 16))
		p = ref + 16;
	if (p && !strncmp(p, "library/", 8) && strchr(p + 8, '/') == NULL)
		p += 8;
	return p;
}

/* names: a glob matches the target as sent or, for an image, its familiar form. */
static bool names_match(char *const *pats, const struct authz_action *a)
{
	return any_glob(pats, a->target) || (a->registry && any_glob(pats, familiar(a->target)));
}

static bool grant_matches(const struct authz_grant *g, const struct authz_action *a, json_t *body)
{
	return authz_action_match(g->action, a->name) &&
	       (!g->names || names_match(g->names, a)) &&
	       (!g->registries || any_glob(g->registries, a->registry)) &&
	       (!g->labels || labels_match(g->labels, body));
}

static const struct authz_grant *first_match(const struct authz_grant *g, size_t n,
                                             const struct authz_action *a, json_t *body)
{
	for (size_t i = 0; i < n; i++)
		if (grant_matches(&g[i], a, body))
			return &g[i];
	return NULL;
}

static bool exempt(const struct authz_role *r, const struct rule *ru)
{
	for (size_t i = 0; i < r->nexempt; i++)
		if (!strcmp(r->exempt[i], ru->id))
			return true;
	return false;
}

/* The first sentence of a remediation, for a one-line message. */
static char *first_sentence(const char *s)
{
	const char *e = s ? strstr(s, ". ") : NULL;
	const char *nl = s ? strchr(s, '\n') : NULL;
	if (nl && (!e || nl < e))
		e = nl - 1;
	return s ? xstrndup(s, e ? (size_t)(e - s + 1) : strlen(s)) : xstrdup("");
}

/* An update body holds only resources and the restart policy, with null, 0 or "" for "leave
 * as it is", so a rule can only be broken by a setting the update changes: the rules about a
 * setting missing from the container (no-new-privileges, read-only root, ...) do not apply. */
static bool update_sets(const char *field, json_t *v)
{
	if (!strcmp(field, "PidsLimit"))   /* null leaves it; 0 and -1 mean unlimited */
		return json_is_integer(v);
	return (json_is_integer(v) && json_integer_value(v) != 0) ||
	       (json_is_string(v) && *json_string_value(v)) || json_array_size(v) > 0;
}

static bool update_changes(const struct rule *ru, json_t *body)
{
	static const struct { const char *rule, *fields[5]; } m[] = {
		{ "BW-C012", { "Memory" } },
		{ "BW-C013", { "NanoCpus", "CpuShares", "CpuQuota", "CpusetCpus" } },
		{ "BW-C014", { "PidsLimit" } },
		{ "BW-C023", { "Devices" } },
		{ "BW-C027", { "CgroupParent" } },
	};
	if (!strcmp(ru->id, "BW-C018")) {
		const char *n = json_string_value(
			json_object_get(json_object_get(body, "RestartPolicy"), "Name"));
		return n && *n;
	}
	for (size_t i = 0; i < sizeof m / sizeof *m; i++) {
		if (strcmp(ru->id, m[i].rule))
			continue;
		for (size_t k = 0; k < 5 && m[i].fields[k]; k++)
			if (update_sets(m[i].fields[k], json_object_get(body, m[i].fields[k])))
				return true;
	}
	return false;
}

/* update: the body of a container.update request, else NULL. */
static void check_spec(const struct authz_policy *p, const struct authz_role *r,
                       struct cspec *c, json_t *update, struct authz_decision *d)
{
	struct findings f = { 0 };
	int block = r->block_severity >= 0 ? r->block_severity : p->block_severity;
	const struct finding *worst = NULL;
	f.cur = (struct target){ TK_CONTAINER, c->name ? c->name : "(new container)", NULL, NULL };
	rules_run_cspec(c, &f);
	for (size_t i = 0; i < f.n; i++) {
		const struct finding *x = &f.v[i];
		if ((int)x->severity < block || exempt(r, x->rule) ||
		    (update && !update_changes(x->rule, update)))
			continue;
		if (!worst || x->severity > worst->severity ||
		    (x->severity == worst->severity && strcmp(x->rule->id, worst->rule->id) < 0))
			worst = x;
	}
	if (worst) {
		char *fix = first_sentence(worst->rule->remediation);
		deny(d, worst->rule->id, "bulwark: denied by %s (%s) for role %s: %s", worst->rule->id,
		     worst->rule->title, r->name, fix);
		free(fix);
	}
	findings_free(&f);
}

static void check_exec(const struct authz_policy *p, const struct authz_role *r, json_t *body,
                       struct authz_decision *d)
{
	const char *user = json_string_value(json_object_get(body, "User"));
	if (p->block_privileged_exec && json_is_true(json_object_get(body, "Privileged")))
		deny(d, "policy", "bulwark: denied by policy (privileged exec, CIS 5.23) for role %s: "
		     "run docker exec without --privileged", r->name);
	else if (p->block_root_exec && user && *user && cs_user_is_root(user))
		deny(d, "policy", "bulwark: denied by policy (exec as root, CIS 5.24) for role %s: "
		     "run docker exec without --user %s, or as an unprivileged user", r->name, user);
}

static void check_plugin(const struct authz_policy *p, const struct authz_role *r, json_t *body,
                         struct authz_decision *d)
{
	if (!p->block_plugin_privileges || json_array_size(body) == 0)
		return;
	const char *name = json_string_value(json_object_get(json_array_get(body, 0), "Name"));
	deny(d, "policy", "bulwark: denied by policy (plugin privileges) for role %s: the plugin "
	     "asks for %s%s; install a plugin that needs no privileges", r->name,
	     name ? name : "privileges", json_array_size(body) > 1 ? " and more" : "");
}

static bool needs_body(const char *action)
{
	return !strcmp(action, "container.create") || !strcmp(action, "container.update") ||
	       !strcmp(action, "container.exec") || !strcmp(action, "plugin.install");
}

/* The named volumes a create request mounts, judged as what they are: a volume the plugin saw
 * created as a host bind becomes that bind. False, with d denied, for a volume it cannot tell. */
static bool follow_volumes(struct authz_volumes *vols, struct cspec *c,
                           const struct authz_role *r, struct authz_decision *d)
{
	for (size_t i = 0; i < c->nmounts; i++) {
		struct cs_mount *m = &c->mounts[i];
		char *dev = NULL;
		bool ro = false;
		if (m->type != MOUNT_VOLUME || !m->source || !*m->source)
			continue;
		int k = authz_volumes_get(vols, m->source, &dev, &ro);
		if (k > 0)
			cs_mount_bind_volume(m, dev, ro);
		free(dev);
		if (k < 0) {
			deny(d, "volume", "bulwark: denied for role %s: volume %s was not created while "
			     "this plugin ran, so whether it binds a host path cannot be told; create it "
			     "with docker volume create first", r->name, m->source);
			return false;
		}
	}
	return true;
}

/* body: parsed, with every judged field of its type (decide_action saw to it), or NULL when the
 * engine forwarded none. */
static void check_content(const struct authz_policy *p, const struct authz_role *r,
                          const struct authz_action *a, json_t *body, bool has_body,
                          struct authz_volumes *vols, struct authz_decision *d)
{
	if (!has_body) {
		if (!p->allow_missing_body)
			deny(d, "policy", "bulwark: denied by policy for role %s: the engine did not "
			     "forward the request body (it does not above 1 MiB), so it cannot be "
			     "checked", r->name);
		return;
	}
	if (!strcmp(a->name, "container.exec"))
		check_exec(p, r, body, d);
	else if (!strcmp(a->name, "plugin.install"))
		check_plugin(p, r, body, d);
	else {
		bool create = !strcmp(a->name, "container.create");
		struct cspec *c = create ? cspec_from_create(body, a->target) :
		                           cspec_from_update(body, a->target);
		if (!c)
			deny(d, "request", "bulwark: denied: the %s request body is not an object",
			     a->name);
		else if (!create || follow_volumes(vols, c, r, d))
			check_spec(p, r, c, create ? NULL : body, d);
		cspec_free(c);
	}
}

/* A judged body the plugin cannot read as the engine would is denied before anything reads it:
 * not JSON, a key twice (Go merges both, jansson would keep one), or a field of another type. */
static char *unreadable(const struct authz_action *a, const struct authz_req *q, json_t **body)
{
	json_error_t e;
	*body = NULL;
	if (!q->body || !authz_body_judged(a->name))
		return NULL;
	*body = json_loadb((const char *)q->body, q->body_len,
	                   JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	if (!*body)
		return xasprintf("is not valid JSON (%s)", e.text);
	char *why = authz_body_shape(a->name, *body);
	char *msg = why ? xasprintf("does not fit the Engine API: %s", why) : NULL;
	free(why);
	return msg;
}

static void decide_action(const struct authz_policy *p, const struct authz_role *r,
                          const struct authz_req *q, const struct authz_action *a,
                          struct authz_volumes *vols, struct authz_decision *d)
{
	json_t *body;
	char *bad = unreadable(a, q, &body);
	if (bad)
		deny(d, "request", "bulwark: denied: the %s request body %s", a->name, bad);
	else if (first_match(r->deny, r->ndeny, a, body))
		deny(d, "role", "bulwark: denied by role %s: %s%s%s is not allowed for this role",
		     r->name, a->name, a->target ? " of " : "", a->target ? a->target : "");
	else if (!first_match(r->allow, r->nallow, a, body))
		deny(d, "role", "bulwark: denied by role %s: %s%s%s is not in its allow list",
		     r->name, a->name, a->target ? " of " : "", a->target ? a->target : "");
	else if (needs_body(a->name))
		check_content(p, r, a, body, q->body != NULL, vols, d);
	if (d->allow)
		authz_volumes_request(vols, a->name, a->target, body);
	free(bad);
	json_decref(body);
}

void authz_decide(const struct authz_policy *p, const char *req, size_t len,
                  struct authz_decision *d)
{
	authz_decide_seen(p, NULL, req, len, d);
}

void authz_decide_seen(const struct authz_policy *p, struct authz_volumes *vols, const char *req,
                       size_t len, struct authz_decision *d)
{
	struct authz_req q;
	struct authz_action a;
	const char *why = NULL;
	memset(d, 0, sizeof *d);
	d->allow = true;
	if (!authz_req_decode(&q, req, len, &why)) {
		deny(d, "request", "bulwark: denied: %s", why);
		authz_req_free(&q);
		return;
	}
	const struct authz_role *r = authz_role_for(p, q.user);
	d->user = xstrdup(q.user);
	d->role = xstrdup(r->name);
	if (!authz_classify(q.method, q.path, q.query, &a))
		deny(d, "request", "bulwark: denied: cannot classify %s %s", q.method, q.path);
	else {
		d->action = xstrdup(a.name);
		d->target = xstrdup(a.target);
		decide_action(p, r, &q, &a, vols, d);
		authz_action_free(&a);
	}
	authz_req_free(&q);
}

void authz_decision_free(struct authz_decision *d)
{
	free(d->msg);
	free(d->rule);
	free(d->user);
	free(d->role);
	free(d->action);
	free(d->target);
	memset(d, 0, sizeof *d);
}
