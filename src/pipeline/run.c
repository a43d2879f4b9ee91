#include "pipeline/run.h"
#include "pipeline/sort.h"
#include "pipeline/config.h"
#include "pipeline/baseline.h"
#include "pipeline/fingerprint.h"
#include "pipeline/image_audit.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void print_problems(const struct findings *out)
{
	for (size_t i = 0; i < out->nwarnings; i++) {
		const struct warning *w = &out->warnings[i];
		if (w->line)
			fprintf(stderr, "bulwark: warning: %s:%d: %s\n", w->input, w->line, w->message);
		else
			fprintf(stderr, "bulwark: warning: %s: %s\n", w->input, w->message);
	}
	for (size_t i = 0; i < out->nerrors; i++) {
		const struct input_error *e = &out->errors[i];
		if (e->line)
			fprintf(stderr, "bulwark: %s:%d: %s\n", e->input, e->line, e->message);
		else
			fprintf(stderr, "bulwark: %s: %s\n", e->input, e->message);
	}
}

void run_print_problems(const struct findings *out)
{
	print_problems(out);
}

struct config *run_config(const struct run_end *e, struct findings *out)
{
	char *found = NULL;
	struct config *c = NULL;
	if (e->no_config)
		return NULL;
	if (e->config || (found = config_find()))
		c = config_load(e->config ? e->config : found, out);
	free(found);
	return c;
}

static bool want_color(const struct run_end *e, FILE *fp)
{
	if (e->color >= 0)
		return e->color;
	return !getenv("NO_COLOR") && isatty(fileno(fp));
}

/* The config's fail-on applies when the command line sets none. */
static int apply_config(const struct run_end *e, struct findings *out, struct config *cfg)
{
	char day[11];
	today(day);
	if (cfg)
		config_apply(cfg, out, day);
	config_apply_ignore_ids(e->ignore, e->nignore, out);
	int fail_on = e->fail_on >= 0 ? e->fail_on : cfg && cfg->fail_on >= 0 ? cfg->fail_on
	                                                                      : SEV_HIGH;
	config_free(cfg);
	return fail_on;
}

int pipeline_finish(const struct run_end *e, struct findings *out, size_t inputs)
{
	return pipeline_finish_config(e, out, inputs, run_config(e, out));
}

int pipeline_finish_config(const struct run_end *e, struct findings *out, size_t inputs,
                           struct config *cfg)
{
	int fail_on = apply_config(e, out, cfg);
	findings_sort(out);
	if (run_fingerprints(e))
		fingerprint_all(out);
	size_t baselined = e->baseline ? baseline_apply(e->baseline, out) : 0;
	FILE *fp = e->output ? fopen(e->output, "w") : stdout;
	int rc = EXIT_ERROR;
	if (!fp) {
		fprintf(stderr, "bulwark: %s: cannot write report: %m\n", e->output);
	} else {
		struct report_opts ro = { e->format, want_color(e, fp), (enum severity)fail_on, inputs,
		                          e->output != NULL, baselined };
		run_store_record(e, out);
		print_problems(out);
		if (report_write(fp, out, &ro) != 0 || (e->output && fclose(fp) != 0) ||
		    (!e->output && fflush(fp) != 0))
			fprintf(stderr, "bulwark: cannot write report\n");
		else if (out->nerrors)
			rc = EXIT_ERROR;
		else
			rc = report_failing(out, (enum severity)fail_on) ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	findings_free(out);
	return rc;
}

bool run_fingerprints(const struct run_end *e)
{
	return e->baseline || e->store.url || e->format == FMT_JSON || e->format == FMT_SARIF ||
	       e->format == FMT_GITLAB;
}

int run_fail_on_parse(const char *s)
{
	return str_ieq(s, "none") ? FAIL_ON_NONE : severity_parse(s);
}

char *run_cache_file(const struct run_cache *c)
{
	if (c->no_cache)
		return NULL;
	return c->cache ? xstrdup(c->cache) : image_cache_default();
}
