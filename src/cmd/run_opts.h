/* Options shared by the commands that produce findings (lint, audit). */
#ifndef BW_RUN_OPTS_H
#define BW_RUN_OPTS_H
#include <stddef.h>
#include "model/finding.h"
#include "pipeline/audit.h"
#include "report/report.h"

struct run_opts {
	enum report_format format;
	const char *output;         /* NULL: stdout */
	int fail_on;                /* -1: from config, else high */
	const char *config;         /* --config */
	int no_config;
	int color;                  /* -1 auto, 0 never, 1 always */
	char **compose; size_t ncompose;   /* -f, in order */
	char **paths; size_t npaths;
	struct audit_opts audit;    /* audit's own options; lint refuses them */
	int audit_set;
	const char *cache;          /* image: --cache FILE */
	int no_cache;               /* image: --no-cache */
	unsigned long long max_layer_bytes;   /* image: --max-layer-size */
};

/* Returns -1 to go on, or the exit status (help printed, usage error). */
int run_opts_parse(struct run_opts *o, int argc, char **argv, const char *usage);
/* Lint what the options name (-f files, then paths; "." when neither), then finish. */
int run_opts_lint(struct run_opts *o);
/* Load config, apply it, report, print errors; frees everything; returns the exit status. */
int run_opts_finish(struct run_opts *o, struct findings *out, size_t inputs);
#endif
