/* bulwark baseline: the runtime watch's stored baselines shown, exported or imported. */
#include "collect/engine.h"
#include "collect/watch_store.h"
#include "pipeline/run.h"
#include "pipeline/watch.h"
#include "report/watch.h"
#include "util/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_MAX (64u << 20)

/* The file parsed first: a bad one leaves the store as it was (or not made). */
static int import(const char *store, const char *file)
{
	char *text = NULL, err[1024];
	size_t len = 0;
	int e = engine_slurp(file, IMPORT_MAX, &text, &len);
	if (e) {
		fprintf(stderr, "bulwark baseline: %s: %s\n", file, engine_errno_text(e));
		return EXIT_ERROR;
	}
	struct watch_base *v;
	size_t n;
	int rc = watch_base_parse(file, text, len, &v, &n, err, sizeof err);
	free(text);
	if (rc != 0) {
		fprintf(stderr, "bulwark baseline: %s\n", err);
		return EXIT_ERROR;
	}
	struct watch_store *s = watch_store_open(store, true, err, sizeof err);
	if (!s) {
		fprintf(stderr, "bulwark baseline: %s\n", err);
		rc = -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		if ((rc = watch_store_save(s, &v[i], err, sizeof err)) != 0)
			fprintf(stderr, "bulwark baseline: %s\n", err);
	for (size_t i = 0; i < n; i++)
		watch_base_free(&v[i]);
	free(v);
	watch_store_close(s);
	if (rc == 0)
		fprintf(stderr, "bulwark baseline: %zu imported into %s\n", n, store);
	return rc == 0 ? EXIT_CLEAN : EXIT_ERROR;
}

/* The baselines o asks for, loaded: 0, or -1 (said on stderr). */
static int load(struct watch_store *s, const struct watch_baseline_opts *o,
                struct watch_base **v, size_t *n)
{
	char **images = o->images, err[1024];
	size_t ni = o->nimages;
	if (!ni && watch_store_images(s, &images, &ni, err, sizeof err) != 0) {
		fprintf(stderr, "bulwark baseline: %s\n", err);
		return -1;
	}
	*v = xcalloc(ni + 1, sizeof **v);
	*n = 0;
	int rc = 0;
	for (size_t i = 0; i < ni && rc == 0; i++) {
		int r = watch_store_load(s, images[i], &(*v)[(*n)++], err, sizeof err);
		if (r < 0)
			fprintf(stderr, "bulwark baseline: %s\n", err);
		else if (r == 0)
			fprintf(stderr, "bulwark baseline: %s: no baseline stored for this image\n",
			        images[i]);
		rc = r > 0 ? 0 : -1;
	}
	if (!o->nimages) {
		for (size_t i = 0; i < ni; i++)
			free(images[i]);
		free(images);
	}
	return rc;
}

int pipeline_watch_baseline(const struct watch_baseline_opts *o)
{
	char path[4096], err[1024];
	const char *store = o->store ? o->store : watch_store_default_path(path, sizeof path);
	if (!store) {
		fprintf(stderr, "bulwark baseline: no --store given and neither XDG_STATE_HOME nor "
		        "HOME is set\n");
		return EXIT_ERROR;
	}
	if (o->op == WB_IMPORT)
		return import(store, o->file);
	struct watch_store *s = watch_store_open(store, false, err, sizeof err);
	if (!s) {
		fprintf(stderr, "bulwark baseline: %s\n", err);
		return EXIT_ERROR;
	}
	struct watch_base *v = NULL;
	size_t n = 0;
	int rc = load(s, o, &v, &n) == 0 ? EXIT_CLEAN : EXIT_ERROR;
	watch_store_close(s);
	FILE *fp = rc == EXIT_CLEAN && o->output ? fopen(o->output, "w") : stdout;
	if (!fp) {
		fprintf(stderr, "bulwark baseline: %s: %s\n", o->output, strerror(errno));
		rc = EXIT_ERROR;
	} else if (rc == EXIT_CLEAN) {
		int w = o->op == WB_SHOW ? report_watch_bases_text(fp, v, n)
		                         : report_watch_bases_json(fp, v, n);
		if (fp != stdout && fclose(fp) != 0)
			w = -1;
		if (w != 0) {
			fprintf(stderr, "bulwark baseline: %s: %s\n", o->output ? o->output : "stdout",
			        strerror(errno));
			rc = EXIT_ERROR;
		}
	}
	for (size_t i = 0; i < n; i++)
		watch_base_free(&v[i]);
	free(v);
	return rc;
}
