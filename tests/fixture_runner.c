/* Walks tests/fixtures/<RULE-ID>/<case>/, lints each case directory and compares the findings of
 * that rule (all rules for directories not named BW-*) with the case's `expected` file:
 * one "RULE-ID LINE" per finding, and "error LINE" per input error. A .bulwark.yaml in a case is
 * applied as the config. Every rule in the table must have a fires and a passes case.
 * A case holding engine/ (recorded engine answers) or root/ (a host tree) runs the live audit
 * over them instead, with the KEY=VALUE lines of its env file set in the environment; one
 * holding signature.json runs the signature rules over the signatures it describes. */
#include "pipeline/audit.h"
#include "pipeline/config.h"
#include "pipeline/image_audit.h"
#include "fixture_image.h"
#include "fixture_vulns.h"
#include "fixture_signature.h"
#include "pipeline/lint.h"
#include "rules/rule.h"
#include "util/util.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int passed, failed;

static void result(bool ok, const char *name, const char *detail)
{
	printf("%s - fixture: %s\n", ok ? "ok" : "not ok", name);
	if (!ok && detail)
		fprintf(stderr, "%s", detail);
	ok ? passed++ : failed++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **list_dir(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			GROW(v, cap, *n);
			v[(*n)++] = xstrdup(e->d_name);
		}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The expected file without blank and comment lines, as one string of sorted lines. */
static char *read_expected(const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct buf b = { 0 };
	if (!fp)
		return NULL;
	while (fgets(line, sizeof line, fp)) {
		char *s = str_trim(line);
		if (*s && *s != '#') {
			GROW(v, cap, n);
			v[n++] = xstrdup(s);
		}
	}
	fclose(fp);
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s\n", v[i]);
	free_list(v, n);
	return buf_take(&b);
}

static char *actual_lines(const struct findings *out, const char *rule)
{
	char **v = xcalloc(out->n + out->nerrors + 1, sizeof *v);
	size_t n = 0;
	struct buf b = { 0 };
	for (size_t i = 0; i < out->n; i++)
		if (!out->v[i].suppressed && (!rule || !strcmp(out->v[i].rule->id, rule)))
			v[n++] = xasprintf("%s %d", out->v[i].rule->id, out->v[i].line);
	for (size_t i = 0; i < out->nerrors; i++)
		v[n++] = xasprintf("error %d", out->errors[i].line);
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s\n", v[i]);
	free_list(v, n);
	return buf_take(&b);
}

static bool exists(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	bool ok = access(p, F_OK) == 0;
	free(p);
	return ok;
}

/* Sets the case's env file lines; returns them for unsetting. */
static char **set_env(const char *dir, size_t *n)
{
	char *p = xasprintf("%s/env", dir);
	FILE *fp = fopen(p, "r");
	char line[1024], **keys = NULL;
	size_t cap = 0;
	*n = 0;
	free(p);
	while (fp && fgets(line, sizeof line, fp)) {
		char *s = str_trim(line), *eq = strchr(s, '=');
		if (!eq || *s == '#')
			continue;
		*eq = '\0';
		setenv(s, eq + 1, 1);
		GROW(keys, cap, *n);
		keys[(*n)++] = xstrdup(s);
	}
	if (fp)
		fclose(fp);
	return keys;
}

/* Cases without a host tree read an empty one: nothing of this machine leaks into them. */
static char empty_root[] = "/tmp/bulwark-fixture-root.XXXXXX";

static void run_audit_case(const char *dir, struct findings *out)
{
	char *engine = xasprintf("%s/engine", dir), *root = xasprintf("%s/root", dir);
	struct audit_opts o = { .replay = engine, .root = root };
	struct audit_counts n;
	size_t nk;
	char **keys = set_env(dir, &nk);
	o.no_engine = !exists(dir, "engine");
	char *st = xasprintf("%s/stat", dir);
	if (exists(dir, "stat"))
		o.stat_overrides = st;
	if (!exists(dir, "root"))
		o.root = empty_root;
	audit_run(&o, out, &n);
	for (size_t i = 0; i < nk; i++)
		unsetenv(keys[i]);
	free_list(keys, nk);
	free(engine);
	free(root);
	free(st);
}

/* image.json: the image it describes, written as a docker-archive and audited from there. */
static void run_image_case(const char *dir, struct findings *out)
{
	char *json = xasprintf("%s/image.json", dir);
	char *tar = xasprintf("%s/image.tar", empty_root);
	char *ref = xasprintf("docker-archive:%s", tar);
	struct image_audit_opts o = { 0 };
	struct image_audit_counts n;
	if (fixture_image_write(json, tar))
		image_audit(&o, &ref, 1, out, &n);
	else
		findings_error(out, json, 0, "cannot read the image description");
	unlink(tar);
	free(ref);
	free(tar);
	free(json);
}

/* vulns.json: an inventory and its candidate OSV records, through the image rules. */
static void run_vulns_case(const char *dir, struct findings *out)
{
	char *json = xasprintf("%s/vulns.json", dir);
	fixture_vulns_run(json, out);
	free(json);
}

/* Returns 1 for a fires case with findings, 2 for a passes case with none, 0 otherwise. */
static int run_case(const char *root, const char *rule_dir, const char *name)
{
	char *dir = xasprintf("%s/%s/%s", root, rule_dir, name);
	char *exp_path = xasprintf("%s/expected", dir);
	char *cfg_path = xasprintf("%s/.bulwark.yaml", dir);
	char *label = xasprintf("%s/%s", rule_dir, name);
	char *want = read_expected(exp_path);
	struct findings out = { 0 };
	/* read first, as the lint pipeline does: its trusted registries go into the models */
	struct config *c = access(cfg_path, F_OK) == 0 ? config_load(cfg_path, &out) : NULL;
	struct lint l = { .out = &out, .trusted_registries = config_registries(c) };
	int kind = 0;
	if (exists(dir, "image.json"))
		run_image_case(dir, &out);
	else if (exists(dir, "vulns.json"))
		run_vulns_case(dir, &out);
	else if (exists(dir, "signature.json"))
		fixture_signature_run(dir, &out);
	else if (exists(dir, "engine") || exists(dir, "root"))
		run_audit_case(dir, &out);
	else
		lint_path(&l, dir);
	if (c)
		config_apply(c, &out, "2026-06-01");
	config_free(c);
	char *got = actual_lines(&out, strncmp(rule_dir, "BW-", 3) ? NULL : rule_dir);
	if (!want) {
		result(false, label, "  missing expected file\n");
	} else {
		char *detail = xasprintf("  %s\n  expected:\n%s  got:\n%s", dir, want, got);
		result(!strcmp(want, got), label, detail);
		free(detail);
		if (str_prefix(name, "fires") && *want)
			kind = 1;
		if (str_prefix(name, "passes") && !*want)
			kind = 2;
	}
	findings_free(&out);
	free(got);
	free(want);
	free(label);
	free(cfg_path);
	free(exp_path);
	free(dir);
	return kind;
}

static void run_rule_dir(const char *root, const char *rule_dir)
{
	char *path = xasprintf("%s/%s", root, rule_dir);
	size_t n;
	char **cases = list_dir(path, &n);
	int kinds = 0;
	for (size_t i = 0; i < n; i++)
		kinds |= run_case(root, rule_dir, cases[i]);
	if (!strncmp(rule_dir, "BW-", 3)) {
		char *label = xasprintf("%s has fires and passes cases", rule_dir);
		result(kinds == 3, label, "  a BW-* directory needs a fires case with findings and a "
		                          "passes case without\n");
		free(label);
	}
	free_list(cases, n);
	free(path);
}

int main(int argc, char **argv)
{
	const char *root = "tests/fixtures", *filter = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--root") && i + 1 < argc)
			root = argv[++i];
		else
			filter = argv[i];
	}
	size_t n;
	char **dirs = list_dir(root, &n);
	if (!mkdtemp(empty_root))
		return 2;
	unsetenv("DOCKER_CONTENT_TRUST");
	for (size_t i = 0; i < n; i++)
		if (!filter || strstr(dirs[i], filter))
			run_rule_dir(root, dirs[i]);
	for (size_t i = 0; i < rules_count && !filter; i++) {
		/* file rules' cases need secrets written at test time: tests/cli/secrets.sh runs them
		 * from tests/secrets/ */
		char *p = rules_all[i]->check_file ? xasprintf("tests/secrets/%s", rules_all[i]->id)
		                                   : xasprintf("%s/%s", root, rules_all[i]->id);
		char *label = xasprintf("%s has fixtures", rules_all[i]->id);
		struct stat st;
		result(stat(p, &st) == 0 && S_ISDIR(st.st_mode), label, "  no fixture directory\n");
		free(label);
		free(p);
	}
	free_list(dirs, n);
	rmdir(empty_root);
	fprintf(stderr, "fixtures: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
