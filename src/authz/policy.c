/* Policy files: YAML validated in full at load, so a typo is an error with its line rather than
 * a rule that silently never matches. Loaded once and never changed: decisions only read it. */
#include "authz/authz_int.h"
#include "core/input.h"
#include "rules/rule.h"
#include "util/util.h"
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

struct ld { struct authz_policy *p; struct findings *errs; bool ok; };

static int line_of(struct fy_node *n)
{
	struct fy_token *t = n && fy_node_is_scalar(n) ? fy_node_get_scalar_token(n) : NULL;
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
	return m ? m->line + 1 : 0;
}

static const char *scalar(struct fy_node *n)
{
	return n && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL;
}

/* Errors name the key's line: collections carry no token of their own. */
static void err(struct ld *l, struct fy_node *at, const char *fmt, const char *arg)
{
	findings_error(l->errs, l->p->path, line_of(at), fmt, arg ? arg : "");
	l->ok = false;
}

static bool get_bool(struct ld *l, struct fy_node *k, struct fy_node *v, bool *out)
{
	const char *s = scalar(v);
	if (str_eq(s, "true") || str_eq(s, "false")) {
		*out = str_eq(s, "true");
		return true;
	}
	err(l, v && scalar(v) ? v : k, "%s: expected true or false", scalar(k));
	return false;
}

static void get_sev(struct ld *l, struct fy_node *k, struct fy_node *v, int *out)
{
	int s = severity_parse(scalar(v));
	if (s < 0)
		err(l, v && scalar(v) ? v : k, "unknown severity \"%s\" (info, low, medium, high, "
		    "critical)", scalar(v));
	else
		*out = s;
}

/* A list of scalars (or one scalar) as a NULL-terminated array. */
static char **get_list(struct ld *l, struct fy_node *k, struct fy_node *v)
{
	if (scalar(v)) {
		char **r = xcalloc(2, sizeof *r);
		r[0] = xstrdup(scalar(v));
		return r;
	}
	if (!v || !fy_node_is_sequence(v)) {
		err(l, k, "%s: expected a list", scalar(k));
		return NULL;
	}
	char **r = xcalloc((size_t)fy_node_sequence_item_count(v) + 1, sizeof *r);
	size_t n = 0;
	void *it = NULL;
	struct fy_node *x;
	while ((x = fy_node_sequence_iterate(v, &it))) {
		if (!scalar(x))
			err(l, k, "%s: entries must be strings", scalar(k));
		else
			r[n++] = xstrdup(scalar(x));
	}
	return r;
}

static void free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void check_action(struct ld *l, struct fy_node *at, const char *a)
{
	if (!a || !authz_action_known(a))
		err(l, at, "unknown action \"%s\" (see docs/authz.md)", a);
}

static void load_grant(struct ld *l, struct fy_node *key, struct fy_node *v,
                       struct authz_grant *g)
{
	if (scalar(v)) {
		g->action = xstrdup(scalar(v));
		check_action(l, v, g->action);
		return;
	}
	if (!fy_node_is_mapping(v)) {
		err(l, key, "%s: entries are an action or a mapping with action:", scalar(key));
		return;
	}
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct fy_node *k = fy_node_pair_key(pr), *x = fy_node_pair_value(pr);
		const char *name = scalar(k);
		if (str_eq(name, "action")) {
			g->action = xstrdup(scalar(x));
			check_action(l, x ? x : k, g->action);
		} else if (str_eq(name, "names"))
			g->names = get_list(l, k, x);
		else if (str_eq(name, "registries"))
			g->registries = get_list(l, k, x);
		else if (str_eq(name, "labels"))
			g->labels = get_list(l, k, x);
		else
			err(l, k, "unknown key \"%s\" (action, names, registries, labels)", name);
	}
	if (!g->action) {
		err(l, key, "%s: entry has no action", scalar(key));
		g->action = xstrdup("");
	}
}

static void load_grants(struct ld *l, struct fy_node *k, struct fy_node *v,
                        struct authz_grant **out, size_t *n)
{
	if (scalar(v)) {
		*out = xcalloc(1, sizeof **out);
		*n = 1;
		load_grant(l, k, v, *out);
		return;
	}
	if (!v || !fy_node_is_sequence(v)) {
		err(l, k, "%s: expected a list of actions", scalar(k));
		return;
	}
	*out = xcalloc((size_t)fy_node_sequence_item_count(v) + 1, sizeof **out);
	void *it = NULL;
	struct fy_node *x;
	while ((x = fy_node_sequence_iterate(v, &it)))
		load_grant(l, k, x, &(*out)[(*n)++]);
}

static void load_exempt(struct ld *l, struct fy_node *k, struct fy_node *v, struct authz_role *r)
{
	char **ids = get_list(l, k, v);
	size_t n = 0;
	while (ids && ids[n])
		n++;
	r->exempt = xcalloc(n + 1, sizeof *r->exempt);
	for (size_t i = 0; i < n; i++) {
		const struct rule *ru = rule_find(ids[i]);
		if (!ru)
			err(l, k, "exempt: unknown rule id \"%s\"", ids[i]);
		else
			r->exempt[r->nexempt++] = xstrdup(ru->id);
	}
	free_list(ids);
}

static void load_role(struct ld *l, struct fy_node *name, struct fy_node *v, struct authz_role *r)
{
	r->name = xstrdup(scalar(name));
	r->block_severity = -1;
	if (!v || !fy_node_is_mapping(v)) {
		err(l, name, "role \"%s\": expected a mapping (allow, deny, exempt, block-severity)",
		    r->name);
		return;
	}
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct fy_node *k = fy_node_pair_key(pr), *x = fy_node_pair_value(pr);
		const char *key = scalar(k);
		if (str_eq(key, "allow"))
			load_grants(l, k, x, &r->allow, &r->nallow);
		else if (str_eq(key, "deny"))
			load_grants(l, k, x, &r->deny, &r->ndeny);
		else if (str_eq(key, "exempt"))
			load_exempt(l, k, x, r);
		else if (str_eq(key, "block-severity"))
			get_sev(l, k, x, &r->block_severity);
		else
			err(l, k, "unknown key \"%s\" in role (allow, deny, exempt, block-severity)", key);
	}
}

static struct authz_role *find_role(const struct authz_policy *p, const char *name)
{
	for (size_t i = 0; name && i < p->nroles; i++)
		if (!strcmp(p->roles[i].name, name))
			return &p->roles[i];
	return NULL;
}

static struct authz_role *role_ref(struct ld *l, struct fy_node *at, const char *name)
{
	struct authz_role *r = find_role(l->p, name);
	if (!r)
		err(l, at, "unknown role \"%s\"", name);
	return r;
}

static void load_roles(struct ld *l, struct fy_node *k, struct fy_node *v)
{
	if (!v || !fy_node_is_mapping(v)) {
		err(l, k, "%s: expected a mapping of role names", "roles");
		return;
	}
	l->p->roles = xcalloc((size_t)fy_node_mapping_item_count(v) + 1, sizeof *l->p->roles);
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct fy_node *name = fy_node_pair_key(pr);
		if (find_role(l->p, scalar(name)))
			err(l, name, "role \"%s\" defined twice", scalar(name));
		load_role(l, name, fy_node_pair_value(pr), &l->p->roles[l->p->nroles++]);
	}
}

static void load_idents(struct ld *l, struct fy_node *k, struct fy_node *v)
{
	if (!v || !fy_node_is_mapping(v)) {
		err(l, k, "%s: expected a mapping of user: role", "identities");
		return;
	}
	l->p->idents = xcalloc((size_t)fy_node_mapping_item_count(v) + 1, sizeof *l->p->idents);
	void *it = NULL;
	struct fy_node_pair *pr;
	while ((pr = fy_node_mapping_iterate(v, &it))) {
		struct fy_node *user = fy_node_pair_key(pr), *role = fy_node_pair_value(pr);
		struct authz_role *r = role_ref(l, role && scalar(role) ? role : user, scalar(role));
		if (r && scalar(user)) {
			struct authz_ident *id = &l->p->idents[l->p->nidents++];
			id->user = xstrdup(scalar(user));
			id->role = r;
		}
	}
}

static void load_root(struct ld *l, struct fy_node *root)
{
	struct fy_node *idents = NULL, *idk = NULL, *noid = NULL, *def = NULL;
	if (!root || !fy_node_is_mapping(root)) {
		err(l, root, "%s", "the policy must be a mapping (roles, identities, ...)");
		return;
	}
	void *it = NULL;
	struct fy_node_pair *pr;
	struct authz_policy *p = l->p;
	while ((pr = fy_node_mapping_iterate(root, &it))) {
		struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
		const char *key = scalar(k);
		if (str_eq(key, "roles"))
			load_roles(l, k, v);
		else if (str_eq(key, "identities"))
			idk = k, idents = v;
		else if (str_eq(key, "no-identity-role"))
			noid = v ? v : k;
		else if (str_eq(key, "default-role"))
			def = v ? v : k;
		else if (str_eq(key, "block-severity"))
			get_sev(l, k, v, &p->block_severity);
		else if (str_eq(key, "allow-missing-body"))
			get_bool(l, k, v, &p->allow_missing_body);
		else if (str_eq(key, "block-privileged-exec"))
			get_bool(l, k, v, &p->block_privileged_exec);
		else if (str_eq(key, "block-root-exec"))
			get_bool(l, k, v, &p->block_root_exec);
		else if (str_eq(key, "block-plugin-privileges"))
			get_bool(l, k, v, &p->block_plugin_privileges);
		else
			err(l, k, "unknown key \"%s\"", key);
	}
	if (idk)
		load_idents(l, idk, idents);
	if (noid)
		p->no_identity = role_ref(l, noid, scalar(noid));
	if (def)
		p->default_role = role_ref(l, def, scalar(def));
	if (l->ok && !p->nroles)
		err(l, root, "%s", "no roles: define at least one under roles:");
	else if (l->ok && (!noid || !def))
		err(l, root, "%s", "default-role and no-identity-role are both required");
}

static void diag_sink(struct fy_diag *d, void *user, const char *buf, size_t len)
{
	(void)d, (void)user, (void)buf, (void)len;
}

static void yaml_error(struct ld *l, struct fy_diag *diag)
{
	void *it = NULL;
	struct fy_diag_error *e;
	while ((e = fy_diag_errors_iterate(diag, &it)))
		if (e->type >= FYET_ERROR) {
			findings_error(l->errs, l->p->path, e->line > 0 ? e->line : 0, "invalid YAML: %s",
			               e->msg ? e->msg : "syntax error");
			return;
		}
	findings_error(l->errs, l->p->path, 0, "invalid YAML");
}

struct authz_policy *authz_policy_parse(const char *path, const char *text, size_t len,
                                        struct findings *errs)
{
	struct authz_policy *p = xcalloc(1, sizeof *p);
	struct ld l = { p, errs, true };
	p->path = xstrdup(path);
	p->block_severity = SEV_HIGH;
	p->block_privileged_exec = p->block_root_exec = p->block_plugin_privileges = true;
	struct fy_diag_cfg dc;
	fy_diag_cfg_default(&dc);
	dc.fp = NULL;
	dc.output_fn = diag_sink;
	dc.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dc);
	if (diag)
		fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg pc = { .flags = FYPCF_QUIET, .diag = diag };
	struct fy_document *doc = diag ? fy_document_build_from_string(&pc, text, len) : NULL;
	if (!doc) {
		if (diag)
			yaml_error(&l, diag);
		else
			findings_error(errs, path, 0, "cannot create the YAML parser");
		l.ok = false;
	} else
		load_root(&l, fy_document_root(doc));
	fy_document_destroy(doc);
	if (diag)
		fy_diag_destroy(diag);
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
