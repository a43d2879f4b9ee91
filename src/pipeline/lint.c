#include "pipeline/lint.h"
#include "pipeline/config.h"
#include "pipeline/fingerprint.h"
#include "collect/compose.h"
#include "collect/discover.h"
#include "pipeline/ignore.h"
#include "pipeline/run.h"
#include "pipeline/sort.h"
#include "collect/input.h"
#include "model/dockerfile.h"
#include "rules/rule.h"
#include "util/progress.h"
#include "util/util.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A pragma before an instruction covers all of its continuation lines. Both lists are in line
 * order, so one merge walk does it. */
static void widen_to_instructions(struct ignores *ig, const struct dockerfile *df)
{
	size_t k = 0;
	for (size_t i = 0; i < ig->n; i++) {
		while (k < df->ninstr && df->instr[k].line < ig->v[i].first)
			k++;
		if (k < df->ninstr && df->instr[k].line == ig->v[i].first)
			ig->v[i].last = df->instr[k].end_line;
	}
}

/* Whether text holds "ignore=": memchr finds the rarer '=' many times faster than memmem
 * finds the word, and this runs over every byte of every file. */
static bool has_ignore(const char *text, size_t len)
{
	for (const char *p = text, *e = text + len; (p = memchr(p, '=', (size_t)(e - p))); p++)
		if (p - text >= 6 && !memcmp(p - 6, "ignore", 6))
			return true;
	return false;
}

/* Inline ignore pragmas of text over the findings from index from on. Every pragma contains
 * "ignore=" ("# bulwark:ignore=...", "# hadolint ignore=..."): most files have none. */
static void apply_pragmas(struct findings *out, size_t from, const struct dockerfile *df,
                          const char *text, size_t len)
{
	struct ignores ig = { .own_line_only = true };
	if (!has_ignore(text, len))
		return;
	ignores_scan(&ig, text, len);
	widen_to_instructions(&ig, df);
	ignores_apply(&ig, out, from, df->path);
	ignores_free(&ig);
}

void lint_dockerfile_text(struct lint *l, const char *path, const char *text, size_t len)
{
	char *err = NULL;
	int err_line = 0;
	struct dockerfile *df = dockerfile_parse(path, text, len, &err, &err_line);
	l->inputs++;
	if (!df) {
		findings_error(l->out, path, err_line, "%s", err ? err : "cannot parse");
		free(err);
		return;
	}
	for (size_t i = 0; i < df->nerrors; i++)   /* docker build would fail: still linted */
		findings_error(l->out, path, df->errors[i].line, "%s", df->errors[i].msg);
	size_t from = l->out->n;
	df->trusted_registries = l->trusted_registries;
	l->out->cur = (struct target){ TK_DOCKERFILE, path, NULL };
	rules_run_dockerfile(df, l->out);
	apply_pragmas(l->out, from, df, text, len);
	findings_sort_from(l->out, from);
	if (l->fingerprints)
		fingerprint_keys(l->out, from, path, text, len, df);
	dockerfile_free(df);
}

/* fd >= 0: path is already open and st describes it. */
static void lint_dockerfile_fd(struct lint *l, const char *path, int fd, const struct stat *st)
{
	char *text;
	size_t len;
	if (!(fd >= 0 ? input_read_lint_open(fd, st, path, &text, &len, l->out)
	              : input_read_lint(path, &text, &len, l->out))) {
		l->inputs++;
		return;
	}
	lint_dockerfile_text(l, path, text, len);
	free(text);
}

void lint_dockerfile(struct lint *l, const char *path)
{
	lint_dockerfile_fd(l, path, -1, NULL);
}

void lint_compose(struct lint *l, const char *const *paths, size_t n)
{
	struct compose_file *files = xcalloc(n, sizeof *files);
	char **texts = xcalloc(n, sizeof *texts);
	size_t nf = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len;
		l->inputs++;
		if (!input_read_lint(paths[i], &texts[nf], &len, l->out))
			continue;
		if (k8s_manifest(texts[nf], len)) {
			findings_warn(l->out, paths[i], 0, "a Kubernetes manifest (apiVersion and kind "
			              "at the top level), not a compose file: not checked");
			free(texts[nf]);
			continue;
		}
		files[nf] = (struct compose_file){ paths[i], texts[nf], len };
		nf++;
	}
	struct compose_project *p = nf ? compose_load(files, nf, l->out) : NULL;
	size_t from = l->out->n;
	for (size_t i = 0; p && i < p->nservices; i++) {
		l->out->cur = (struct target){ TK_COMPOSE, p->services[i]->name, NULL };
		rules_run_cspec(p->services[i], l->out);
	}
	for (size_t i = 0; i < nf; i++) {
		struct ignores ig = { 0 };
		if (l->fingerprints)
			fingerprint_keys(l->out, from, files[i].path, files[i].text, files[i].len,
			                 NULL);
		ignores_scan(&ig, files[i].text, files[i].len);
		ignores_apply(&ig, l->out, from, files[i].path);
		ignores_free(&ig);
		free(texts[i]);
	}
	compose_free(p);
	free(texts);
	free(files);
}

/* compose.override.yaml belongs to compose.yaml in the same directory, as compose merges them. */
static const char *override_for(const struct found_list *fl, const struct found *base)
{
	const char *b = strrchr(base->path, '/');
	size_t dirlen = b ? (size_t)(b - base->path) : 0;
	const char *stem = str_prefix(b ? b + 1 : base->path, "docker-") ? "docker-compose.override."
	                                                                 : "compose.override.";
	for (size_t i = 0; i < fl->n; i++) {
		const char *p = fl->v[i].path, *s = strrchr(p, '/');
		if (fl->v[i].kind == IK_COMPOSE_OVERRIDE && (size_t)(s ? s - p : 0) == dirlen &&
		    strncmp(p, base->path, dirlen) == 0 && str_prefix(s ? s + 1 : p, stem))
			return p;
	}
	return NULL;
}

static bool has_base(const struct found_list *fl, const struct found *ov)
{
	for (size_t i = 0; i < fl->n; i++)
		if (fl->v[i].kind == IK_COMPOSE && override_for(fl, &fl->v[i]) == ov->path)
			return true;
	return false;
}

static void lint_dir(struct lint *l, const char *dir)
{
	struct found_list fl = { 0 };
	struct progress pr;
	size_t nerrors = l->out->nerrors;
	discover(dir, &fl, l->out);
	if (!fl.n && l->out->nerrors == nerrors)   /* as ESLint when a pattern matches no file */
		findings_error(l->out, dir, 0, "no Dockerfile or compose file found");
	progress_start(&pr, fl.n, "linting");
	for (size_t i = 0; i < fl.n; i++) {
		const struct found *f = &fl.v[i];
		const char *pair[2] = { f->path, NULL };
		if (f->kind == IK_DOCKERFILE) {
			lint_dockerfile(l, f->path);
		} else if (f->kind == IK_COMPOSE) {
			pair[1] = override_for(&fl, f);
			lint_compose(l, pair, pair[1] ? 2 : 1);
		} else if (!has_base(&fl, f)) {
			lint_compose(l, pair, 1);
		}
		progress_step(&pr, i + 1);
	}
	progress_end(&pr);
	found_list_free(&fl);
}

/* path opened and described by *st, or -1 when that fails (or for "-"). */
static int open_path(const char *path, struct stat *st)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1;
	if (fd >= 0 && fstat(fd, st) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static bool compose_name(const char *path)
{
	switch (input_kind_of(path)) {
	case IK_COMPOSE:
	case IK_COMPOSE_OVERRIDE:
		return true;
	case IK_DOCKERFILE:
		return false;
	case IK_NONE:
		break;
	}
	return str_suffix(path, ".yaml") || str_suffix(path, ".yml");
}

/* One open and fstat both tell a directory and read a Dockerfile: syscalls are much of the
 * cost of a small input. Where the open fails, stat decides as before. */
void lint_path(struct lint *l, const char *path)
{
	struct stat st;
	int fd = open_path(path, &st);
	if (fd >= 0 ? S_ISDIR(st.st_mode)
	            : strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		lint_dir(l, path);
	} else if (compose_name(path)) {
		if (fd >= 0)
			close(fd);
		lint_compose(l, &path, 1);
	} else {
		lint_dockerfile_fd(l, path, fd, &st);
	}
}

#define MAX_THREADS 8

/* One path of lint_paths: a Dockerfile linted into findings of its own, or deferred (directory,
 * compose file, stdin, cannot open) to the main thread. */
struct job { const char *path; struct findings out; size_t inputs; bool deferred; };
struct jobs { struct job *v; size_t n; atomic_size_t next; const char *const *trusted;
              bool fingerprints; };

static void run_job(struct job *j, const struct jobs *js)
{
	struct stat st;
	struct lint l = { .out = &j->out, .trusted_registries = js->trusted,
	                  .fingerprints = js->fingerprints };
	int fd = compose_name(j->path) ? -1 : open_path(j->path, &st);
	if (fd < 0 || S_ISDIR(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		j->deferred = true;
		return;
	}
	lint_dockerfile_fd(&l, j->path, fd, &st);
	j->inputs = l.inputs;
}

static void *worker(void *arg)
{
	struct jobs *js = arg;
	size_t i;
	while ((i = atomic_fetch_add(&js->next, 1)) < js->n)
		run_job(&js->v[i], js);
	return NULL;
}

static size_t threads_for(size_t n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t t = cpus > 1 ? (size_t)cpus : 1;
	t = t < MAX_THREADS ? t : MAX_THREADS;
	return t < n ? t : n;
}

/* Dockerfiles are linted on every core, each into findings of its own that are then appended in
 * path order: the same report as one at a time. Rules and the parser share no mutable state. */
void lint_paths(struct lint *l, char *const *paths, size_t n)
{
	size_t nt = threads_for(n), started = 0;
	pthread_t tid[MAX_THREADS];
	struct jobs js = { xcalloc(n, sizeof *js.v), n, 0, l->trusted_registries,
	                   l->fingerprints };
	for (size_t i = 0; i < n; i++)
		js.v[i].path = paths[i];
	while (started + 1 < nt && pthread_create(&tid[started], NULL, worker, &js) == 0)
		started++;
	worker(&js);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	for (size_t i = 0; i < n; i++) {
		if (js.v[i].deferred) {
			lint_path(l, paths[i]);
		} else {
			findings_move(l->out, &js.v[i].out);
			l->inputs += js.v[i].inputs;
		}
	}
	free(js.v);
}

/* The config is read first: its trusted registries are part of the Dockerfiles' models. */
int pipeline_lint(const struct run_end *e, const struct run_files *f)
{
	struct findings out = { 0 };
	struct config *cfg = run_config(e, &out);
	struct lint l = { .out = &out, .trusted_registries = config_registries(cfg),
	                  .fingerprints = run_fingerprints(e) };
	if (f->ncompose)
		lint_compose(&l, (const char *const *)f->compose, f->ncompose);
	lint_paths(&l, f->paths, f->npaths);
	if (!f->ncompose && !f->npaths)
		lint_path(&l, ".");
	return pipeline_finish_config(e, &out, l.inputs, cfg);
}
