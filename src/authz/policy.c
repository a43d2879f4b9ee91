/* Policy files: YAML validated in full at load, so a typo is an error with its line rather than
 * a rule that silently never matches. Loaded once and never changed: decisions only read it. */
#include "authz/authz_int.h"
#include "collect/input.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/yaml.h"
#include <stdlib.h>
#include <string.h>

struct ld { struct authz_policy *p; struct findings *errs; bool ok; };

/* A mapping key: its text and its own line (0 when empty). */
struct ykey { const char *s; int line; };

static struct ykey key_of(const struct ypair *pr)
{
	return (struct ykey){ pr->key, pr->kline };
}

/* Errors name the key's line. An error placed on a value has the value's line when it is a
 * scalar and 0 for a collection, as the earlier libfyaml document API reader gave them. */
static void err_at(struct ld *l, int line, const char *fmt, const char *arg)
{
	findings_error(l->errs, l->p->path, line, fmt, arg ? arg : "");
	l->ok = false;
}

static void err(struct ld *l, const struct ynode *at, const char *fmt, const char *arg)
{
	err_at(l, y_scalar_line(at), fmt, arg);
}

/* The value's line when it is a scalar, else its key's. */
static int line_or_key(const struct ynode *v, struct ykey k)
{
	return y_scalar(v) ? y_scalar_line(v) : k.line;
}

static bool get_bool(struct ld *l, struct ykey k, const struct ynode *v, bool *out)
{
	const char *s = y_scalar(v);
	if (str_eq(s, "true") || str_eq(s, "false")) {
		*out = str_eq(s, "true");
		return true;
	}
	err_at(l, line_or_key(v, k), "%s: expected true or false", k.s);
	return false;
}

static void get_sev(struct ld *l, struct ykey k, const struct ynode *v, int *out)
{
	int s = severity_parse(y_scalar(v));
	if (s < 0)
		err_at(l, line_or_key(v, k), "unknown severity \"%s\" (info, low, medium, high, "
		       "critical)", y_scalar(v));
	else
		*out = s;
}

/* A list of scalars (or one scalar) as a NULL-terminated array. */
static char **get_list(struct ld *l, struct ykey k, const struct ynode *v)
{
	if (y_scalar(v)) {
		char **r = xcalloc(2, sizeof *r);
		r[0] = xstrdup(y_scalar(v));
		return r;
	}
	if (v->kind != Y_SEQ) {
		err_at(l, k.line, "%s: expected a list", k.s);
		return NULL;
	}
	char **r = xcalloc(v->n + 1, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (!y_scalar(v->items[i]))
			err_at(l, k.line, "%s: entries must be strings", k.s);
		else
			r[n++] = xstrdup(y_scalar(v->items[i]));
	}
	return r;
}

static void free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void check_action(struct ld *l, int line, const char *a)
{
	if (!a || !authz_action_known(a))
		err_at(l, line, "unknown action \"%s\" (see docs/authz.md)", a);
}

static void load_grant(struct ld *l, struct ykey key, const struct ynode *v,
                       struct authz_grant *g)
{
	if (y_scalar(v)) {
		g->action = xstrdup(y_scalar(v));
		check_action(l, y_scalar_line(v), g->action);
		return;
	}
	if (v->kind != Y_MAP) {
		err_at(l, key.line, "%s: entries are an action or a mapping with action:", key.s);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct ykey k = key_of(&v->pairs[i]);
		const struct ynode *x = v->pairs[i].val;
		if (str_eq(k.s, "action")) {
			g->action = xstrdup(y_scalar(x));
			check_action(l, y_scalar_line(x), g->action);
		} else if (str_eq(k.s, "names"))
			g->names = get_list(l, k, x);
		else if (str_eq(k.s, "registries"))
			g->registries = get_list(l, k, x);
		else if (str_eq(k.s, "labels"))
			g->labels = get_list(l, k, x);
		else
			err_at(l, k.line, "unknown key \"%s\" (action, names, registries, labels)", k.s);
	}
	if (!g->action) {
		err_at(l, key.line, "%s: entry has no action", key.s);
		g->action = xstrdup("");
	}
}

static void load_grants(struct ld *l, struct ykey k, const struct ynode *v,
                        struct authz_grant **out, size_t *n)
{
	if (y_scalar(v)) {
		*out = xcalloc(1, sizeof **out);
		*n = 1;
		load_grant(l, k, v, *out);
		return;
	}
	if (v->kind != Y_SEQ) {
		err_at(l, k.line, "%s: expected a list of actions", k.s);
		return;
	}
	*out = xcalloc(v->n + 1, sizeof **out);
	for (size_t i = 0; i < v->n; i++)
		load_grant(l, k, v->items[i], &(*out)[(*n)++]);
}

static void load_exempt(struct ld *l, struct ykey k, const struct ynode *v, struct authz_role *r)
{
	char **ids = get_list(l, k, v);
	size_t n = 0;
	while (ids && ids[n])
		n++;
	r->exempt = xcalloc(n + 1, sizeof *r->exempt);
	for (size_t i = 0; i < n; i++) {
		const struct rule *ru = rule_find(ids[i]);
		if (!ru)
			err_at(l, k.line, "exempt: unknown rule id \"%s\"", ids[i]);
		else
			r->exempt[r->nexempt++] = xstrdup(ru->id);
	}
	free_list(ids);
}

static void load_role(struct ld *l, struct ykey name, const struct ynode *v, struct authz_role *r)
{
	r->name = xstrdup(name.s);
	r->block_severity = -1;
	if (v->kind != Y_MAP) {
		err_at(l, name.line, "role \"%s\": expected a mapping (allow, deny, exempt, "
		       "block-severity)", r->name);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct ykey k = key_of(&v->pairs[i]);
		const struct ynode *x = v->pairs[i].val;
		if (str_eq(k.s, "allow"))
			load_grants(l, k, x, &r->allow, &r->nallow);
		else if (str_eq(k.s, "deny"))
			load_grants(l, k, x, &r->deny, &r->ndeny);
		else if (str_eq(k.s, "exempt"))
			load_exempt(l, k, x, r);
		else if (str_eq(k.s, "block-severity"))
			get_sev(l, k, x, &r->block_severity);
		else
			err_at(l, k.line, "unknown key \"%s\" in role (allow, deny, exempt, "
			       "block-severity)", k.s);
	}
}

static struct authz_role *find_role(const struct authz_policy *p, const char *name)
{
	for (size_t i = 0; name && i < p->nroles; i++)
		if (!strcmp(p->roles[i].name, name))
			return &p->roles[i];
	return NULL;
}

static struct authz_role *role_ref(struct ld *l, int line, const char *name)
{
	struct authz_role *r = find_role(l->p, name);
	if (!r)
		err_at(l, line, "unknown role \"%s\"", name);
	return r;
}

static void load_roles(struct ld *l, struct ykey k, const struct ynode *v)
{
	if (v->kind != Y_MAP) {
		err_at(l, k.line, "%s: expected a mapping of role names", "roles");
		return;
	}
	l->p->roles = xcalloc(v->n + 1, sizeof *l->p->roles);
	for (size_t i = 0; i < v->n; i++) {
		struct ykey name = key_of(&v->pairs[i]);
		if (find_role(l->p, name.s))
			err_at(l, name.line, "role \"%s\" defined twice", name.s);
		load_role(l, name, v->pairs[i].val, &l->p->roles[l->p->nroles++]);
	}
}

static void load_idents(struct ld *l, struct ykey k, const struct ynode *v)
{
	if (v->kind != Y_MAP) {
		err_at(l, k.line, "%s: expected a mapping of user: role", "identities");
		return;
	}
	l->p->idents = xcalloc(v->n + 1, sizeof *l->p->idents);
	for (size_t i = 0; i < v->n; i++) {
		struct ykey user = key_of(&v->pairs[i]);
		const struct ynode *role = v->pairs[i].val;
		struct authz_role *r = role_ref(l, line_or_key(role, user), y_scalar(role));
		if (r) {
			struct authz_ident *id = &l->p->idents[l->p->nidents++];
			id->user = xstrdup(user.s);
			id->role = r;
		}
	}
}

/* A role named by a top-level key, resolved once every role is known. */
struct rolekey { bool set; int line; const char *name; };

static void set_rolekey(struct rolekey *rk, const struct ynode *v)
{
	*rk = (struct rolekey){ true, y_scalar_line(v), y_scalar(v) };
}

static void load_top(struct ld *l, const struct ynode *root, struct ykey *idk,
                     const struct ynode **idents, struct rolekey *noid, struct rolekey *def)
{
	struct authz_policy *p = l->p;
	for (size_t i = 0; i < root->n; i++) {
		struct ykey k = key_of(&root->pairs[i]);
		const struct ynode *v = root->pairs[i].val;
		if (str_eq(k.s, "roles"))
			load_roles(l, k, v);
		else if (str_eq(k.s, "identities"))
			*idk = k, *idents = v;
		else if (str_eq(k.s, "no-identity-role"))
			set_rolekey(noid, v);
		else if (str_eq(k.s, "default-role"))
			set_rolekey(def, v);
		else if (str_eq(k.s, "block-severity"))
			get_sev(l, k, v, &p->block_severity);
		else if (str_eq(k.s, "allow-missing-body"))
			get_bool(l, k, v, &p->allow_missing_body);
		else if (str_eq(k.s, "block-privileged-exec"))
			get_bool(l, k, v, &p->block_privileged_exec);
		else if (str_eq(k.s, "block-root-exec"))
			get_bool(l, k, v, &p->block_root_exec);
		else if (str_eq(k.s, "block-plugin-privileges"))
			get_bool(l, k, v, &p->block_plugin_privileges);
		else
			err_at(l, k.line, "unknown key \"%s\"", k.s);
	}
}

/* Identities and the two role keys are resolved after every role is known. */
static void load_root(struct ld *l, const struct ynode *root)
{
	struct ykey idk = { NULL, 0 };
	const struct ynode *idents = NULL;
	struct rolekey noid = { 0 }, def = { 0 };
	struct authz_policy *p = l->p;
	if (root->kind != Y_MAP) {
		err(l, root, "%s", "the policy must be a mapping (roles, identities, ...)");
		return;
	}
	load_top(l, root, &idk, &idents, &noid, &def);
	if (idents)
		load_idents(l, idk, idents);
	if (noid.set)
		p->no_identity = role_ref(l, noid.line, noid.name);
	if (def.set)
		p->default_role = role_ref(l, def.line, def.name);
	if (l->ok && !p->nroles)
		err(l, root, "%s", "no roles: define at least one under roles:");
	else if (l->ok && (!noid.set || !def.set))
		err(l, root, "%s", "default-role and no-identity-role are both required");
}

struct authz_policy *authz_policy_parse(const char *path, const char *text, size_t len,
                                        struct findings *errs)
{
	struct authz_policy *p = xcalloc(1, sizeof *p);
	struct ld l = { p, errs, true };
	p->path = xstrdup(path);
	p->block_severity = SEV_HIGH;
	p->block_privileged_exec = p->block_root_exec = p->block_plugin_privileges = true;
	struct ynode *doc = input_yaml_doc(path, text, len, errs);
	if (doc)
		load_root(&l, doc);
	else
		l.ok = false;
	y_free(doc);
	if (!l.ok) {
		authz_policy_free(p);
		return NULL;
	}
	return p;
}

struct authz_policy *authz_policy_load(const char *path, struct findings *errs)
{
	char *text;
	size_t len;
	if (!input_read(path, &text, &len, errs))
		return NULL;
	struct authz_policy *p = authz_policy_parse(path, text, len, errs);
	free(text);
	return p;
}

const struct authz_role *authz_role_for(const struct authz_policy *p, const char *user)
{
	if (!user || !*user)
		return p->no_identity;
	for (size_t i = 0; i < p->nidents; i++)
		if (!strcmp(p->idents[i].user, user))
			return p->idents[i].role;
	return p->default_role;
}

static void free_grants(struct authz_grant *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].action);
		free_list(g[i].names);
		free_list(g[i].registries);
		free_list(g[i].labels);
	}
	free(g);
}

void authz_policy_free(struct authz_policy *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nroles; i++) {
		struct authz_role *r = &p->roles[i];
		free(r->name);
		free_grants(r->allow, r->nallow);
		free_grants(r->deny, r->ndeny);
		free_list(r->exempt);
	}
	for (size_t i = 0; i < p->nidents; i++)
		free(p->idents[i].user);
	free(p->roles);
	free(p->idents);
	free(p->path);
	free(p);
}
