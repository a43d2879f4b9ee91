/* Finding and loading .bulwark.yaml: every problem in the file is reported, each at its line. */
#include "pipeline/config.h"
#include "pipeline/run.h"
#include "collect/input.h"
#include "rules/peers.h"
#include "rules/rule.h"
#include "util/util.h"
#include "util/yaml.h"
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The keys a config may hold; docs/config.md lists exactly these (tests/cli/config.sh). */
static const char *const top_keys[] = { "fail-on", "ignore", "severity", "trusted-registries",
	                                 NULL };
static const char *const ignore_keys[] = { "rule", "paths", "reason", "expires", NULL };

/* Relative to the current directory, as the paths of findings are: ".bulwark.yaml",
 * "../../.bulwark.yaml". */
char *config_find(void)
{
	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof dir))
		return NULL;
	struct buf up = { 0 };
	for (int depth = 0; depth < 64; depth++) {
		char *p = xasprintf("%s/.bulwark.yaml", strcmp(dir, "/") ? dir : "");
		bool found = access(p, F_OK) == 0;
		free(p);
		if (found) {
			buf_adds(&up, ".bulwark.yaml");
			return buf_take(&up);
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
		buf_adds(&up, "../");
	}
	free(buf_take(&up));
	return NULL;
}

/* One load: every problem is reported, so a run shows them all at once. */
struct ld { struct config *c; struct findings *out; size_t errors; };

static void err(struct ld *l, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void err(struct ld *l, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	findings_error(l->out, l->c->path, line, "%s", msg);
	free(msg);
	l->errors++;
}

/* A node's own line, else its key's, else fallback. */
static int line_of(const struct ynode *n, int fallback)
{
	int line = n ? (n->at ? n->at : n->line) : 0;
	return line > 0 ? line : fallback;
}

/* A key's own line, else its value's, else fallback: every message has a line. */
static int key_line(const struct ypair *pr, int fallback)
{
	return pr->kline > 0 ? pr->kline : line_of(pr->val, fallback);
}

/* The known name nearest to s, when near enough to be a slip: at most half its length away. */
static const char *nearest(const char *s, const char *const *known)
{
	const char *best = NULL;
	size_t bd = SIZE_MAX;
	for (size_t i = 0; known[i]; i++) {
		size_t d = str_edit_distance(s, known[i]);
		if (d < bd && d * 2 <= strlen(known[i]))
			best = known[i], bd = d;
	}
	return best;
}

static void unknown_key(struct ld *l, const char *where, const struct ypair *pr,
                        const char *const *known)
{
	const char *near = nearest(pr->key, known);
	int line = key_line(pr, 1);
	struct buf list = { 0 };
	for (const char *const *k = known; *k; k++) {
		buf_adds(&list, k == known ? "" : ", ");
		buf_adds(&list, *k);
	}
	char *all = buf_take(&list);
	if (near)
		err(l, line, "%sunknown key %s (did you mean %s?)", where,
		    pr->key, near);
	else
		err(l, line, "%sunknown key %s (known: %s)", where, pr->key, all);
	free(all);
}

/* An OSV id: a prefix of letters, a dash, then something with a digit ("CVE-2024-0727",
 * "GHSA-35jh-r3h4-6jhm", "DSA-5600-1", "PYSEC-2023-74"); matched without regard to case. */
static bool vuln_id(const char *id)
{
	size_t n = strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
	if (n == 2 && !strncasecmp(id, "BW", 2))   /* ours: a rule bulwark must know */
		return false;
	return n >= 2 && id[n] == '-' && strpbrk(id + n, "0123456789");
}

bool config_ignore_id_ok(const char *id)
{
	const struct rule *one;
	return str_ieq(id, "all") || rules_matching(id, &one, 1) || rule_peer_tool(id) ||
	       vuln_id(id);
}

/* A rule id where one is expected: ours, an alias, a CIS number; in ignore, a vulnerability's
 * id too (BW-V001's findings of it). Another tool's id for a check bulwark does not make is only
 * a warning: it is valid there and changes nothing here. */
static void check_rule(struct ld *l, const char *where, const char *id, int line)
{
	const struct rule *one;
	if (str_ieq(id, "all") && str_eq(where, "ignore"))
		return;
	if (rules_matching(id, &one, 1))
		return;
	const char *tool = rule_peer_tool(id);
	if (peer_not_adopted(id)) {
		findings_warn(l->out, l->c->path, line, "%s: %s is %s's id for a check bulwark does "
		              "not adopt ('bulwark explain %s' says why); it changes nothing", where, id,
		              tool, id);
		return;
	}
	if (tool) {
		findings_warn(l->out, l->c->path, line, "%s: %s is %s's id for a check bulwark does "
		              "not make; it changes nothing", where, id, tool);
		return;
	}
	if (str_eq(where, "ignore") && vuln_id(id))
		return;
	err(l, line, "%s: unknown rule %s (see 'bulwark rules')", where, id);
}

static bool valid_date(const char *s)
{
	int y, m, d;
	char tail;
	return s && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= 31;
}

static void load_paths(struct ld *l, struct cfg_ignore *ig, const struct ynode *p, int kline)
{
	if (y_scalar(p)) {
		ig->paths = xcalloc(1, sizeof *ig->paths);
		ig->paths[ig->npaths++] = xstrdup(y_scalar(p));
		return;
	}
	if (p && p->kind == Y_SEQ) {
		ig->paths = xcalloc(p->n + 1, sizeof *ig->paths);
		for (size_t i = 0; i < p->n; i++)
			if (y_scalar(p->items[i]))
				ig->paths[ig->npaths++] = xstrdup(y_scalar(p->items[i]));
			else
				err(l, line_of(p->items[i], kline), "ignore: paths: expected a glob");
		return;
	}
	err(l, line_of(p, kline), "ignore: paths: expected a glob or a list of globs");
}

/* A scalar value of an ignore entry, or an error naming its key. */
static char *scalar_of(struct ld *l, const struct ypair *pr, const char *what)
{
	if (y_scalar(pr->val))
		return xstrdup(y_scalar(pr->val));
	err(l, line_of(pr->val, key_line(pr, 1)), "ignore: %s: expected %s", pr->key, what);
	return NULL;
}

static void load_ignore_map(struct ld *l, struct cfg_ignore *ig, const struct ynode *n)
{
	for (size_t i = 0; i < n->n; i++) {
		const struct ypair *pr = &n->pairs[i];
		if (str_eq(pr->key, "rule")) {
			ig->rule = scalar_of(l, pr, "a rule id");
			ig->line = line_of(pr->val, key_line(pr, ig->line));
		} else if (str_eq(pr->key, "reason")) {
			ig->reason = scalar_of(l, pr, "text");
		} else if (str_eq(pr->key, "expires")) {
			ig->expires = scalar_of(l, pr, "a date YYYY-MM-DD");
			if (ig->expires && !valid_date(ig->expires))
				err(l, line_of(pr->val, key_line(pr, 1)),
				    "ignore: expires must be a date YYYY-MM-DD");
		} else if (str_eq(pr->key, "paths")) {
			load_paths(l, ig, pr->val, key_line(pr, 1));
		} else {
			unknown_key(l, "ignore: ", pr, ignore_keys);
		}
	}
}

static void load_ignore(struct ld *l, const struct ynode *n, int kline)
{
	struct config *c = l->c;
	GROW(c->ignores, c->cap_ignores, c->nignores);
	struct cfg_ignore *ig = &c->ignores[c->nignores++];
	memset(ig, 0, sizeof *ig);
	ig->line = line_of(n, kline);
	if (y_scalar(n))
		ig->rule = xstrdup(y_scalar(n));
	else if (n->kind == Y_MAP)
		load_ignore_map(l, ig, n);
	else
		err(l, ig->line, "ignore: expected a rule id or a mapping with rule:");
	if (ig->rule)
		check_rule(l, "ignore", ig->rule, ig->line);
	else if (n->kind == Y_MAP)
		err(l, ig->line, "ignore: each entry needs a rule id");
}

static void load_severities(struct ld *l, const struct ynode *m, int kline)
{
	struct config *c = l->c;
	if (m->kind != Y_MAP) {
		err(l, line_of(m, kline), "severity: expected a mapping of rule id to severity");
		return;
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct ypair *pr = &m->pairs[i];
		int line = key_line(pr, kline);
		int sev = severity_parse(y_scalar(pr->val));
		check_rule(l, "severity", pr->key, line);
		if (sev < 0) {
			err(l, line_of(pr->val, line),
			    "severity: %s: expected critical, high, medium, low or info", pr->key);
			continue;
		}
		GROW(c->sevs, c->cap_sevs, c->nsevs);
		c->sevs[c->nsevs].rule = xstrdup(pr->key);
		c->sevs[c->nsevs++].severity = (enum severity)sev;
	}
}

/* A registry host[:port], or a pattern with one * at either end ("*.example.com",
 * "registry.example.*", "*"), as hadolint's trustedRegistries. */
static bool valid_registry(const char *r)
{
	size_t n = strlen(r);
	const char *core = r + (r[0] == '*');
	size_t len = n - (size_t)(r[0] == '*') - (size_t)(n > 1 && r[n - 1] == '*');
	if (str_eq(r, "*"))
		return true;
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]_",
		            core[i]))
			return false;
	return true;
}

static void add_registry(struct ld *l, const struct ynode *n, int kline)
{
	struct config *c = l->c;
	const char *r = y_scalar(n);
	if (!r || !valid_registry(r)) {
		err(l, line_of(n, kline), "trusted-registries: expected a registry such as "
		    "registry.example.com:5000 (a * at either end matches any part)");
		return;
	}
	GROW(c->trusted, c->cap_trusted, c->ntrusted + 1);   /* room for the NULL */
	c->trusted[c->ntrusted++] = xstrdup(r);
	c->trusted[c->ntrusted] = NULL;
}

/* An empty list checks nothing, as in hadolint. */
static void load_registries(struct ld *l, const struct ynode *n, int kline)
{
	if (n && n->kind == Y_SEQ)
		for (size_t i = 0; i < n->n; i++)
			add_registry(l, n->items[i], kline);
	else
		add_registry(l, n, kline);
}

static void load_root(struct ld *l, const struct ynode *root)
{
	if (root->kind != Y_MAP) {
		err(l, line_of(root, 1), "expected a mapping at the top level (fail-on, ignore, "
		    "severity, trusted-registries)");
		return;
	}
	for (size_t i = 0; i < root->n; i++) {
		const struct ypair *pr = &root->pairs[i];
		const struct ynode *n = pr->val;
		int kline = key_line(pr, 1);
		if (str_eq(pr->key, "fail-on")) {
			l->c->fail_on = run_fail_on_parse(y_scalar(n));
			if (l->c->fail_on < 0)
				err(l, line_of(n, kline),
				    "fail-on: expected critical, high, medium, low, info or none");
		} else if (str_eq(pr->key, "ignore")) {
			if (n->kind != Y_SEQ) {
				err(l, line_of(n, kline), "ignore: expected a list");
				continue;
			}
			for (size_t j = 0; j < n->n; j++)
				load_ignore(l, n->items[j], kline);
		} else if (str_eq(pr->key, "severity")) {
			load_severities(l, n, kline);
		} else if (str_eq(pr->key, "trusted-registries")) {
			load_registries(l, n, kline);
		} else {
			unknown_key(l, "", pr, top_keys);
		}
	}
}

/* Absolute directory of path, without resolving symlinks (paths in findings don't either). */
static char *abs_dir(const char *path)
{
	char cwd[PATH_MAX];
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (dir[0] == '/' || !getcwd(cwd, sizeof cwd))
		return path_fold(dir);
	char *abs = xasprintf("%s/%s", cwd, dir);
	free(dir);
	return path_fold(abs);
}

static int cmp_line(const void *a, const void *b)
{
	const struct input_error *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

/* The file's errors in line order, as a reader goes through it (qsort is not stable: lines tie
 * only for two problems of one key, whose order does not matter). */
static void sort_errors(struct findings *out, size_t from)
{
	if (out->nerrors > from)   /* none: errors may still be NULL, which qsort must not get */
		qsort(out->errors + from, out->nerrors - from, sizeof *out->errors, cmp_line);
}

static void yaml_problem(void *u, int line, const char *msg)
{
	err(u, line > 0 ? line : 1, "invalid YAML: %s", msg);
}

/* A file with no document (empty, comments only) is an empty config. */
struct config *config_parse(const char *path, const char *text, size_t len,
                            struct findings *out)
{
	struct config *c = xcalloc(1, sizeof *c);
	struct ld l = { c, out, 0 };
	struct ybudget budget = { 0 };
	struct yread r = { .budget = &budget, .first_doc = true, .error = yaml_problem, .u = &l };
	struct ynode **docs = NULL;
	size_t ndocs = 0;
	c->path = xstrdup(path);
	c->dir = abs_dir(path);
	c->fail_on = -1;
	if (!yaml_parse(&r, text, len, &docs, &ndocs) && !l.errors)
		err(&l, 1, "invalid YAML");
	if (ndocs)
		load_root(&l, docs[0]);
	sort_errors(out, out->nerrors - l.errors);
	for (size_t i = 0; i < ndocs; i++)
		y_free(docs[i]);
	free(docs);
	if (l.errors) {
		config_free(c);
		return NULL;
	}
	return c;
}

struct config *config_load(const char *path, struct findings *out)
{
	char *text;
	size_t len;
	if (!input_read(path, &text, &len, out))
		return NULL;
	struct config *c = config_parse(path, text, len, out);
	free(text);
	return c;
}

void config_free(struct config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nignores; i++) {
		free(c->ignores[i].rule);
		for (size_t k = 0; k < c->ignores[i].npaths; k++)
			free(c->ignores[i].paths[k]);
		free(c->ignores[i].paths);
		free(c->ignores[i].reason);
		free(c->ignores[i].expires);
	}
	for (size_t i = 0; i < c->nsevs; i++)
		free(c->sevs[i].rule);
	for (size_t i = 0; i < c->ntrusted; i++)
		free(c->trusted[i]);
	free(c->trusted);
	free(c->ignores);
	free(c->sevs);
	free(c->path);
	free(c->dir);
	free(c);
}
